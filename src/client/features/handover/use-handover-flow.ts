import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Blocker } from '../../../domain/gate';
import type { BlockerSeen, Handover, HandoverKind, Signature } from '../../../domain/handover-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { draftKind } from '../../db/queries/gate-state';
import { countView, gateFor, type CountView } from '../../db/queries/handover-queries';
import { countActor, incomingActor, preparer } from '../../db/repos/handover-actors';
import { updateHandover, type HandoverEditable } from '../../db/repos/handover-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useFormDraft } from '../../ui/use-form-draft';
import { firstOpenStep, mergeSeen, STEPS_BY_KIND, stepsDone, type StepId } from './steps';
import { useStepRoute } from './use-step-route';

export type SignatureRole = Signature['role'];

export interface GateView {
  blockers: Blocker[];
  candidates: Assignment[];
  eligible: string[];
  assignments: Assignment[];
}

/** Everything the steps share: the live gate and count, the current step, who acts, and the signatures. */
export interface HandoverFlowState {
  handover: Handover;
  kind: HandoverKind;
  /** The signed-in person. */
  staffId: string;
  /** Whose preparation it is (the outgoing person, or the person opening the desk). */
  preparerId: string;
  /** H7, H9: who acknowledges and restates: the person taking over once joined; null before. */
  incomingId: string | null;
  /** H8: who taps the count (the incoming person once joined, the opener, the person closing). */
  countId: string | null;
  nowMs: number;
  gate: GateView | undefined;
  count: CountView | undefined;
  steps: readonly StepId[];
  done: Record<StepId, boolean>;
  step: StepId;
  goTo(step: StepId): void;
  gateClear: boolean;
  /** Kept here until signing, whatever happens meanwhile (a lockout, a refused PIN): never redrawn twice. */
  signatures: Partial<Record<SignatureRole, Signature>>;
  /** Forgets the signatures kept on the tablet, once the record holds them. */
  clearSignatures(): void;
  setSignature(role: SignatureRole, signature: Signature | null): void;
  /** Every blocker shown during this handover, for the record (blockersSeen). */
  blockersSeen(): BlockerSeen[];
  /** Saves fields of the preparer's; false (and `saveError`) when the write failed, e.g. LockedError. */
  save(patch: Partial<HandoverEditable>): Promise<boolean>;
  /** Saves the incoming person's own words (H9), written as them. */
  saveIncoming(patch: Partial<Pick<HandoverEditable, 'synthesis' | 'recordReviewNote'>>): Promise<boolean>;
  saveError: unknown;
}

/**
 * The state of one draft on screen. The answers live in the draft row (saved as given); the step
 * shown is in the URL, and `/handover` opens the first one not done, so a reload continues where it
 * stopped. Each action is written as its own person (H7, H8, H9), whoever is signed in: both
 * people are at the desk.
 */
export function useHandoverFlow(handover: Handover, staffId: string, nowMs: number): HandoverFlowState {
  const db = useDb();
  const kind = draftKind(handover);
  const gate = useLiveQuery(() => gateFor(db, handover.id, nowMs), [db, handover.id, nowMs]);
  const count = useLiveQuery(() => countView(db, handover.id, nowMs), [db, handover.id, nowMs]);
  // The step is in the URL (/handover/<step>): a reload, Back or Forward keeps it.
  const [chosen, setChosen] = useStepRoute();
  const [saveError, setSaveError] = useState<unknown>(null);
  const seen = useRef<BlockerSeen[]>([]);
  const preparerId = preparer(handover) ?? staffId;
  // H3, issue 7 "nothing drawn is lost": a signature given (PIN checked, strokes drawn) is kept on
  // this tablet until the record is signed, so a reload or a closed tab does not ask for it again.
  // Local only, never synced: a half-signed handover is not a record.
  const signatureDraft = useFormDraft<Partial<Record<SignatureRole, Signature>>>({
    formId: `handover-signatures:${handover.id}`,
    staffId: preparerId,
    blank: () => ({}),
    isBlank: (v) => Object.keys(v).length === 0,
  });
  const signatures = signatureDraft.value;
  const incomingId = incomingActor(handover);

  const blockers = gate?.blockers;
  useEffect(() => {
    if (gate) seen.current = mergeSeen(seen.current, gate.blockers);
  }, [gate]);

  const done = stepsDone({ kind, handover, countComplete: count?.progress.complete ?? false, blockers });
  // Once the gate and count are known, open the first step not done; from then on the person moves.
  const first = chosen === null && gate !== undefined && count !== undefined ? firstOpenStep(kind, done) : null;
  useEffect(() => {
    if (first !== null) setChosen(first, { replace: true });
  }, [first, setChosen]);

  const write = async (as: string | null, patch: Partial<HandoverEditable>) => {
    setSaveError(null);
    try {
      if (as === null) throw new Error('nobody has joined to write this');
      await updateHandover(db, await makeWriteContext(db, as), handover.id, patch);
      return true;
    } catch (e) {
      setSaveError(e);
      return false;
    }
  };

  const setSignature = (role: SignatureRole, signature: Signature | null) => {
    signatureDraft.update(({ [role]: _old, ...rest }) => (signature ? { ...rest, [role]: signature } : rest));
  };

  return {
    handover,
    kind,
    staffId,
    preparerId,
    incomingId,
    countId: countActor(handover),
    nowMs,
    gate,
    count,
    steps: STEPS_BY_KIND[kind],
    done,
    step: chosen ?? first ?? STEPS_BY_KIND[kind][0] ?? 'sign',
    goTo: (step: StepId) => setChosen(step),
    gateClear: blockers !== undefined && blockers.length === 0,
    signatures,
    setSignature,
    clearSignatures: signatureDraft.reset,
    blockersSeen: () => mergeSeen(seen.current, blockers ?? []),
    save: (patch) => write(preparerId, patch),
    saveIncoming: (patch) => write(incomingId, patch),
    saveError,
  };
}
