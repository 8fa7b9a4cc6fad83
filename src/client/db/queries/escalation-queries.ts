/** Read functions for escalations (D2, D3), meant for `useLiveQuery(() => fn(db, ...))`. */
import type { Role } from '../../../domain/entities';
import { compareEscalations, isRecipient } from '../../../domain/escalation-rules';
import type { Escalation } from '../../../domain/review-entities';
import type { HandoverDb } from '../schema';

const live = (rows: Escalation[]) => rows.filter((e) => !e.deleted);

/** One escalation, or undefined when it is not on this tablet (or deleted). */
export async function getEscalation(db: HandoverDb, id: string): Promise<Escalation | undefined> {
  const row = await db.escalation.get(id);
  return row && !row.deleted ? row : undefined;
}

/** The escalations of one duty-record entry, oldest first (a chief's, then its forward to the manager). */
export async function escalationsOfEntry(db: HandoverDb, entryId: string): Promise<Escalation[]> {
  const rows = live(await db.escalation.where('entryId').equals(entryId).toArray());
  return rows.sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}

/**
 * The queue of a person of `role` (D3): the escalations that go to them, unacknowledged first, then
 * awaiting decision, then decided; newest first within each.
 */
export async function escalationQueue(db: HandoverDb, role: Role): Promise<Escalation[]> {
  const rows = live(await db.escalation.toArray()).filter((e) => isRecipient(e.level, role));
  return rows.sort(compareEscalations);
}

/** Every escalation of the building nobody has acknowledged yet, oldest first: the desk's banner. */
export async function unacknowledgedEscalations(db: HandoverDb): Promise<Escalation[]> {
  const rows = live(await db.escalation.toArray()).filter((e) => e.acknowledgedBy === null);
  return rows.sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}
