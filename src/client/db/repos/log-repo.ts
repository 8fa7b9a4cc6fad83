/** The duty record (F3, D1, D5, H6): log entries and their append-only amendments. */
import { LogAmendment, LogEntryFields, type EntryStatus, type LogEntry } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { hasErrors, validateLogEntry, type LogFieldError, type LogFieldErrors } from '../../../domain/log-entry';
import type { Task } from '../../../domain/task-entities';
import { overLimit } from '../../../domain/text-limits';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { assertDutyUnlocked, lockTables } from './handover-locks';
import { addPhotoInTx, photoTables, type PreparedPhoto } from './photo-repo';
import { isEmpty, plain } from './repo-helpers';
import type { WriteContext } from './write-context';

/**
 * Records a new entry in the duty `dutyId`. The rules run first against the server-corrected time
 * and the duty's start (T1: an earlier occurred-at needs its reason); on any error nothing is
 * written and the field errors are returned. A photo (already compressed and hashed) is stored
 * with the entry in the same transaction, and so is the pending work a referred entry opens (H4).
 * @throws LockedError when the duty has been handed over (H3): its record is closed.
 */
export async function createLogEntry(
  db: HandoverDb,
  ctx: WriteContext,
  input: { dutyId: string; fields: LogEntryFields; photo?: PreparedPhoto },
): Promise<Result<LogEntry, LogFieldErrors>> {
  const tables = [db.logEntry, db.duty, db.task, ...lockTables(db), ...photoTables(db)];
  return runWrite(db, tables, async () => {
    const now = ctx.now();
    const duty = await db.duty.get(input.dutyId);
    // A duty not on this tablet (yet) has no known start: the server checks T1 against its own.
    const dutyStartedAt = duty && !duty.deleted ? duty.startedAt : null;
    const errors = validateLogEntry(input.fields, { nowMs: now, dutyStartedAt });
    if (hasErrors(errors)) return fail(errors);
    await assertDutyUnlocked(db, input.dutyId);
    const entry = await insertRow(db, ctx, 'logEntry', 'put', {
      id: newId(),
      siteId: ctx.siteId,
      ...input.fields,
      dutyId: input.dutyId,
      staffId: ctx.actorStaffId,
      recordedAt: now,
      deviceTime: ctx.deviceNow(),
    });
    if (input.photo) await addPhotoInTx(db, ctx, { ownerTable: 'logEntry', ownerId: entry.id, photo: input.photo });
    if (entry.status === 'referred') await openReferralTask(db, ctx, entry, entry.process);
    return ok(entry);
  });
}

export type AmendErrors = {
  text?: 'required' | 'tooLong';
  result?: 'required' | 'tooLong';
  /** H4: a referral names the department it went to. */
  referredTo?: LogFieldError;
  /** H11(b): an equipment operation is closed only once its end is recorded. */
  operationEndedAt?: LogFieldError;
  /** H11(a): an emergency in progress is never referred away. */
  status?: LogFieldError;
};

/** The rule errors an amendment answers for: the fields its status change writes or depends on. */
const STATUS_RULE_FIELDS = ['status', 'referredTo', 'operationEndedAt'] as const;

/**
 * Appends an amendment to an entry (D5: what was written is never changed). With `statusChange`
 * the entry's status is patched too, in the same transaction, and `result` when given.
 * H6: resolving needs a result, unless the entry already has one. Resolving or referring an entry
 * whose "process" is still empty files the amendment text as the process, since it says what was
 * done; the server would otherwise refuse the closed entry (H6).
 * H4, H11(a): referring (`statusChange: 'referred'`) names the department in `referredTo` and opens
 * linked pending work in the same transaction; an emergency cannot be referred, and an equipment
 * operation is neither resolved nor referred before its end is recorded (H11(b)).
 * H3: an entry of a handed-over duty keeps its content; the amendment is the addendum and only the
 * follow-up fields change with it (the server refuses any other field as `locked`).
 * @throws RowNotFoundError when the entry is not on this tablet.
 */
export async function amendLogEntry(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; text: string; statusChange: EntryStatus | null; result?: string; referredTo?: string },
): Promise<Result<LogAmendment, AmendErrors>> {
  const text = input.text.trim();
  const result = input.result?.trim() ?? '';
  // No lock check here (H3): an amendment is how a locked duty's entry may still change; the
  // server refuses any field besides status, result, an empty process and the referral or
  // operation end as `locked`.
  return runWrite(db, [db.logEntry, db.logAmendment, db.task], async () => {
    const entry = await getLiveEntry(db, input.entryId);
    // Within the schemas' limits, so the server never refuses what was shown as saved (issue 7).
    const errors: AmendErrors = { ...overLimit(LogAmendment, { text }), ...overLimit(LogEntryFields, { result }) };
    if (text === '') errors.text = 'required';
    if (input.statusChange === 'resolved' && result === '' && entry.result.trim() === '') errors.result = 'required';
    const patch = input.statusChange === null ? null : statusPatch(entry, input.statusChange, text, result, input);
    if (patch !== null) {
      // The same rules as a new entry, on the entry as it would be after this amendment. The duty's
      // start is not asked again (null): the occurred-at was checked when the entry was written.
      const rules = validateLogEntry({ ...entry, ...patch }, { nowMs: ctx.now(), dutyStartedAt: null });
      for (const f of STATUS_RULE_FIELDS) if (rules[f] !== undefined) errors[f] = rules[f];
    }
    if (!isEmpty(errors)) return fail(errors);

    const amendment = await insertRow(db, ctx, 'logAmendment', 'append', {
      id: newId(),
      siteId: ctx.siteId,
      entryId: entry.id,
      staffId: ctx.actorStaffId,
      text,
      statusChange: input.statusChange,
      recordedAt: ctx.now(),
      deviceTime: ctx.deviceNow(),
    });
    if (patch !== null) {
      await patchRow(db, ctx, 'logEntry', entry.id, patch);
      if (patch.status === 'referred') {
        // The pending work says all that was done: the entry's process and what this referral adds.
        const done = [...new Set([patch.process ?? entry.process, text].map((x) => x.trim()).filter(Boolean))];
        await openReferralTask(db, ctx, { ...plain(entry), ...patch }, done.join('\n\n').slice(0, TASK_PROCESS_MAX));
      }
    }
    return ok(amendment);
  });
}

/** The fields a status change writes on the entry. */
function statusPatch(
  entry: LogEntry,
  status: EntryStatus,
  text: string,
  result: string,
  input: { referredTo?: string },
): Partial<LogEntryFields> {
  const patch: Partial<LogEntryFields> = { status };
  if (result !== '') patch.result = result;
  if (status !== 'open' && entry.process.trim() === '') patch.process = text;
  if (status === 'referred') patch.referredTo = input.referredTo?.trim() ?? '';
  return patch;
}

/**
 * H11(b): records the end of an equipment operation (`endedAt`, or now on the server-corrected
 * clock when null). Until then the operation blocks the handover and cannot be resolved. An end
 * already recorded is kept (D5) and returned unchanged.
 * @throws RowNotFoundError when the entry is not on this tablet.
 */
export async function recordOperationEnd(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; endedAt: number | null },
): Promise<Result<LogEntry, { operationEndedAt?: LogFieldError }>> {
  return runWrite(db, [db.logEntry], async () => {
    const entry = await getLiveEntry(db, input.entryId);
    if (entry.operationEndedAt !== null) return ok(plain(entry));
    const now = ctx.now();
    const operationEndedAt = input.endedAt ?? now;
    const rules = validateLogEntry({ ...entry, operationEndedAt }, { nowMs: now, dutyStartedAt: null });
    if (rules.operationEndedAt !== undefined) return fail({ operationEndedAt: rules.operationEndedAt });
    await patchRow(db, ctx, 'logEntry', entry.id, { operationEndedAt });
    return ok(plain(await getLiveEntry(db, entry.id)));
  });
}

async function getLiveEntry(db: HandoverDb, entryId: string) {
  const entry = await db.logEntry.get(entryId);
  if (!entry || entry.deleted) throw new RowNotFoundError('logEntry', entryId);
  return entry;
}

const TASK_TITLE_MAX = 200;
const TASK_PROCESS_MAX = 4000;

/** "Lift 2 stuck at 5/F → Engineering", the cause shortened so the department always shows. */
export function referralTitle(cause: string, referredTo: string): string {
  const tail = ` → ${referredTo.trim()}`;
  const room = TASK_TITLE_MAX - tail.length;
  const head = cause.trim();
  if (head.length <= room) return head + tail;
  // Never cut a surrogate pair in two (rare CJK characters live outside the BMP).
  let cut = head.slice(0, room - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…${tail}`;
}

/**
 * H4, H11(a): a referred entry opens linked pending work, carried at every handover until the
 * department's work is done: a task of kind `unfinished` pointing back at the entry, with its
 * cause and what was done (`process`). Not important (only a chief or manager flags work important, H4), so it
 * does not block the handover the referral was made to allow. Call inside the write transaction;
 * an entry that already has open linked work (referred, reopened, referred again) gets no second.
 */
async function openReferralTask(
  db: HandoverDb,
  ctx: WriteContext,
  entry: Pick<LogEntry, 'id' | 'cause' | 'referredTo' | 'dutyId'>,
  process: string,
): Promise<void> {
  const linked = await db.task.where('sourceId').equals(entry.id).toArray();
  if (linked.some((t) => !t.deleted && t.status === 'open' && t.sourceTable === 'logEntry')) return;
  const task: Omit<Task, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    kind: 'unfinished',
    title: referralTitle(entry.cause, entry.referredTo),
    cause: entry.cause,
    process,
    result: '',
    important: false,
    status: 'open',
    createdBy: ctx.actorStaffId,
    createdAt: ctx.now(),
    dutyId: entry.dutyId,
    sourceTable: 'logEntry',
    sourceId: entry.id,
    itemId: null,
    closedBy: null,
    closedAt: null,
  };
  await insertRow(db, ctx, 'task', 'put', task);
}
