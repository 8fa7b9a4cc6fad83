/**
 * The handover gate (H11): what forbids the handover right now, each blocker with the rows it
 * comes from so the screen can say exactly what blocks and link to it. A section chief or the
 * property office manager may override with a written reason, recorded with the handover.
 */
import type { LogEntry, Role } from './entities';
import type { Handover } from './handover-entities';
import type { Assignment } from './swap-rules';
import type { Task } from './task-entities';

export const BLOCKER_CODES = [
  'majorOpen',
  'equipmentInProgress',
  'preparationIncomplete',
  'importantWork',
  'unfit',
  'notRostered',
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

/** Everything the gate looks at, gathered by the caller. */
export interface GateInput {
  openEntries: Pick<LogEntry, 'id' | 'kind' | 'severity' | 'status'>[];
  handover: Pick<
    Handover,
    | 'recordReviewed'
    | 'equipmentChecked'
    | 'pendingReviewed'
    | 'anomaliesAsked'
    | 'anomalyAnswer'
    | 'fitness'
    | 'substituteStaffId'
  >;
  countComplete: boolean;
  openTasks: Pick<Task, 'id' | 'important' | 'status'>[];
  /** Someone is rostered (or approved as substitute) for the next shift. */
  incomingRostered: boolean;
}

/** The checklist keys still missing (H11(c)). */
export function missingPreparation(input: Pick<GateInput, 'handover' | 'countComplete'>): PreparationKey[] {
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
  return PREPARATION_KEYS.filter((k) => !done[k]);
}

/** What blocks the handover now; `[]` means it is allowed. */
export function evaluateGate(input: GateInput): Blocker[] {
  const blockers: Blocker[] = [];
  const open = input.openEntries.filter((e) => e.status === 'open');
  // H11(a): a major or emergency event not yet dealt with.
  const major = open.filter((e) => e.severity === 'major' || e.severity === 'emergency').map((e) => e.id);
  if (major.length > 0) blockers.push({ code: 'majorOpen', refs: major });
  // H11(b): major equipment being started or stopped.
  const equipment = open.filter((e) => e.kind === 'equipmentOp').map((e) => e.id);
  if (equipment.length > 0) blockers.push({ code: 'equipmentInProgress', refs: equipment });
  // H11(c): the preparation is not complete.
  const missing = missingPreparation(input);
  if (missing.length > 0) blockers.push({ code: 'preparationIncomplete', refs: missing });
  // H4: important work that is not finished blocks the handover.
  const important = input.openTasks.filter((t) => t.important && t.status === 'open').map((t) => t.id);
  if (important.length > 0) blockers.push({ code: 'importantWork', refs: important });
  // H11(d): the incoming person is not fit and no substitute has been found.
  if (input.handover.fitness === 'unfit' && input.handover.substituteStaffId === null) {
    blockers.push({ code: 'unfit', refs: [] });
  }
  // S1: only the rostered person or an approved substitute takes over.
  if (!input.incomingRostered) blockers.push({ code: 'notRostered', refs: [] });
  return blockers;
}

export type OverrideError = 'role' | 'reason' | 'nothingToOverride';

/** The shortest written reason an override accepts (trimmed), as GateOverride.reason requires. */
export const OVERRIDE_REASON_MIN = 5;

/** Whether `role` may override the gate with `reason`; null when the override is valid. */
export function checkOverride(role: Role, reason: string, blockers: Blocker[]): OverrideError | null {
  if (blockers.length === 0) return 'nothingToOverride';
  // H11: only the section chief or the property office manager may lift the refusal.
  if (role !== 'chief' && role !== 'manager') return 'role';
  if (reason.trim().length < OVERRIDE_REASON_MIN) return 'reason';
  return null;
}

/**
 * Who may sign as the incoming person: the rostered candidates (effective rota, S1) other than the
 * outgoing person, or, when the rostered person is not fit, only the named substitute (H11(d)).
 */
export function eligibleIncoming(
  candidates: Assignment[],
  handover: Pick<Handover, 'fitness' | 'substituteStaffId'>,
  outgoingStaffId: string,
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
