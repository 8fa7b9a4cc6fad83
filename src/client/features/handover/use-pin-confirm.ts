import { useState } from 'react';
import { useDb } from '../../ui/db-context';
import { checkPin, type PinProblem } from './pin-check';

export interface PinConfirm {
  pin: string;
  setPin(value: string): void;
  problem: PinProblem | null;
  checking: boolean;
  /** Checks the PIN typed as `personId`'s; true when right. A wrong PIN is cleared, like at sign-in. */
  confirm(): Promise<boolean>;
  /** The lockout was lifted (by a chief or manager, or the wait ended): the PIN may be typed again. */
  clearProblem(): void;
}

/**
 * One person's PIN, asked for again at the desk (joining, an approval, a signature, an unlock). It
 * goes through the sign-in check, so wrong PINs count towards that person's five-tries lockout.
 */
export function usePinConfirm(personId: string): PinConfirm {
  const db = useDb();
  const [pin, setPinState] = useState('');
  const [problem, setProblem] = useState<PinProblem | null>(null);
  const [checking, setChecking] = useState(false);

  const confirm = async () => {
    if (checking) return false;
    setChecking(true);
    try {
      const refused = await checkPin(db, personId, pin, Date.now());
      setPinState('');
      setProblem(refused);
      return refused === null;
    } finally {
      setChecking(false);
    }
  };

  return {
    pin,
    setPin: (v: string) => {
      setPinState(v);
      // A lockout stays on screen until it is lifted; any other message goes once the person types.
      setProblem((p) => (p?.kind === 'lockedOut' ? p : null));
    },
    problem,
    checking,
    confirm,
    clearProblem: () => setProblem(null),
  };
}
