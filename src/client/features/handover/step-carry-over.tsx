import { useT } from '../../i18n/use-t';
import { AnomalyAndSynthesis, PreviousDuty } from './carry-over-review';
import { CarryOverRegister } from './carry-over-register';
import { CarryOverWork } from './carry-over-work';
import { useCarryOver } from './use-carry-over';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * Step 3 (H4, H5, H7, H9, H10): the carry-over register, read together at the desk: pending work
 * and instructions, open events, loans and custody, the previous duty's record, the anomaly
 * question and the incoming person's one-line synthesis.
 */
export function StepCarryOver({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const data = useCarryOver(flow);
  return (
    <div className="handover-step">
      <p>{t('handover.carry.intro')}</p>
      <CarryOverWork flow={flow} data={data} timeZone={timeZone} />
      <CarryOverRegister data={data} nowMs={flow.nowMs} timeZone={timeZone} />
      <PreviousDuty flow={flow} data={data} timeZone={timeZone} />
      <AnomalyAndSynthesis flow={flow} />
    </div>
  );
}
