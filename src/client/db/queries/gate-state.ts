/**
 * The gate (H11, H4, H3, S1) of a handover, opening or closing on this tablet: what forbids it now,
 * computed by the same domain function the server runs on the record (evaluateGate), from the
 * building's rows as this tablet knows them.
 */
import { nextShiftRostered, ROTA_MARGIN_MS, rosteredNow } from '../../../domain/desk-rules';
import { eligibleIncoming, evaluateGate, isSubstituteApproved, type Blocker } from '../../../domain/gate';
import type { Handover, HandoverKind } from '../../../domain/handover-entities';
import { incomingCandidates, type Assignment } from '../../../domain/swap-rules';
import { getSite } from '../queries';
import { takesOver } from '../repos/handover-actors';
import type { HandoverDb } from '../schema';
import { acknowledgedAt, gateEntries } from './carry-over';
import { countSnapshot, requireHandover, type CountSnapshot } from './count-view';
import { rotaBetween } from './rota-queries';

/** The gate with everything it was computed from, for the screens and the signing. */
export interface GateState {
  handover: Handover;
  kind: HandoverKind;
  blockers: Blocker[];
  /** S1: the rostered candidates for the next shift (handover), nearest first. */
  candidates: Assignment[];
  /** Who may sign as the person taking over (handover): the candidates, or the named substitute. */
  eligible: string[];
  /** The effective rota around the change (an approved cover shows here with its swap). */
  assignments: Assignment[];
  count: CountSnapshot;
}

/** Drafts written before openings and joins existed are handovers nobody joined. */
export function draftKind(h: Pick<Handover, 'kind'>): HandoverKind {
  return h.kind ?? 'handover';
}

/** Computes the gate of `handover` at `nowMs` (server-corrected, T1). */
export async function gateState(db: HandoverDb, handover: Handover, nowMs: number): Promise<GateState> {
  const kind = draftKind(handover);
  const changeAt = kind === 'opening' ? nowMs : (handover.scheduledAt ?? nowMs);
  const [entries, tasks, rota, count, staff, site] = await Promise.all([
    gateEntries(db),
    db.task.where('status').equals('open').toArray(),
    rotaBetween(db, changeAt - ROTA_MARGIN_MS, changeAt + ROTA_MARGIN_MS),
    countSnapshot(db, handover.id, nowMs),
    db.staff.toArray(),
    getSite(db),
  ]);
  const openTasks = tasks.filter((t) => !t.deleted);
  const candidates = kind === 'handover' ? incomingCandidates(rota.assignments, changeAt) : [];
  const eligible = eligibleIncoming(candidates, handover, handover.outgoingStaffId);
  const joined = (handover.joinedAt ?? null) !== null;
  const incomingRostered =
    kind === 'opening'
      ? handover.incomingStaffId !== null &&
        rosteredNow(rota.assignments, handover.incomingStaffId, nowMs, site?.incomingLeadMinutes ?? 0) !== null
      : joined
        ? // The one who joined is rostered, or covers their shift by a cover request approved since (S1).
          candidates.some(
            (c) =>
              c.staffId === handover.incomingStaffId ||
              (handover.fitness === 'unfit' && c.viaSwapId !== null && c.staffId === handover.substituteStaffId),
          )
        : candidates.some((c) => c.staffId !== handover.outgoingStaffId);
  const acks = await acknowledgedAt(db, takesOver(handover), handover.id);
  const isActiveRole = (id: string, role: 'chief' | 'manager') =>
    staff.some((s) => s.id === id && !s.deleted && s.active && s.role === role);
  const blockers = evaluateGate({
    kind,
    now: nowMs,
    entries,
    handover: { ...handover, joinedAt: handover.joinedAt ?? null },
    countComplete: count.progress.complete,
    openTasks,
    incomingRostered,
    substituteApproved: isSubstituteApproved(
      { substituteStaffId: handover.substituteStaffId, substituteApproval: handover.substituteApproval ?? null },
      rota.assignments,
      isActiveRole,
    ),
    unacknowledgedInstructionIds:
      kind === 'handover' ? openTasks.filter((t) => t.kind === 'instruction' && !acks.has(t.id)).map((t) => t.id) : [],
    nextShiftRostered: kind === 'closing' && nextShiftRostered(rota.assignments, changeAt, handover.outgoingStaffId),
  });
  return { handover, kind, blockers, candidates, eligible, assignments: rota.assignments, count };
}

/**
 * What blocks now (H11), the rostered candidates for the next shift (S1: whose shift starts within
 * 2 h of the scheduled change, or of now without one), who may sign as incoming, and the rota.
 * @throws RowNotFoundError when the handover is not on this tablet.
 */
export async function gateFor(
  db: HandoverDb,
  handoverId: string,
  nowMs: number,
): Promise<Pick<GateState, 'blockers' | 'candidates' | 'eligible' | 'assignments'>> {
  const { blockers, candidates, eligible, assignments } = await gateState(
    db,
    await requireHandover(db, handoverId),
    nowMs,
  );
  return { blockers, candidates, eligible, assignments };
}
