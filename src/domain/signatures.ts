/**
 * The two handwritten signatures of a handover record (H3), checked alike by the signing tablet
 * and by the server, so a record with a missing, blank or misattributed signature is refused at
 * both ends.
 */
import { Signature } from './handover-entities';

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
