import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Staff } from '../../../domain/entities';
import { signInWithPin } from '../../db/repos/pin-repo';
import { listStaff } from '../../db/queries';
import { homePath, OFFICE_ROLES } from '../../state/section-roles';
import { useSessionStore } from '../../state/session-store';
import { useDb } from '../../ui/db-context';
import { useDeviceKind } from '../../ui/use-device-kind';

/** Why the last attempt failed, for the message under the keypad. */
export type SignInProblem =
  | { kind: 'wrongPin'; attemptsLeft: number | undefined }
  | { kind: 'lockedOut'; until: number }
  | { kind: 'inactive' }
  | { kind: 'unknown' }
  /** Issue 9 §3: the server checks this person's PIN and cannot be reached. */
  | { kind: 'onlineOnly' }
  | { kind: 'server'; code: string };

/**
 * Pick a name, then a PIN checked offline against the locally stored slow hash (or by the server
 * for a person whose hash this tablet does not hold, issue 9 §3). Wrong PINs are
 * counted by the repository, so five of them lock that person out for five minutes even with no
 * network and across reloads. Issue 8: the person then lands on their role's home (section-roles.ts),
 * replacing the sign-in's `/` so Back does not return to a screen that would send them home again;
 * on an office device only the section chief, the manager and admins are listed.
 */
export function useSignIn() {
  const db = useDb();
  const signIn = useSessionStore((s) => s.signIn);
  /** Why the person is asked again (a reload forgot the PIN's key), shown until someone signs in. */
  const notice = useSessionStore((s) => s.notice);
  const [, navigate] = useLocation();
  const kind = useDeviceKind();
  const everyone = useLiveQuery(() => listStaff(db), [db]);
  const staff =
    kind === undefined ? undefined : everyone?.filter((p) => kind === 'desk' || OFFICE_ROLES.includes(p.role));
  /** On an office device, whether desk staff were left out of the list (they are told where to sign in). */
  const deskStaffHidden = kind === 'office' && (everyone?.length ?? 0) > (staff?.length ?? 0);
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
        const reopened = notice === 'signInAgain';
        signIn(result.staff.id, now);
        // After a reload (issue 9 §3) the person goes back to the section they were on; a section
        // their role may not open still sends them home (section-roles.ts).
        if (!reopened) navigate(homePath(result.staff.role, kind ?? 'desk'), { replace: true });
      } else if (result.lockedUntil !== undefined && result.lockedUntil > now) {
        // The fifth wrong PIN already locks: say until when rather than "0 attempts left".
        setProblem({ kind: 'lockedOut', until: result.lockedUntil });
      } else if (result.reason === 'wrongPin') {
        setProblem({ kind: 'wrongPin', attemptsLeft: result.attemptsLeft });
      } else if (result.reason === 'lockedOut') {
        setProblem({ kind: 'lockedOut', until: result.lockedUntil ?? now });
      } else if (result.reason === 'server') {
        setProblem({ kind: 'server', code: result.code ?? 'server' });
      } else {
        setProblem({ kind: result.reason });
      }
    } finally {
      setChecking(false);
    }
  };

  return { staff, deskStaffHidden, notice, selected, choose, pin, setPin, problem, checking, submit };
}
