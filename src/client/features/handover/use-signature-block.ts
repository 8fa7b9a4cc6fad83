import { useState } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { usePinConfirm } from './use-pin-confirm';

/**
 * One person's signature (H3): their PIN (nobody else's counts) and strokes in the box. A refusal
 * keeps what was drawn; a wrong PIN is cleared, like at sign-in, and counts towards the lockout,
 * whose way forward (the wait, or a chief's or manager's unlock) keeps the strokes too.
 */
export function useSignatureBlock(
  person: { id: string },
  role: Signature['role'],
  onSigned: (s: Signature) => unknown,
) {
  const db = useDb();
  const pin = usePinConfirm(person.id);
  const [svg, setSvg] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);

  const submit = async () => {
    if (pin.checking) return;
    if (svg === null) {
      setEmpty(true);
      return;
    }
    if (!(await pin.confirm())) return;
    const ctx = await makeWriteContext(db, person.id);
    await onSigned({ role, staffId: person.id, signedAt: ctx.now(), svg });
  };

  return {
    pin,
    setSvg: (v: string | null) => {
      setSvg(v);
      if (v !== null) setEmpty(false);
    },
    empty,
    submit,
  };
}
