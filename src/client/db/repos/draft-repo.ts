/**
 * Drafts of half-written forms (issue 7), one per person and form, kept only on this tablet: no
 * outbox op, never synced. Another person signing in on the tablet does not see them.
 */
import { rethrowStorageError } from '../errors';
import type { HandoverDb } from '../schema';

/** The stored draft of `formId` for `staffId`, or undefined when there is none. */
export async function loadDraft(db: HandoverDb, staffId: string, formId: string): Promise<unknown> {
  return (await db.formDraft.get([staffId, formId]))?.value;
}

/** Keeps `value` as the draft of `formId` for `staffId`, replacing the previous one. */
export async function saveDraft(
  db: HandoverDb,
  staffId: string,
  formId: string,
  value: unknown,
  nowMs: number,
): Promise<void> {
  try {
    await db.formDraft.put({ staffId, formId, value, savedAt: nowMs });
  } catch (e) {
    rethrowStorageError(e);
  }
}

/** Forgets the draft of `formId` for `staffId` (after a save, or when the person discards it). */
export async function clearDraft(db: HandoverDb, staffId: string, formId: string): Promise<void> {
  await db.formDraft.delete([staffId, formId]);
}
