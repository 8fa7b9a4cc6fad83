import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Blocker } from '../../../domain/gate';
import type { BlockerSeen, GateOverride, Handover, Signature } from '../../../domain/handover-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { countView, gateFor, type CountView } from '../../db/queries/handover-queries';
import { updateHandover, type HandoverEditable } from '../../db/repos/handover-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { firstOpenStep, mergeSeen, overrideCovers, stepsDone, type StepId } from './steps';
import { useStepRoute } from './use-step-route';

export type SignatureRole = Signature['role'];

export interface GateView {
  blockers: Blocker[];
  candidates: Assignment[];
  eligible: string[];
}

/** Everything the steps share: the live gate and count, the current step, the override and signatures. */
export interface HandoverFlowState {
  handover: Handover;
  staffId: string;
  nowMs: number;
  gate: GateView | undefined;
  count: CountView | undefined;
  done: Record<StepId, boolean>;
  step: StepId;
  goTo(step: StepId): void;
  /** H11: a chief's or manager's override, kept until signing; only valid while it covers every blocker. */
  override: GateOverride | null;
  setOverride(o: GateOverride | null): void;
  overrideValid: boolean;
  /** Nothing blocks, or a valid override lifts what does. */
  gateClear: boolean;
  signatures: Partial<Record<SignatureRole, Signature>>;
  setSignature(role: SignatureRole, signature: Signature | null): void;
  /** Every blocker shown during this handover, for the record (blockersSeen). */
  blockersSeen(): BlockerSeen[];
  /** Saves fields of the draft; false (and `saveError`) when the write failed, e.g. LockedError. */
  save(patch: Partial<HandoverEditable>): Promise<boolean>;
  saveError: unknown;
}

/**
 * The state of one handover on screen. The answers live in the handover row (saved as given); the
 * step shown is in the URL, and `/handover` opens the first one not done, so a reload continues
 * where it stopped. Override and signatures are held here until signing: they are recorded in the
 * signed record, not the draft.
 */
export function useHandoverFlow(handover: Handover, staffId: string, nowMs: number): HandoverFlowState {
  const db = useDb();
  const gate = useLiveQuery(() => gateFor(db, handover.id, nowMs), [db, handover.id, nowMs]);
  const count = useLiveQuery(() => countView(db, handover.id, nowMs), [db, handover.id, nowMs]);
  // The step is in the URL (/handover/<step>): a reload, Back or Forward keeps it.
  const [chosen, setChosen] = useStepRoute();
  const [override, setOverride] = useState<GateOverride | null>(null);
  const [signatures, setSignatures] = useState<Partial<Record<SignatureRole, Signature>>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const seen = useRef<BlockerSeen[]>([]);

  const blockers = gate?.blockers ?? [];
  useEffect(() => {
    if (gate) seen.current = mergeSeen(seen.current, gate.blockers);
  }, [gate]);

  const overrideValid = overrideCovers(override, blockers);
  const gateClear = gate !== undefined && (blockers.length === 0 || overrideValid);
  const done = stepsDone({ handover, countComplete: count?.progress.complete ?? false, gateClear });
  // Once the gate and count are known, open the first step not done; from then on the person moves.
  const first = chosen === null && gate !== undefined && count !== undefined ? firstOpenStep(done) : null;
  useEffect(() => {
    if (first !== null) setChosen(first, { replace: true });
  }, [first, setChosen]);

  const save = useCallback(
    async (patch: Partial<HandoverEditable>) => {
      setSaveError(null);
      try {
        await updateHandover(db, await makeWriteContext(db, staffId), handover.id, patch);
        return true;
      } catch (e) {
        setSaveError(e);
        return false;
      }
    },
    [db, staffId, handover.id],
  );

  const setSignature = useCallback((role: SignatureRole, signature: Signature | null) => {
    setSignatures(({ [role]: _old, ...rest }) => (signature ? { ...rest, [role]: signature } : rest));
  }, []);

  return {
    handover,
    staffId,
    nowMs,
    gate,
    count,
    done,
    step: chosen ?? first ?? 'prepare',
    goTo: (step) => setChosen(step),
    override,
    setOverride,
    overrideValid,
    gateClear,
    signatures,
    setSignature,
    blockersSeen: () => mergeSeen(mergeSeen(seen.current, blockers), override?.blockers ?? []),
    save,
    saveError,
  };
}
