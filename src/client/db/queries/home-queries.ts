/**
 * What waits for the property office manager (issue 8, "A home for each role"), meant for
 * `useLiveQuery(() => managerQueue(db))`: the swap and cover requests the section chief confirmed
 * and the manager has yet to approve (S1), and the escalations sent to the manager and not yet
 * decided (D3). Tombstoned rows are left out.
 */
import type { LogEntry } from '../../../domain/entities';
import type { Escalation } from '../../../domain/review-entities';
import type { RotaShift, SwapRequest } from '../../../domain/rota-entities';
import type { HandoverDb } from '../schema';
import { rotaShiftsByIds } from './lookups';

export interface AwaitingSwap {
  swap: SwapRequest;
  /** The shift given away, when it is on this device. */
  shift: RotaShift | undefined;
}

export interface AwaitingEscalation {
  escalation: Escalation;
  /** The entry escalated, when it is on this device. */
  entry: LogEntry | undefined;
}

export interface ManagerQueue {
  swaps: AwaitingSwap[];
  escalations: AwaitingEscalation[];
}

/**
 * D3: escalations sent to the manager (`level` manager) and not decided yet, oldest first: the
 * longest waiting comes first.
 */
export async function escalationsAwaitingManager(db: HandoverDb): Promise<Escalation[]> {
  const sent = await db.escalation.where('level').equals('manager').toArray();
  return sent
    .filter((e) => !e.deleted && e.decidedAt === null)
    .sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}

/** S1: requests the section chief confirmed, waiting for the manager's approval, oldest first. */
export async function swapsAwaitingManager(db: HandoverDb): Promise<SwapRequest[]> {
  const confirmed = await db.swapRequest.where('status').equals('confirmed').toArray();
  return confirmed.filter((s) => !s.deleted).sort((a, b) => a.requestedAt - b.requestedAt || a.id.localeCompare(b.id));
}

/** Everything the manager's home lists, with the shift and entry each item names. */
export async function managerQueue(db: HandoverDb): Promise<ManagerQueue> {
  const [swaps, escalations] = await Promise.all([swapsAwaitingManager(db), escalationsAwaitingManager(db)]);
  const shifts = await rotaShiftsByIds(
    db,
    swaps.map((s) => s.rotaShiftId),
  );
  const entries = await db.logEntry.bulkGet(escalations.map((e) => e.entryId));
  return {
    swaps: swaps.map((swap) => ({ swap, shift: shifts.get(swap.rotaShiftId) })),
    escalations: escalations.map((escalation, i) => {
      const entry = entries[i];
      return { escalation, entry: entry && !entry.deleted ? entry : undefined };
    }),
  };
}
