/**
 * F2: a repair's progress, recorded from its detail as the repair goes on: who it is assigned to
 * (a department or a contractor) and when it was completed. The same rules as a new entry run on
 * the entry as it would be (validateLogEntry: a repair only; completed not before it occurred, not
 * in the future, and only once assigned). H3: these are follow-up fields, so a repair of a
 * handed-over duty still takes them (ENTRY_FOLLOW_UP_FIELDS; the server keeps the same list).
 */
import type { LogEntry } from '../../../domain/entities';
import { validateLogEntry, type LogFieldError } from '../../../domain/log-entry';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { patchRow, runWrite } from '../write';
import { assertEntryPatchAllowed, lockTables } from './handover-locks';
import { plain } from './repo-helpers';
import type { WriteContext } from './write-context';

export type RepairErrors = { assignedTo?: LogFieldError; completedAt?: LogFieldError };

/**
 * Records the assignee and the completion time (null: not completed yet) of repair `entryId`.
 * @throws RowNotFoundError when the entry is not on this tablet.
 */
export async function recordRepairProgress(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; assignedTo: string; completedAt: number | null },
): Promise<Result<LogEntry, RepairErrors>> {
  return runWrite(db, [db.logEntry, ...lockTables(db)], async () => {
    const row = await db.logEntry.get(input.entryId);
    if (!row || row.deleted) throw new RowNotFoundError('logEntry', input.entryId);
    const entry = plain(row);
    const patch = { assignedTo: input.assignedTo.trim(), completedAt: input.completedAt };
    const rules = validateLogEntry({ ...entry, ...patch }, { nowMs: ctx.now(), dutyStartedAt: null });
    const errors: RepairErrors = {};
    if (rules.assignedTo !== undefined) errors.assignedTo = rules.assignedTo;
    if (rules.completedAt !== undefined) errors.completedAt = rules.completedAt;
    if (errors.assignedTo !== undefined || errors.completedAt !== undefined) return fail(errors);
    await assertEntryPatchAllowed(db, entry.dutyId, Object.keys(patch));
    await patchRow(db, ctx, 'logEntry', entry.id, patch);
    return ok({ ...entry, ...patch });
  });
}
