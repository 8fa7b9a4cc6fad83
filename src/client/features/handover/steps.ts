/**
 * The steps of the guided screen for each kind (H3): a handover walks all six, an opening of the
 * desk only counts and signs, a closing prepares, counts and signs. Each step's tick is derived
 * from the saved draft, the count and the gate, so a reload (or the other tablet) lands on the same
 * step with the same ticks.
 */
import type { Blocker, BlockerCode, PreparationKey } from '../../../domain/gate';
import type { BlockerSeen, Handover, HandoverKind } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';

export const STEP_IDS = ['prepare', 'incoming', 'count', 'carry', 'gate', 'sign'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The steps of each kind, in order: the incoming person joins before the count, which is theirs (H8). */
export const STEPS_BY_KIND: Record<HandoverKind, readonly StepId[]> = {
  handover: STEP_IDS,
  opening: ['count', 'gate', 'sign'],
  closing: ['prepare', 'count', 'carry', 'gate', 'sign'],
};

export const STEP_LABELS: Record<StepId, MessageKey> = {
  prepare: 'handover.step.prepare',
  count: 'handover.step.count',
  carry: 'handover.step.carry',
  incoming: 'handover.step.incoming',
  gate: 'handover.step.gate',
  sign: 'handover.step.sign',
};

/** Which step puts a missing checklist key right (H11(c)): the gate links each one there. */
export const PREPARATION_STEP: Record<PreparationKey, StepId> = {
  recordReviewed: 'prepare',
  itemsCounted: 'count',
  equipmentChecked: 'prepare',
  pendingReviewed: 'prepare',
  anomaliesAsked: 'carry',
  fitnessAttested: 'incoming',
};

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
  kind: HandoverKind;
  handover: Handover;
  countComplete: boolean;
  /** The gate's blockers now; undefined while loading. */
  blockers: readonly Blocker[] | undefined;
}

/** The blockers the incoming step clears: joining, fitness and the substitute's approval. */
const INCOMING_CODES: readonly BlockerCode[] = ['notJoined', 'unfit', 'substituteUnapproved'];

/** Which steps are done; signing is done only when the record exists (the flow is gone by then). */
export function stepsDone({ kind, handover: h, countComplete, blockers }: StepInputs): Record<StepId, boolean> {
  const has = (codes: readonly BlockerCode[]) => blockers?.some((b) => codes.includes(b.code)) ?? true;
  return {
    prepare: h.recordReviewed && h.equipmentChecked && h.pendingReviewed,
    incoming: (h.joinedAt ?? null) !== null && h.fitness !== 'unset' && !has(INCOMING_CODES),
    count: countComplete,
    // H10: the outgoing person's answer is recorded; H7: every instruction acknowledged.
    carry:
      kind === 'closing'
        ? h.pendingReviewed
        : h.anomaliesAsked && h.anomalyAnswer.trim() !== '' && !has(['instructionsUnacknowledged']),
    gate: blockers !== undefined && blockers.length === 0,
    sign: false,
  };
}

/** The first step of `kind` not yet done, where a reload continues. */
export function firstOpenStep(kind: HandoverKind, done: Record<StepId, boolean>): StepId {
  const steps = STEPS_BY_KIND[kind];
  return steps.find((s) => !done[s]) ?? 'sign';
}
