import { useState } from 'react';
import type { Signature } from '../../../domain/handover-entities';
import { signHandover, type SignError } from '../../db/repos/sign-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useSessionStore } from '../../state/session-store';
import { useDb } from '../../ui/db-context';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * The signing itself (H3), once the last signature is given: the incoming person's after the
 * outgoing one's (handover), or the one person's (opening, closing). One transaction locks the
 * draft, its count and the outgoing duty and opens the new duty; then the tablet is the new
 * person's: the session switches to them. A refusal keeps every signature given on screen.
 */
export function useSign(flow: HandoverFlowState) {
  const db = useDb();
  const signIn = useSessionStore((s) => s.signIn);
  const [refusal, setRefusal] = useState<SignError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const sign = async (last: Signature) => {
    const outgoing = flow.signatures.outgoing;
    if (busy || (flow.kind === 'handover' && !outgoing)) return;
    flow.setSignature(last.role, last);
    setBusy(true);
    setRefusal(null);
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, flow.preparerId);
      const result = await signHandover(db, ctx, {
        handoverId: flow.handover.id,
        signatures: flow.kind === 'handover' && outgoing ? [outgoing, last] : [last],
        blockersSeen: flow.blockersSeen(),
      });
      if (!result.ok) {
        setRefusal(result.errors);
        return;
      }
      flow.clearSignatures();
      if (result.value.newDuty) signIn(result.value.newDuty.staffId, Date.now());
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return { sign, refusal, failure, busy };
}
