import { useState } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { signHandover, type SignError } from '../../db/repos/sign-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useSessionStore } from '../../state/session-store';
import { useDb } from '../../ui/db-context';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * The signing itself (H3), once the incoming person has signed after the outgoing one: one
 * transaction locks the handover, its count and the outgoing duty and opens the incoming person's
 * duty. Then the tablet is theirs: the session switches to them.
 */
export function useSign(flow: HandoverFlowState) {
  const db = useDb();
  const signIn = useSessionStore((s) => s.signIn);
  const [refusal, setRefusal] = useState<SignError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const sign = async (incoming: Signature) => {
    const outgoing = flow.signatures.outgoing;
    if (!outgoing || busy) return;
    flow.setSignature('incoming', incoming);
    setBusy(true);
    setRefusal(null);
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, flow.staffId);
      const result = await signHandover(db, ctx, {
        handoverId: flow.handover.id,
        incomingStaffId: incoming.staffId,
        signatures: [outgoing, incoming],
        override: flow.overrideValid ? flow.override : null,
        blockersSeen: flow.blockersSeen(),
      });
      if (!result.ok) {
        setRefusal(result.errors);
        return;
      }
      signIn(incoming.staffId, Date.now());
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return { sign, refusal, failure, busy };
}
