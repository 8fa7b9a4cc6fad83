import { useT } from '../../i18n/use-t';
import { AnomalyAndSynthesis, ShiftRecord } from './carry-over-review';
import { CarryOverRegister } from './carry-over-register';
import { CarryOverWork } from './carry-over-work';
import { useCarryOver } from './use-carry-over';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * The carry-over (H4, H5, H7, H9, H10), read together at the desk: pending work and instructions,
 * what blocks and the shift's major matters, loans and custody, the shift's own record, the
 * anomaly question and the incoming person's one-line restatement. At a closing nobody takes over:
 * the register is reviewed by the person closing, without receipts, questions or restatement.
 */
export function StepCarryOver({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const data = useCarryOver(flow);
  return (
    <div className="handover-step">
      <p>{t(flow.kind === 'closing' ? 'handover.carry.introClosing' : 'handover.carry.intro')}</p>
      <CarryOverWork flow={flow} data={data} timeZone={timeZone} />
      <CarryOverRegister data={data} nowMs={flow.nowMs} timeZone={timeZone} />
      {flow.kind === 'handover' ? <ShiftRecord flow={flow} data={data} timeZone={timeZone} /> : null}
      {flow.kind === 'handover' ? <AnomalyAndSynthesis flow={flow} /> : null}
    </div>
  );
}
