/**
 * What a handover passes on (H4, H5, H7, H9) and what forbids it (H11), read from the whole
 * building's rows on this tablet, whichever duty or tablet wrote them.
 */
import type { Duty, Item, LogEntry } from '../../../domain/entities';
import { eligibleIncoming, evaluateGate, type Blocker } from '../../../domain/gate';
import type { Handover } from '../../../domain/handover-entities';
import type { ItemMovement } from '../../../domain/item-entities';
import type { OpenLoan } from '../../../domain/loan-rules';
import { INCOMING_WINDOW_MS, incomingCandidates, type Assignment } from '../../../domain/swap-rules';
import type { Task } from '../../../domain/task-entities';
import { entriesForDuty } from '../queries';
import type { HandoverDb } from '../schema';
import { countSnapshot, requireHandover, type CountSnapshot } from './count-view';
import { custodyHeldNow, loansNow } from './register-queries';
import { rotaBetween } from './rota-queries';
import { openTasksCarried } from './task-queries';

export interface CarryOver {
  /** Open tasks in carry-over order (important first, then instructions, then newest; H4). */
  tasks: Task[];
  /** H7: open instructions with the incoming person's read receipt time (null: not yet, or nobody chosen). */
  instructions: { task: Task; acknowledgedAt: number | null }[];
  /** H5, H11(a): open major or emergency entries of the building, newest first. */
  majorOpen: LogEntry[];
  /** H11(b): equipment starts or stops still open, newest first. */
  equipmentInProgress: LogEntry[];
  overdueLoans: OpenLoan[];
  openLoans: OpenLoan[];
  custody: { movement: ItemMovement; item: Item }[];
  /** H9: the duty that ended last before the outgoing duty began, with its entries (newest first). */
  previousDuty: { duty: Duty; entries: LogEntry[] } | null;
}

function newestFirst(a: LogEntry, b: LogEntry): number {
  return b.occurredAt - a.occurredAt || b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);
}

/** Open entries of the building (any duty), newest first. */
async function openEntries(db: HandoverDb): Promise<LogEntry[]> {
  const rows = await db.logEntry.where('status').equals('open').toArray();
  return rows.filter((e) => !e.deleted).sort(newestFirst);
}

/** H9: the duty that ended most recently at or before `duty` started (the shift before it). */
async function dutyBefore(db: HandoverDb, duty: Duty): Promise<Duty | undefined> {
  // Open duties have a null endedAt, which IndexedDB leaves out of the index.
  const ended = await db.duty.where('endedAt').belowOrEqual(duty.startedAt).toArray();
  return ended
    .filter((d) => !d.deleted && d.id !== duty.id)
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0) || b.startedAt - a.startedAt)
    .at(0);
}

/** When each instruction was acknowledged by `staffId` (the first receipt counts). */
async function acknowledgedAt(db: HandoverDb, staffId: string | null): Promise<Map<string, number>> {
  const at = new Map<string, number>();
  if (staffId === null) return at;
  const acks = await db.acknowledgement.where('staffId').equals(staffId).toArray();
  for (const a of acks) {
    if (a.deleted) continue;
    const seen = at.get(a.taskId);
    if (seen === undefined || a.recordedAt < seen) at.set(a.taskId, a.recordedAt);
  }
  return at;
}

/**
 * The carry-over register at a handover: open tasks, instructions with the incoming person's
 * acknowledgement, open major events and equipment operations, loans, custody and the previous
 * duty's record.
 * @throws RowNotFoundError when the handover is not on this tablet.
 */
export async function carryOver(
  db: HandoverDb,
  input: { handoverId: string; incomingStaffId: string | null; nowMs: number },
): Promise<CarryOver> {
  const handover = await requireHandover(db, input.handoverId);
  const [tasks, acks, open, loans, custody, outgoing] = await Promise.all([
    openTasksCarried(db),
    acknowledgedAt(db, input.incomingStaffId),
    openEntries(db),
    loansNow(db, input.nowMs),
    custodyHeldNow(db),
    db.duty.get(handover.outgoingDutyId),
  ]);
  const before = outgoing && !outgoing.deleted ? await dutyBefore(db, outgoing) : undefined;
  return {
    tasks,
    instructions: tasks
      .filter((t) => t.kind === 'instruction')
      .map((task) => ({ task, acknowledgedAt: acks.get(task.id) ?? null })),
    majorOpen: open.filter((e) => e.severity === 'major' || e.severity === 'emergency'),
    equipmentInProgress: open.filter((e) => e.kind === 'equipmentOp'),
    overdueLoans: loans.filter((l) => l.overdue),
    openLoans: loans,
    custody,
    previousDuty: before ? { duty: before, entries: await entriesForDuty(db, before.id) } : null,
  };
}

/** The gate with everything it was computed from, for the signing. */
export interface GateState {
  handover: Handover;
  blockers: Blocker[];
  candidates: Assignment[];
  eligible: string[];
  count: CountSnapshot;
}

const DAY_MS = 86_400_000;

/** Computes the gate (H11) of `handover` at `nowMs`; see gateFor. */
export async function gateState(db: HandoverDb, handover: Handover, nowMs: number): Promise<GateState> {
  const changeAt = handover.scheduledAt ?? nowMs;
  // A day of margin either side: rotaBetween may cut by shift start or by day; the window is applied here.
  const [open, tasks, rota, count] = await Promise.all([
    openEntries(db),
    db.task.where('status').equals('open').toArray(),
    rotaBetween(db, changeAt - INCOMING_WINDOW_MS - DAY_MS, changeAt + INCOMING_WINDOW_MS + DAY_MS),
    countSnapshot(db, handover.id, nowMs),
  ]);
  const candidates = incomingCandidates(rota.assignments, changeAt);
  const eligible = eligibleIncoming(candidates, handover, handover.outgoingStaffId);
  const blockers = evaluateGate({
    openEntries: open,
    handover,
    countComplete: count.progress.complete,
    openTasks: tasks.filter((t) => !t.deleted),
    // S1: someone other than the outgoing person is rostered, or the H11(d) substitute is named.
    incomingRostered: eligible.length > 0 || candidates.some((c) => c.staffId !== handover.outgoingStaffId),
  });
  return { handover, blockers, candidates, eligible, count };
}

/**
 * What blocks the handover now (H11), the rostered candidates for the next shift (S1: whose shift
 * starts within 2 h of the scheduled change, or of now without one) and who may sign as incoming.
 * @throws RowNotFoundError when the handover is not on this tablet.
 */
export async function gateFor(
  db: HandoverDb,
  handoverId: string,
  nowMs: number,
): Promise<{ blockers: Blocker[]; candidates: Assignment[]; eligible: string[] }> {
  const { blockers, candidates, eligible } = await gateState(db, await requireHandover(db, handoverId), nowMs);
  return { blockers, candidates, eligible };
}
