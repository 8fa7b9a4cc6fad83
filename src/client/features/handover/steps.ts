/**
 * The six steps of the guided handover and when each is done, derived from the saved handover row
 * and the count, so a reload (or the other tablet) lands on the same step with the same ticks.
 */
import type { Blocker, PreparationKey } from '../../../domain/gate';
import type { BlockerSeen, GateOverride, Handover } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';

export const STEPS = ['prepare', 'count', 'carry', 'incoming', 'gate', 'sign'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_LABELS: Record<StepId, MessageKey> = {
  prepare: 'handover.step.prepare',
  count: 'handover.step.count',
  carry: 'handover.step.carry',
  incoming: 'handover.step.incoming',
  gate: 'handover.step.gate',
  sign: 'handover.step.sign',
};

/** H11(d): who takes over: the named substitute when the incoming person is not fit. */
export function effectiveIncoming(
  h: Pick<Handover, 'fitness' | 'incomingStaffId' | 'substituteStaffId'>,
): string | null {
  return h.fitness === 'unfit' ? h.substituteStaffId : h.incomingStaffId;
}

/** Which step puts a missing checklist key right (H11(c)): the gate links each one there. */
export const PREPARATION_STEP: Record<PreparationKey, StepId> = {
  recordReviewed: 'prepare',
  itemsCounted: 'count',
  equipmentChecked: 'prepare',
  pendingReviewed: 'prepare',
  anomaliesAsked: 'carry',
  fitnessAttested: 'incoming',
};

/** Whether `override` still covers every current blocker: a new one needs a new override. */
export function overrideCovers(override: GateOverride | null, blockers: readonly Blocker[]): boolean {
  if (override === null || blockers.length === 0) return false;
  return blockers.every((b) => {
    const seen = override.blockers.find((o) => o.code === b.code);
    return seen !== undefined && b.refs.every((r) => seen.refs.includes(r));
  });
}

/** Adds `blockers` to what was seen so far (per code, refs merged), for the signed record. */
export function mergeSeen(seen: readonly BlockerSeen[], blockers: readonly BlockerSeen[]): BlockerSeen[] {
  const merged = seen.map((s) => ({ code: s.code, refs: [...s.refs] }));
  for (const b of blockers) {
    const found = merged.find((m) => m.code === b.code);
    if (!found) merged.push({ code: b.code, refs: [...b.refs] });
    else for (const r of b.refs) if (!found.refs.includes(r)) found.refs.push(r);
  }
  return merged;
}

export interface StepInputs {
  handover: Handover;
  countComplete: boolean;
  gateClear: boolean;
}

/** Which steps are done; signing is done only when the record exists (the flow is gone by then). */
export function stepsDone({ handover: h, countComplete, gateClear }: StepInputs): Record<StepId, boolean> {
  return {
    prepare: h.recordReviewed && h.equipmentChecked && h.pendingReviewed,
    count: countComplete,
    // H10: the outgoing person's answer is recorded.
    carry: h.anomaliesAsked && h.anomalyAnswer.trim() !== '',
    incoming: effectiveIncoming(h) !== null && h.fitness !== 'unset',
    gate: gateClear,
    sign: false,
  };
}

/** The first step not yet done, where a reload continues. */
export function firstOpenStep(done: Record<StepId, boolean>): StepId {
  return STEPS.find((s) => !done[s]) ?? 'sign';
}
