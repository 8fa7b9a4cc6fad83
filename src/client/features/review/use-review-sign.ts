import { useState } from 'react';
import { signInWithPin } from '../../db/repos/pin-repo';
import { signDayReview, type ReviewSignError } from '../../db/repos/review-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useAction } from '../../ui/use-action';

/** Why the chief's PIN was not accepted (the handover's PIN check, with the same lockout). */
export type ReviewPinProblem =
  | { kind: 'required' }
  | { kind: 'wrongPin'; attemptsLeft: number | undefined }
  | { kind: 'lockedOut'; until: number }
  | { kind: 'inactive' | 'unknown' | 'onlineOnly' }
  | { kind: 'server'; code: string };

/**
 * O1: signing the day, or an addendum: the note, the handwriting and the chief's PIN, checked
 * through the sign-in check so wrong PINs count towards the five-tries lockout (issue 7 §8), then
 * the review built, hashed and queued by the repository (review-repo.ts).
 */
export function useReviewSign(staffId: string, day: string, correctsId: string | null, onSigned: () => void) {
  const db = useDb();
  const [pin, setPinState] = useState('');
  const [note, setNote] = useState('');
  const [svg, setSvg] = useState<string | null>(null);
  const [pinProblem, setPinProblem] = useState<ReviewPinProblem | null>(null);
  const [refused, setRefused] = useState<ReviewSignError | null>(null);

  const action = useAction(async () => {
    setRefused(null);
    // Say what is missing before asking the PIN to count: a blank signature costs no attempt.
    if (svg === null) return setRefused('signatureMissing');
    if (correctsId !== null && note.trim() === '') return setRefused('noteRequired');
    if (pin === '') return setPinProblem({ kind: 'required' });
    const nowMs = Date.now();
    const checked = await signInWithPin(db, staffId, pin, nowMs);
    setPinState('');
    if (!checked.ok) {
      if (checked.lockedUntil !== undefined && checked.lockedUntil > nowMs) {
        return setPinProblem({ kind: 'lockedOut', until: checked.lockedUntil });
      }
      if (checked.reason === 'wrongPin') return setPinProblem({ kind: 'wrongPin', attemptsLeft: checked.attemptsLeft });
      if (checked.reason === 'lockedOut')
        return setPinProblem({ kind: 'lockedOut', until: checked.lockedUntil ?? nowMs });
      if (checked.reason === 'server') return setPinProblem({ kind: 'server', code: checked.code ?? 'server' });
      return setPinProblem({ kind: checked.reason });
    }
    setPinProblem(null);
    const result = await signDayReview(db, await makeWriteContext(db, staffId), { day, note, svg, correctsId });
    if (!result.ok) return setRefused(result.errors);
    onSigned();
  });

  return {
    pin,
    setPin(value: string) {
      setPinState(value);
      setPinProblem((p) => (p?.kind === 'lockedOut' ? p : null));
    },
    note,
    setNote,
    setSvg,
    pinProblem,
    refused,
    sign: action.run,
    busy: action.busy,
    error: action.error,
  };
}
