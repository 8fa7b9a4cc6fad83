import { useId } from 'react';
import type { HandoverKind } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { BlockerList } from './blocker-list';
import { useCarryOver } from './use-carry-over';
import type { HandoverFlowState } from './use-handover-flow';

const CLEAR: Record<HandoverKind, MessageKey> = {
  handover: 'handover.gate.clear',
  opening: 'handover.gate.clearOpening',
  closing: 'handover.gate.clearClosing',
};
const BLOCKED: Record<HandoverKind, MessageKey> = {
  handover: 'handover.gate.blocked',
  opening: 'handover.gate.blockedOpening',
  closing: 'handover.gate.blockedClosing',
};

/**
 * The check (H11, H4, H3, S1): it lists exactly what forbids the handover (or the opening or
 * closing of the desk), each with its way out and its link. There is no override: the seed says the
 * handover is forbidden (不得交接班) until each condition is really cleared.
 */
export function StepGate({ flow }: { flow: HandoverFlowState }) {
  const t = useT();
  const listId = useId();
  const data = useCarryOver(flow);
  if (!flow.gate) return null;
  const { blockers } = flow.gate;

  if (blockers.length === 0) {
    return (
      <div className="handover-step">
        <p role="status" className="form-ok handover-gate-open">
          {t(CLEAR[flow.kind])}
        </p>
      </div>
    );
  }
  return (
    <div className="handover-step">
      <p id={listId} role="status" className="form-error handover-gate-blocked">
        {t(BLOCKED[flow.kind])}
      </p>
      <BlockerList blockers={blockers} kind={flow.kind} data={data} onStep={flow.goTo} labelId={listId} />
    </div>
  );
}
