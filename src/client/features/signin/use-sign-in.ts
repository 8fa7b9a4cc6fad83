import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Staff } from '../../../domain/entities';
import { signInWithPin } from '../../db/repos/pin-repo';
import { listStaff } from '../../db/queries';
import { useSessionStore } from '../../state/session-store';
import { useDb } from '../../ui/db-context';

/** Why the last attempt failed, for the message under the keypad. */
export type SignInProblem =
  | { kind: 'wrongPin'; attemptsLeft: number | undefined }
  | { kind: 'lockedOut'; until: number }
  | { kind: 'inactive' }
  | { kind: 'unknown' };

/**
 * Pick a name, then a PIN checked offline against the locally stored slow hash. Wrong PINs are
 * counted by the repository, so five of them lock that person out for five minutes even with no
 * network and across reloads.
 */
export function useSignIn() {
  const db = useDb();
  const signIn = useSessionStore((s) => s.signIn);
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const [selected, setSelected] = useState<Staff | null>(null);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [checking, setChecking] = useState(false);

  const choose = (person: Staff | null) => {
    setSelected(person);
    setPin('');
    setProblem(null);
  };

  const submit = async () => {
    if (!selected || pin === '' || checking) return;
    setChecking(true);
    try {
      const now = Date.now();
      const result = await signInWithPin(db, selected.id, pin, now);
      setPin('');
      if (result.ok) {
        setProblem(null);
        signIn(result.staff.id, now);
      } else if (result.lockedUntil !== undefined && result.lockedUntil > now) {
        // The fifth wrong PIN already locks: say until when rather than "0 attempts left".
        setProblem({ kind: 'lockedOut', until: result.lockedUntil });
      } else if (result.reason === 'wrongPin') {
        setProblem({ kind: 'wrongPin', attemptsLeft: result.attemptsLeft });
      } else if (result.reason === 'lockedOut') {
        setProblem({ kind: 'lockedOut', until: result.lockedUntil ?? now });
      } else {
        setProblem({ kind: result.reason });
      }
    } finally {
      setChecking(false);
    }
  };

  return { staff, selected, choose, pin, setPin, problem, checking, submit };
}
