import { useEffect } from 'react';
import { isReadOnlySignIn, proofKeyOf } from '../../state/proof-keys';
import { useSessionStore } from '../../state/session-store';

/**
 * Issue 9 §3 (docs/security.md): a session restored after a reload (sessionStorage keeps who was
 * signed in) has no proof key, which lives in the page's memory only; without it no change of
 * theirs could be sent. The person goes back to sign-in, which says calmly why.
 */
export function useKeyGuard(): void {
  const staffId = useSessionStore((s) => s.staffId);
  useEffect(() => {
    if (staffId && !proofKeyOf(staffId) && !isReadOnlySignIn(staffId)) {
      useSessionStore.getState().signOut('signInAgain');
    }
  }, [staffId]);
}
