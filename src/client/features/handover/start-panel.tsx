import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { Duty, Site } from '../../../domain/entities';
import { shiftFollows } from '../../db/queries/desk-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { opensAt } from '../../../domain/lateness';
import { useStartHandover } from './use-handover-data';

export interface StartPanelProps {
  duty: Duty;
  staffId: string;
  site: Site;
  nowMs: number;
  /** The scheduled change (end of the shift), or null when nothing says when the shift ends. */
  scheduledAt: number | null;
}

/**
 * H1, H3: the only ways to end a duty. The outgoing person opens the handover from
 * `outgoingLeadMinutes` before the end of the shift; when no shift is rostered to follow, they close
 * the desk instead. Before the time the panel says when it opens; starting early stays possible and
 * is noted on the handover.
 */
export function StartPanel({ duty, staffId, site, nowMs, scheduledAt }: StartPanelProps) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const start = useStartHandover(staffId);
  const { run, busy, error } = useAction(start);
  const changeAt = scheduledAt ?? nowMs;
  const follows = useLiveQuery(() => shiftFollows(db, changeAt, staffId), [db, changeAt, staffId]);
  const opening = scheduledAt === null ? null : opensAt(scheduledAt, site.outgoingLeadMinutes);
  const early = opening !== null && nowMs < opening;
  const when = (ms: number) => formatShort(ms, nowMs, site.timeZone);
  if (follows === undefined) return null;
  const kind = follows ? 'handover' : 'closing';

  return (
    <section className="card handover-card handover-start" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(follows ? 'handover.start.title' : 'handover.start.closeTitle')}</h2>
      {scheduledAt === null ? (
        <p>{t('handover.start.noSchedule')}</p>
      ) : (
        <p>{t('handover.start.scheduled', { time: when(scheduledAt), minutes: site.outgoingLeadMinutes })}</p>
      )}
      {follows ? null : <p>{t('handover.start.closeBody')}</p>}
      {early && opening !== null ? (
        <p className="callout">{t('handover.start.opensAt', { time: when(opening) })}</p>
      ) : null}
      <FailureAlert error={error} />
      <div className="form-actions">
        {/* Starting early is possible but not the usual path: it does not call for the main button. */}
        <Button
          variant={early ? 'secondary' : 'primary'}
          large
          disabled={busy}
          onClick={() => void run(duty.id, scheduledAt, kind)}
        >
          {follows
            ? t(early ? 'handover.start.early' : 'handover.start.submit')
            : t(early ? 'handover.start.closeEarly' : 'handover.start.close')}
        </Button>
      </div>
    </section>
  );
}
