import { useId, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { useCorrectedNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { HandoverFlow } from './handover-flow';
import { RecordView } from './record-view';
import { RefusalAlert } from './refusal-alert';
import { StartPanel } from './start-panel';
import { useHandoverData } from './use-handover-data';
import { useScheduledEnd } from './use-shift-end';
import { useNoStepWithoutFlow } from './use-step-route';

export interface HandoverScreenProps {
  /** The signed-in person: the outgoing one while preparing, the incoming one once signed. */
  staffId: string;
  /** The count screen (another feature), shown in the count step; app.tsx injects it. */
  renderCount(args: { handoverId: string; staffId: string }): ReactNode;
}

/**
 * The guided handover (H1-H11) for the two people at the desk: preparation, count, carry-over,
 * incoming person and fitness, the gate, and both signatures. Every answer is saved in the
 * handover row as it is given, so a reload continues where it stopped.
 */
export function HandoverScreen({ staffId, renderCount }: HandoverScreenProps) {
  const data = useHandoverData(staffId);
  const site = useSite();
  // T1: deadlines and the gate run on server-corrected time, never the tablet's own clock.
  const nowMs = useCorrectedNow(30_000);
  const scheduledEnd = useScheduledEnd(staffId, data?.duty, nowMs);
  useNoStepWithoutFlow(data !== undefined && data.handover === null);
  if (data === undefined || site === undefined || nowMs === undefined) return null;
  const { duty, handover, received } = data;

  return (
    <div className="handover-screen">
      <RefusalAlert staffId={staffId} handoverId={handover?.id ?? null} since={duty?.startedAt ?? null} />
      {duty === null ? <NothingToHandOver /> : null}
      {duty !== null && handover !== null ? (
        <HandoverFlow
          key={handover.id}
          handover={handover}
          staffId={staffId}
          site={site}
          nowMs={nowMs}
          renderCount={renderCount}
        />
      ) : null}
      {duty !== null && handover === null && received !== null ? (
        <RecordView
          record={received}
          corrections={data.corrections}
          staffId={staffId}
          timeZone={site.timeZone}
          renderCount={renderCount}
        />
      ) : null}
      {duty !== null && handover === null && scheduledEnd !== undefined ? (
        <StartPanel duty={duty} staffId={staffId} site={site} nowMs={nowMs} scheduledAt={scheduledEnd} />
      ) : null}
    </div>
  );
}

function NothingToHandOver() {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card handover-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('handover.none.title')}</h2>
      <p>{t('handover.none.body')}</p>
    </section>
  );
}
