/**
 * The handover gate (H11, H4): what forbids the handover right now, each blocker with the rows it
 * comes from so the screen can say exactly what blocks and link to it. There is no override
 * (docs/rules.md H11: 不得交接班): the gate lifts only when its conditions are really cleared. The
 * same function runs on the signing tablet and on the server, which re-evaluates it against what
 * the tablet knew when a record arrives (`gate_blocked`).
 */
import type { LogEntry } from './entities';
import type { Handover, HandoverKind } from './handover-entities';
import type { Assignment } from './swap-rules';
import type { Task } from './task-entities';

export const BLOCKER_CODES = [
  'majorOpen',
  'equipmentInProgress',
  'preparationIncomplete',
  'importantWork',
  'unfit',
  'substituteUnapproved',
  'notRostered',
  'notJoined',
  'instructionsUnacknowledged',
  'nextShiftRostered',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** One reason the handover is refused; `refs` are entry ids, task ids or missing checklist keys. */
export interface Blocker {
  code: BlockerCode;
  refs: string[];
}

/** H2, H10, H11(c): what "the preparation is complete" means, key by key. */
export const PREPARATION_KEYS = [
  'recordReviewed',
  'itemsCounted',
  'equipmentChecked',
  'pendingReviewed',
  'anomaliesAsked',
  'fitnessAttested',
] as const;
export type PreparationKey = (typeof PREPARATION_KEYS)[number];

/**
 * The preparation each kind needs: an opening only counts (H8, against the last closing count); a
 * closing has nobody to ask about anomalies or to attest; a handover needs everything.
 */
export const PREPARATION_BY_KIND: Record<HandoverKind, readonly PreparationKey[]> = {
  handover: PREPARATION_KEYS,
  opening: ['itemsCounted'],
  closing: ['recordReviewed', 'itemsCounted', 'equipmentChecked', 'pendingReviewed'],
};

/** The entry fields the gate reads. */
export type GateEntry = Pick<LogEntry, 'id' | 'kind' | 'severity' | 'status' | 'occurredAt' | 'operationEndedAt'>;

/** Everything the gate looks at, gathered by the caller (tablet or server). */
export interface GateInput {
  kind: HandoverKind;
  /** Server-corrected now (T1): an equipment operation blocks from its start (H11(b)). */
  now: number;
  /** The building's entries that may block (open ones, and equipment operations not yet ended). */
  entries: GateEntry[];
  handover: Pick<
    Handover,
    | 'recordReviewed'
    | 'equipmentChecked'
    | 'pendingReviewed'
    | 'anomaliesAsked'
    | 'anomalyAnswer'
    | 'fitness'
    | 'substituteStaffId'
    | 'joinedAt'
  >;
  countComplete: boolean;
  /** The building's open tasks (H4: important ones block). */
  openTasks: Pick<Task, 'id' | 'important' | 'status'>[];
  /** S1: the incoming person is rostered for the next shift (or covers it by an approved swap). */
  incomingRostered: boolean;
  /** H11(d), S1: the named substitute has the chief's confirmation and the manager's approval. */
  substituteApproved: boolean;
  /** H7: carried instructions the incoming person has not yet acknowledged. */
  unacknowledgedInstructionIds: string[];
  /** closing only: a shift is rostered to follow, so the desk must be handed over, not closed. */
  nextShiftRostered: boolean;
}

/** H11(a): an entry is a major matter not yet dealt with. A referred one is dealt with at the desk. */
export function isOpenMajor(e: GateEntry): boolean {
  return e.status === 'open' && (e.severity === 'major' || e.severity === 'emergency');
}

/** H11(b): a major-equipment operation blocks from its start until its end is recorded. */
export function isEquipmentInProgress(e: GateEntry, now: number): boolean {
  return e.kind === 'equipmentOp' && e.operationEndedAt === null && e.occurredAt <= now;
}

/** The checklist keys still missing (H11(c)) for the kind of handover. */
export function missingPreparation(input: Pick<GateInput, 'kind' | 'handover' | 'countComplete'>): PreparationKey[] {
  const h = input.handover;
  const done: Record<PreparationKey, boolean> = {
    recordReviewed: h.recordReviewed,
    itemsCounted: input.countComplete,
    equipmentChecked: h.equipmentChecked,
    pendingReviewed: h.pendingReviewed,
    // H10: asking is not enough: the outgoing person's answer is recorded.
    anomaliesAsked: h.anomaliesAsked && h.anomalyAnswer.trim() !== '',
    // H11(d): the incoming person's fitness must be attested one way or the other.
    fitnessAttested: h.fitness !== 'unset',
  };
  return PREPARATION_BY_KIND[input.kind].filter((k) => !done[k]);
}

/** What blocks the handover, opening or closing now; `[]` means it is allowed. */
export function evaluateGate(input: GateInput): Blocker[] {
  const blockers: Blocker[] = [];
  const { kind } = input;
  if (kind !== 'opening') {
    // H11(a): a major or emergency event not yet dealt with.
    const major = input.entries.filter(isOpenMajor).map((e) => e.id);
    if (major.length > 0) blockers.push({ code: 'majorOpen', refs: major });
    // H11(b): major equipment being started or stopped.
    const equipment = input.entries.filter((e) => isEquipmentInProgress(e, input.now)).map((e) => e.id);
    if (equipment.length > 0) blockers.push({ code: 'equipmentInProgress', refs: equipment });
  }
  // H11(c): the preparation is not complete.
  const missing = missingPreparation(input);
  if (missing.length > 0) blockers.push({ code: 'preparationIncomplete', refs: missing });
  if (kind !== 'opening') {
    // H4: important work that is not finished blocks the handover.
    const important = input.openTasks.filter((t) => t.important && t.status === 'open').map((t) => t.id);
    if (important.length > 0) blockers.push({ code: 'importantWork', refs: important });
  }
  if (kind === 'handover') {
    // H11(d): the incoming person is not fit and no substitute has been found...
    if (input.handover.fitness === 'unfit' && input.handover.substituteStaffId === null) {
      blockers.push({ code: 'unfit', refs: [] });
    }
    // ...and a substitute is a cover: the chief confirms and the manager approves (S1).
    if (input.handover.fitness === 'unfit' && input.handover.substituteStaffId !== null && !input.substituteApproved) {
      blockers.push({ code: 'substituteUnapproved', refs: [input.handover.substituteStaffId] });
    }
    // H1: the incoming person joins the handover with their PIN.
    if (input.handover.joinedAt === null) blockers.push({ code: 'notJoined', refs: [] });
    // H7: every carried instruction is acknowledged by the incoming person.
    if (input.unacknowledgedInstructionIds.length > 0) {
      blockers.push({ code: 'instructionsUnacknowledged', refs: input.unacknowledgedInstructionIds });
    }
  }
  // S1: only the rostered person or an approved substitute takes over or opens the desk.
  if (kind !== 'closing' && !input.incomingRostered) blockers.push({ code: 'notRostered', refs: [] });
  // H3: the desk is closed only when no shift follows; otherwise it is handed over.
  if (kind === 'closing' && input.nextShiftRostered) blockers.push({ code: 'nextShiftRostered', refs: [] });
  return blockers;
}

/**
 * H11(d), S1: whether a named substitute may take over: the chief and the manager approved on the
 * spot (two different active people of those roles, checked by the caller), or an approved cover
 * request puts the substitute on the incoming person's shift (`viaSwapId` in the effective rota).
 */
export function isSubstituteApproved(
  handover: Pick<Handover, 'substituteStaffId' | 'substituteApproval'>,
  rota: Assignment[],
  isActiveRole: (staffId: string, role: 'chief' | 'manager') => boolean,
): boolean {
  const sub = handover.substituteStaffId;
  const a = handover.substituteApproval;
  if (sub === null || a === null) return false;
  if (a.swapRequestId !== null) return rota.some((r) => r.staffId === sub && r.viaSwapId === a.swapRequestId);
  return (
    a.chiefStaffId !== null &&
    a.managerStaffId !== null &&
    a.chiefAt !== null &&
    a.managerAt !== null &&
    a.chiefStaffId !== a.managerStaffId &&
    isActiveRole(a.chiefStaffId, 'chief') &&
    isActiveRole(a.managerStaffId, 'manager')
  );
}

/**
 * Who may sign as the incoming person: the rostered candidates (effective rota, S1) other than the
 * outgoing person, or, when the rostered person is not fit, only the named substitute (H11(d)).
 */
export function eligibleIncoming(
  candidates: Assignment[],
  handover: Pick<Handover, 'fitness' | 'substituteStaffId'>,
  outgoingStaffId: string | null,
): string[] {
  if (handover.fitness === 'unfit') {
    const sub = handover.substituteStaffId;
    return sub !== null && sub !== outgoingStaffId ? [sub] : [];
  }
  const ids: string[] = [];
  for (const a of candidates) {
    if (a.staffId !== outgoingStaffId && !ids.includes(a.staffId)) ids.push(a.staffId);
  }
  return ids;
}
