import { useState } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { checkPin, type PinProblem } from './pin-check';

/** Why a signature was refused: no strokes in the box, or that person's PIN was not right. */
export type SignatureProblem = { kind: 'empty' } | PinProblem;

/**
 * One person's signature (H3): their PIN (nobody else's counts) and strokes in the box. A refusal
 * keeps what was drawn; a wrong PIN is cleared, like at sign-in, and counts towards the lockout.
 */
export function useSignatureBlock(
  person: { id: string },
  role: Signature['role'],
  onSigned: (s: Signature) => unknown,
) {
  const db = useDb();
  const [svg, setSvg] = useState<string | null>(null);
  const [pin, setPinState] = useState('');
  const [problem, setProblem] = useState<SignatureProblem | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async () => {
    if (checking) return;
    if (svg === null) {
      setProblem({ kind: 'empty' });
      return;
    }
    setChecking(true);
    try {
      const refused = await checkPin(db, person.id, pin, Date.now());
      if (refused) {
        setPinState('');
        setProblem(refused);
        return;
      }
      setProblem(null);
      setPinState('');
      const ctx = await makeWriteContext(db, person.id);
      await onSigned({ role, staffId: person.id, signedAt: ctx.now(), svg });
    } finally {
      setChecking(false);
    }
  };

  return {
    pin,
    setPin: (v: string) => {
      setPinState(v);
      setProblem((p) => (p?.kind === 'empty' ? p : null));
    },
    setSvg: (v: string | null) => {
      setSvg(v);
      if (v !== null) setProblem((p) => (p?.kind === 'empty' ? null : p));
    },
    problem,
    checking,
    submit,
  };
}
