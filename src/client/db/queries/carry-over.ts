/**
 * What a handover passes on (H4, H5, H7, H9), read from the whole building's rows on this tablet,
 * whichever duty or tablet wrote them. The gate (H11) is in gate-state.ts.
 */
import type { Duty, Item, LogEntry } from '../../../domain/entities';
import { isOpenMajor, type GateEntry } from '../../../domain/gate';
import type { ItemMovement } from '../../../domain/item-entities';
import type { OpenLoan } from '../../../domain/loan-rules';
import type { Task } from '../../../domain/task-entities';
import { entriesForDuty } from '../queries';
import type { HandoverDb } from '../schema';
import { requireHandover } from './count-view';
import { custodyHeldNow, loansNow } from './register-queries';
import { openTasksCarried } from './task-queries';

export interface CarryOver {
  /** Open tasks in carry-over order (important first, then instructions, then newest; H4). */
  tasks: Task[];
  /** H7: open instructions with the read receipt of the person taking over (null: not yet, or nobody joined). */
  instructions: { task: Task; acknowledgedAt: number | null }[];
  /** H11(a): the building's major or emergency entries not yet dealt with (they block), newest first. */
  majorOpen: LogEntry[];
  /** H11(b): the building's equipment operations started and not yet ended (they block), newest first. */
  equipmentInProgress: LogEntry[];
  /** H5: every other major or emergency matter of the outgoing shift, handled or referred, newest first. */
  shiftMajor: LogEntry[];
  overdueLoans: OpenLoan[];
  openLoans: OpenLoan[];
  custody: { movement: ItemMovement; item: Item }[];
  /**
   * H9: the outgoing shift's own record (上一班 is the shift being handed over): its duty and every
   * entry of it, newest first; null for an opening (no duty is handed over).
   */
  shiftRecord: { duty: Duty; entries: LogEntry[] } | null;
}

function newestFirst(a: LogEntry, b: LogEntry): number {
  return b.occurredAt - a.occurredAt || b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);
}

/** Rows written before operation ends existed lack the field; the server reads them as null too. */
function asGateEntry(e: LogEntry): LogEntry & GateEntry {
  return { ...e, operationEndedAt: e.operationEndedAt ?? null };
}

/**
 * The building's entries the gate looks at (H11(a)(b)), newest first: the open ones, and every
 * equipment operation whose end is not recorded, whatever its status.
 */
export async function gateEntries(db: HandoverDb): Promise<LogEntry[]> {
  const [open, equipment] = await Promise.all([
    db.logEntry.where('status').equals('open').toArray(),
    db.logEntry.where('kind').equals('equipmentOp').toArray(),
  ]);
  const byId = new Map<string, LogEntry>();
  for (const e of [...open, ...equipment.filter((x) => (x.operationEndedAt ?? null) === null)]) {
    if (!e.deleted) byId.set(e.id, asGateEntry(e));
  }
  return [...byId.values()].sort(newestFirst);
}

/**
 * When each instruction was acknowledged by `staffId` at the handover `handoverId` (the first
 * receipt counts). H7: superiors' instructions are handed over shift after shift, so the person
 * taking over reads them again at every handover; a receipt from an earlier handover is not this one's.
 */
export async function acknowledgedAt(
  db: HandoverDb,
  staffId: string | null,
  handoverId: string,
): Promise<Map<string, number>> {
  const at = new Map<string, number>();
  if (staffId === null) return at;
  const acks = await db.acknowledgement.where('staffId').equals(staffId).toArray();
  for (const a of acks) {
    if (a.deleted || a.handoverId !== handoverId) continue;
    const seen = at.get(a.taskId);
    if (seen === undefined || a.recordedAt < seen) at.set(a.taskId, a.recordedAt);
  }
  return at;
}

const isMajor = (e: LogEntry) => e.severity === 'major' || e.severity === 'emergency';

/**
 * The carry-over register at a handover: open tasks, instructions with the read receipts of the
 * person taking over (`incomingStaffId`), what blocks (open major events, equipment operations),
 * every other major matter of the shift (H5), loans, custody and the shift's own record (H9).
 * @throws RowNotFoundError when the handover is not on this tablet.
 */
export async function carryOver(
  db: HandoverDb,
  input: { handoverId: string; incomingStaffId: string | null; nowMs: number },
): Promise<CarryOver> {
  const handover = await requireHandover(db, input.handoverId);
  const dutyId = handover.outgoingDutyId;
  const [tasks, acks, entries, loans, custody, duty, shiftEntries] = await Promise.all([
    openTasksCarried(db),
    acknowledgedAt(db, input.incomingStaffId, input.handoverId),
    gateEntries(db),
    loansNow(db, input.nowMs),
    custodyHeldNow(db),
    dutyId === null ? undefined : db.duty.get(dutyId),
    dutyId === null ? [] : entriesForDuty(db, dutyId),
  ]);
  const majorOpen = entries.filter((e) => isOpenMajor(asGateEntry(e)));
  return {
    tasks,
    instructions: tasks
      .filter((t) => t.kind === 'instruction')
      .map((task) => ({ task, acknowledgedAt: acks.get(task.id) ?? null })),
    majorOpen,
    equipmentInProgress: entries.filter((e) => e.kind === 'equipmentOp' && e.occurredAt <= input.nowMs),
    // H5: handled or not; the open ones are listed with what blocks, so not twice.
    shiftMajor: shiftEntries.filter((e) => isMajor(e) && !majorOpen.some((m) => m.id === e.id)),
    overdueLoans: loans.filter((l) => l.overdue),
    openLoans: loans,
    custody,
    shiftRecord: duty && !duty.deleted ? { duty, entries: shiftEntries } : null,
  };
}
