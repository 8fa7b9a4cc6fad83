/**
 * A refused patch sent again, edited (issue 7 §8): the fields it changed, with the typed ones
 * replaced, patched onto the row as it is now, after the same checks the server makes (H6 for an
 * entry or a task, H7 for who changes an instruction, H3 for an entry of a handed-over duty).
 */
import type { LogEntry, Role } from '../../../domain/entities';
import { hasErrors, validateLogEntry } from '../../../domain/log-entry';
import { checkRowRules } from '../../../domain/row-rules';
import { IMMUTABLE_FIELDS } from '../../../domain/sync-protocol';
import type { SyncError } from '../../../domain/entities';
import type { Task } from '../../../domain/task-entities';
import { validateTask } from '../../../domain/task-rules';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { patchRow, runWrite } from '../write';
import { dutyLocked, lockTables } from './handover-locks';
import { isEmpty, plain } from './repo-helpers';
import { issuesOf, type RefusalIssue } from './resend-spec';
import type { WriteContext } from './write-context';

type Fields = Record<string, unknown>;

const IMMUTABLE = new Set<string>(IMMUTABLE_FIELDS);

/** H3: what may still change on an entry of a handed-over duty (the server's row-locks.ts). */
function onlyFollowUp(patch: Fields, row: Fields): boolean {
  return Object.keys(patch).every(
    (k) => k === 'status' || k === 'result' || (k === 'process' && String(row['process']).trim() === ''),
  );
}

/**
 * Patches the row a refused `logEntry` or `task` patch named. Call inside the resend's
 * transaction. Nothing is written on problems.
 * @throws RowNotFoundError when the row is not on this tablet.
 */
export async function repatch(
  db: HandoverDb,
  ctx: WriteContext,
  refusal: SyncError,
  values: Readonly<Record<string, string>>,
  role: Role,
): Promise<Result<true, RefusalIssue[]>> {
  if (refusal.table !== 'logEntry' && refusal.table !== 'task') return fail([{ path: '', code: 'invalid' }]);
  const table = refusal.table;
  return runWrite(db, [db.logEntry, db.task, ...lockTables(db)], async () => {
    const stored = await db.syncTable(table).get(refusal.rowId);
    if (!stored || stored['deleted'] === true) throw new RowNotFoundError(table, refusal.rowId);
    const row = plain(stored);
    const patch: Fields = {};
    for (const [k, v] of Object.entries(refusal.fields)) if (!IMMUTABLE.has(k)) patch[k] = v;
    Object.assign(patch, values);
    // The person sending it now is the one who closes the work.
    if ('closedBy' in patch) patch['closedBy'] = ctx.actorStaffId;
    if ('closedAt' in patch) patch['closedAt'] = ctx.now();
    const next = { ...row, ...patch };
    if (table === 'logEntry') {
      if ((await dutyLocked(db, String(row['dutyId']))) && !onlyFollowUp(patch, row)) {
        return fail([{ path: '', code: 'locked' }]);
      }
      const errors = validateLogEntry(next as LogEntry, { nowMs: ctx.now(), dutyStartedAt: null });
      if (hasErrors(errors)) return fail(issuesOf(errors));
    } else {
      const { kind: _ruleOnly, ...content } = validateTask(next as Task, role);
      if (!isEmpty(content)) return fail(issuesOf(content));
      if (checkRowRules('task', row, next, { id: ctx.actorStaffId, role }, () => undefined) !== null) {
        return fail([{ path: '', code: 'notAllowed' }]);
      }
    }
    await patchRow(db, ctx, table, refusal.rowId, patch);
    return ok(true as const);
  });
}
