/**
 * Who does what in a handover (H1, H7, H8, H9, H11(d)): the outgoing person prepares, explains and
 * attests; from the moment the incoming person joins with their PIN, the count taps, the read
 * receipts and the restatement are theirs, or the approved substitute's when they are not fit.
 * The repositories write each action with its person as the op's actor; the server checks the same.
 */
import type { Handover } from '../../../domain/handover-entities';

type Actors = Pick<
  Handover,
  'kind' | 'outgoingStaffId' | 'incomingStaffId' | 'joinedAt' | 'fitness' | 'substituteStaffId'
>;

/** H11(d): who takes over: the named substitute when the incoming person is not fit. */
export function takesOver(h: Pick<Handover, 'fitness' | 'incomingStaffId' | 'substituteStaffId'>): string | null {
  return h.fitness === 'unfit' ? h.substituteStaffId : h.incomingStaffId;
}

/**
 * H7, H9: who acknowledges instructions and restates the handover: the person taking over, once the
 * incoming person has joined (handover); the person opening the desk (opening); nobody (closing).
 */
export function incomingActor(h: Actors): string | null {
  // Drafts written before openings and joins existed lack the fields: a handover nobody joined.
  switch (h.kind ?? 'handover') {
    case 'handover':
      return (h.joinedAt ?? null) === null ? null : takesOver(h);
    case 'opening':
      return h.incomingStaffId;
    case 'closing':
      return null;
  }
}

/**
 * H8: who taps the count: the incoming person once joined (the person taking over); the person
 * opening the desk; the person closing it.
 */
export function countActor(h: Actors): string | null {
  return (h.kind ?? 'handover') === 'closing' ? h.outgoingStaffId : incomingActor(h);
}

/**
 * H8 (由交班人說明): who explains a discrepancy: the outgoing person; at an opening, with nobody to
 * hand over, the person opening the desk states what they found.
 */
export function explainer(h: Actors): string | null {
  return h.kind === 'opening' ? h.incomingStaffId : h.outgoingStaffId;
}

/** Whose preparation it is (the checklist, the anomaly answer, the fitness attestation): the outgoing person, or the opener. */
export function preparer(h: Actors): string | null {
  return h.kind === 'opening' ? h.incomingStaffId : h.outgoingStaffId;
}
