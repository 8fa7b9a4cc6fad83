/**
 * Sending a refused change again, edited (issue 7 §8): nothing typed is lost on a refusal. The
 * change is written as a new op by the ordinary repositories (a new row for a put or append the
 * server never stored, a patch of the existing row for a refused patch), and the refusal is marked
 * dealt with in the same transaction, so it never shows as open once its change is queued again.
 */
import { EntryStatus, LogEntryFields, type Role, type SyncError } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { ItemMovement } from '../../../domain/item-entities';
import { validateMovement } from '../../../domain/loan-rules';
import { TASK_KINDS } from '../../../domain/task-entities';
import { LockedError, RowNotFoundError, rethrowStorageError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import { dutyLocked } from './handover-locks';
import { createLogEntry } from './log-repo';
import { isClosed } from './movement-helpers';
import { dismissInTx } from './refusal-repo';
import { repatch } from './resend-patch';
import { canResend, fieldIssues, issuesOf, typedFields, type RefusalIssue } from './resend-spec';
import { plain, roleOf } from './repo-helpers';
import { addTaskNote, createTask } from './task-repo';
import type { WriteContext } from './write-context';

export type ResendResult = Result<{ table: string; rowId: string }, RefusalIssue[]>;

type Fields = Record<string, unknown>;

/** Zod issues of a whole row as refusal issues (limits on the typed fields come from fieldIssues). */
function parseIssues(error: { issues: readonly { path: readonly PropertyKey[]; code: string }[] }): RefusalIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
}

/**
 * Sends the refused change `refusalId` again with the typed fields replaced by `edits`, written
 * by `ctx.actorStaffId` now (T1), and marks the refusal dealt with. On any problem (a limit, an
 * H6 rule, no open duty to file an entry in) nothing is written and the problems are returned.
 * @throws RowNotFoundError when the refusal is not on this tablet.
 */
export async function resendRefusal(
  db: HandoverDb,
  ctx: WriteContext,
  refusalId: string,
  edits: Readonly<Record<string, string>>,
): Promise<ResendResult> {
  const stored = await db.syncError.get(refusalId);
  if (!stored || stored.deleted) throw new RowNotFoundError('syncError', refusalId);
  const refusal: SyncError = plain(stored);
  if (!canResend(refusal)) throw new Error(`the refused ${refusal.table} ${refusal.opKind} cannot be sent again`);
  const values: Record<string, string> = {};
  for (const f of typedFields(refusal)) values[f] = edits[f] ?? String(refusal.fields[f] ?? '');
  const limits = fieldIssues(refusal.table, values);
  if (limits.length > 0) return fail(limits);
  const role = (await roleOf(db, ctx.actorStaffId)) ?? 'desk';
  try {
    // One transaction over every table: the repositories' own writes nest inside it.
    return await db.transaction('rw', db.tables, async () => {
      const written = await writeAgain(db, ctx, refusal, values, role);
      if (written.ok) await dismissInTx(db, ctx, refusal.id);
      return written;
    });
  } catch (e) {
    if (e instanceof RowNotFoundError) return fail([{ path: '', code: 'targetMissing' }]);
    if (e instanceof LockedError) return fail([{ path: '', code: 'locked' }]);
    return rethrowStorageError(e);
  }
}

async function writeAgain(
  db: HandoverDb,
  ctx: WriteContext,
  refusal: SyncError,
  values: Record<string, string>,
  role: Role,
): Promise<ResendResult> {
  const f: Fields = { ...refusal.fields, ...values };
  const done = (rowId: string): ResendResult => ok({ table: refusal.table, rowId });
  switch (`${refusal.table}:${refusal.opKind}`) {
    case 'logEntry:put': {
      const dutyId = await dutyToFileIn(db, ctx, String(f['dutyId']));
      if (dutyId === null) return fail([{ path: '', code: 'noDuty' }]);
      const fields = LogEntryFields.safeParse(f);
      if (!fields.success) return fail(parseIssues(fields.error));
      const entry = await createLogEntry(db, ctx, { dutyId, fields: fields.data });
      return entry.ok ? done(entry.value.id) : fail(issuesOf(entry.errors));
    }
    case 'task:put': {
      const kind = TASK_KINDS.find((k) => k === f['kind']);
      if (kind === undefined) return fail([{ path: 'kind', code: 'invalid' }]);
      const dutyId = typeof f['dutyId'] === 'string' && (await db.duty.get(f['dutyId'])) ? f['dutyId'] : null;
      const input = {
        kind,
        title: values['title'] ?? '',
        cause: values['cause'] ?? '',
        process: values['process'] ?? '',
      };
      const task = await createTask(db, ctx, { ...input, important: f['important'] === true, dutyId }, role);
      return task.ok ? done(task.value.id) : fail(issuesOf(task.errors));
    }
    case 'taskNote:append': {
      const note = await addTaskNote(db, ctx, { taskId: String(f['taskId']), text: values['text'] ?? '' });
      return note.ok ? done(note.value.id) : fail(issuesOf(note.errors));
    }
    case 'logAmendment:append':
      return amendAgain(db, ctx, f, done);
    case 'itemMovement:append':
      return moveAgain(db, ctx, f, done);
    default: {
      const patched = await repatch(db, ctx, refusal, values, role);
      return patched.ok ? done(refusal.rowId) : patched;
    }
  }
}

/**
 * The duty a re-sent entry is filed in: its own, while still open and not handed over (H3);
 * otherwise the open duty of the person sending it, who is recording it now; else none.
 */
async function dutyToFileIn(db: HandoverDb, ctx: WriteContext, original: string): Promise<string | null> {
  const open = async (id: string | undefined) => {
    const duty = id === undefined ? undefined : await db.duty.get(id);
    return !!duty && !duty.deleted && duty.endedAt === null && !(await dutyLocked(db, duty.id));
  };
  if (await open(original)) return original;
  const mine = await db.duty.where('staffId').equals(ctx.actorStaffId).toArray();
  for (const duty of mine.sort((a, b) => b.startedAt - a.startedAt)) if (await open(duty.id)) return duty.id;
  return null;
}

/** An amendment again, as it was (its status change included), under a new id (D5: append-only). */
async function amendAgain(
  db: HandoverDb,
  ctx: WriteContext,
  f: Fields,
  done: (rowId: string) => ResendResult,
): Promise<ResendResult> {
  const statusChange = EntryStatus.nullable().safeParse(f['statusChange'] ?? null);
  if (!statusChange.success) return fail([{ path: 'statusChange', code: 'invalid' }]);
  return runWrite(db, [db.logEntry, db.logAmendment], async () => {
    const entry = await db.logEntry.get(String(f['entryId']));
    if (!entry || entry.deleted) throw new RowNotFoundError('logEntry', String(f['entryId']));
    const row = await insertRow(db, ctx, 'logAmendment', 'append', {
      id: newId(),
      siteId: ctx.siteId,
      entryId: entry.id,
      staffId: ctx.actorStaffId,
      text: String(f['text']).trim(),
      statusChange: statusChange.data,
      recordedAt: ctx.now(),
      deviceTime: ctx.deviceNow(),
    });
    return done(row.id);
  });
}

/** A loan or custody movement again, under a new id, by the person sending it (H8 rules again). */
async function moveAgain(
  db: HandoverDb,
  ctx: WriteContext,
  f: Fields,
  done: (rowId: string) => ResendResult,
): Promise<ResendResult> {
  return runWrite(db, [db.item, db.itemMovement], async () => {
    const item = await db.item.get(String(f['itemId']));
    if (!item || item.deleted) throw new RowNotFoundError('item', String(f['itemId']));
    const parsed = ItemMovement.omit({ updatedAt: true, deleted: true }).safeParse({
      ...f,
      id: newId(),
      siteId: ctx.siteId,
      staffId: ctx.actorStaffId,
      recordedAt: ctx.now(),
      deviceTime: ctx.deviceNow(),
    });
    if (!parsed.success) return fail(parseIssues(parsed.error));
    const m = parsed.data;
    const errors: Record<string, string> = { ...validateMovement(m, item) };
    if (
      (m.kind === 'return' || m.kind === 'custodyOut') &&
      m.closesId !== null &&
      (await isClosed(db, m.closesId, m.kind))
    ) {
      errors['closesId'] = 'alreadyClosed';
    }
    if (Object.keys(errors).length > 0) return fail(issuesOf(errors));
    return done((await insertRow(db, ctx, 'itemMovement', 'append', m)).id);
  });
}
