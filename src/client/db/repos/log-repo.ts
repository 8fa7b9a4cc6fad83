/** The duty record (F3, D1, D5, H6): log entries and their append-only amendments. */
import { LogAmendment, LogEntryFields, type EntryStatus, type LogEntry } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { hasErrors, validateLogEntry, type LogFieldErrors } from '../../../domain/log-entry';
import { overLimit } from '../../../domain/text-limits';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { assertDutyUnlocked, lockTables } from './handover-locks';
import { addPhotoInTx, photoTables, type PreparedPhoto } from './photo-repo';
import type { WriteContext } from './write-context';

/**
 * Records a new entry in the duty `dutyId`. The H6 rules run first against the server-corrected
 * time (T1); on any error nothing is written and the field errors are returned.
 * A photo (already compressed and hashed) is stored with the entry in the same transaction.
 * @throws LockedError when the duty has been handed over (H3): its record is closed.
 */
export async function createLogEntry(
  db: HandoverDb,
  ctx: WriteContext,
  input: { dutyId: string; fields: LogEntryFields; photo?: PreparedPhoto },
): Promise<Result<LogEntry, LogFieldErrors>> {
  const now = ctx.now();
  const errors = validateLogEntry(input.fields, now);
  if (hasErrors(errors)) return fail(errors);
  const fields: Omit<LogEntry, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    ...input.fields,
    dutyId: input.dutyId,
    staffId: ctx.actorStaffId,
    recordedAt: now,
    deviceTime: ctx.deviceNow(),
  };
  const row = await runWrite(db, [db.logEntry, ...lockTables(db), ...photoTables(db)], async () => {
    await assertDutyUnlocked(db, input.dutyId);
    const entry = await insertRow(db, ctx, 'logEntry', 'put', fields);
    if (input.photo) await addPhotoInTx(db, ctx, { ownerTable: 'logEntry', ownerId: entry.id, photo: input.photo });
    return entry;
  });
  return ok(row);
}

export type AmendErrors = { text?: 'required' | 'tooLong'; result?: 'required' | 'tooLong' };

/**
 * Appends an amendment to an entry (D5: what was written is never changed). With `statusChange`
 * the entry's status is patched too, in the same transaction, and `result` when given.
 * H6: resolving needs a result, unless the entry already has one. Resolving an entry whose
 * "process" is still empty files the amendment text as the process, since it says what was done;
 * the server would otherwise refuse the resolved entry (H6).
 * H3: an entry of a handed-over duty keeps its content; the amendment is the addendum and only
 * `status`, `result` and a still-empty `process` change with it (the server refuses any other
 * field as `locked`).
 * @throws RowNotFoundError when the entry is not on this tablet.
 */
export async function amendLogEntry(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; text: string; statusChange: EntryStatus | null; result?: string },
): Promise<Result<LogAmendment, AmendErrors>> {
  const text = input.text.trim();
  const result = input.result?.trim() ?? '';
  // No lock check here (H3): an amendment is how a locked duty's entry may still change; the
  // server refuses any field besides status, result and an empty process as `locked`.
  return runWrite(db, [db.logEntry, db.logAmendment], async () => {
    const entry = await db.logEntry.get(input.entryId);
    if (!entry || entry.deleted) throw new RowNotFoundError('logEntry', input.entryId);
    // Within the schemas' limits, so the server never refuses what was shown as saved (issue 7).
    const errors: AmendErrors = { ...overLimit(LogAmendment, { text }), ...overLimit(LogEntryFields, { result }) };
    if (text === '') errors.text = 'required';
    if (input.statusChange === 'resolved' && result === '' && entry.result.trim() === '') errors.result = 'required';
    if (errors.text || errors.result) return fail(errors);

    const now = ctx.now();
    const amendment = await insertRow(db, ctx, 'logAmendment', 'append', {
      id: newId(),
      siteId: ctx.siteId,
      entryId: entry.id,
      staffId: ctx.actorStaffId,
      text,
      statusChange: input.statusChange,
      recordedAt: now,
      deviceTime: ctx.deviceNow(),
    });
    if (input.statusChange !== null) {
      const patch: Partial<LogEntryFields> = { status: input.statusChange };
      if (result !== '') patch.result = result;
      if (input.statusChange === 'resolved' && entry.process.trim() === '') patch.process = text;
      await patchRow(db, ctx, 'logEntry', entry.id, patch);
    }
    return ok(amendment);
  });
}
