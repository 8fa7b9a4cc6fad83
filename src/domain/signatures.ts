/**
 * The handwritten signatures of a signed record (H3), checked alike by the signing tablet and by
 * the server, so a record with a missing, blank or misattributed signature is refused at both ends.
 */
import { Signature, type HandoverRecord } from './handover-entities';

/** A signature with strokes (an SVG, H3), valid against the schema. */
function drawn(s: Signature | undefined): s is Signature {
  return s !== undefined && s.svg.trim() !== '' && Signature.safeParse(s).success;
}

/**
 * H3: the two signatures in record order [outgoing, incoming], each by the right person with
 * strokes, the two people different; null when one is missing (an empty pad, or a signature of
 * someone else) or both people are the same.
 */
export function bothSignatures(
  signatures: readonly Signature[],
  outgoingStaffId: string,
  incomingStaffId: string,
): [Signature, Signature] | null {
  const outgoing = signatures.find((s) => s.role === 'outgoing' && s.staffId === outgoingStaffId);
  const incoming = signatures.find((s) => s.role === 'incoming' && s.staffId === incomingStaffId);
  return drawn(outgoing) && drawn(incoming) && outgoingStaffId !== incomingStaffId ? [outgoing, incoming] : null;
}

/** H3: the one signature of an opening (role incoming) or a closing (role outgoing) by `staffId`. */
export function soleSignature(
  signatures: readonly Signature[],
  role: Signature['role'],
  staffId: string,
): Signature | null {
  const only = signatures.length === 1 ? signatures[0] : undefined;
  return drawn(only) && only.role === role && only.staffId === staffId ? only : null;
}

type RecordShape = Pick<
  HandoverRecord,
  'kind' | 'outgoingDutyId' | 'outgoingStaffId' | 'incomingStaffId' | 'newDutyId' | 'duty' | 'signatures'
>;

/**
 * H3: what each kind of signed record must name and who signs it; null when it is well formed.
 * handover: both duties, both people, two signatures; opening: no outgoing duty, the opener signs
 * as incoming; closing: the outgoing duty, no new duty, the person on duty signs as outgoing.
 */
export function recordShapeError(r: RecordShape): string | null {
  const out = r.outgoingDutyId !== null && r.outgoingStaffId !== null && r.duty !== null;
  const none = r.outgoingDutyId === null && r.outgoingStaffId === null && r.duty === null;
  if (r.duty !== null && (r.duty.id !== r.outgoingDutyId || r.duty.staffId !== r.outgoingStaffId)) {
    return 'the locked duty is not the duty handed over';
  }
  switch (r.kind) {
    case 'handover':
      if (!out || r.incomingStaffId === null || r.newDutyId === null) {
        return 'a handover names the outgoing duty and person, the incoming person and the new duty';
      }
      return bothSignatures(r.signatures, r.outgoingStaffId ?? '', r.incomingStaffId) === null ||
        r.signatures.length !== 2
        ? `needs one outgoing signature by ${String(r.outgoingStaffId)} and one incoming signature by ${r.incomingStaffId}, two different people`
        : null;
    case 'opening':
      if (!none || r.incomingStaffId === null || r.newDutyId === null) {
        return 'an opening names the person opening the desk and the new duty, and no outgoing duty';
      }
      return soleSignature(r.signatures, 'incoming', r.incomingStaffId) === null
        ? `an opening is signed by the person opening the desk, ${r.incomingStaffId}, alone`
        : null;
    case 'closing':
      if (!out || r.incomingStaffId !== null || r.newDutyId !== null) {
        return 'a closing names the duty and person closing the desk, and nobody taking over';
      }
      return soleSignature(r.signatures, 'outgoing', r.outgoingStaffId ?? '') === null
        ? `a closing is signed by the person closing the desk, ${String(r.outgoingStaffId)}, alone`
        : null;
  }
}
