import { useLiveQuery } from 'dexie-react-hooks';
import type { Duty } from '../../../domain/entities';
import type { Handover } from '../../../domain/handover-entities';
import { openDutyFor } from '../../db/queries';
import { handoverForDuty } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { useGoToSection, useSection } from '../../state/routes';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { formatShort } from '../../ui/time';
import { useCorrectedNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { incomingExpectedAt, opensAt } from '../../../domain/lateness';
import { useScheduledEnd } from './use-shift-end';

type Level = 'prepare' | 'incoming' | 'due';

/**
 * H1 reminders, shown on every screen for the signed-in person on duty: from `outgoingLeadMinutes`
 * before the end of their shift "prepare the handover" (a status), from `incomingLeadMinutes`
 * before it "the incoming person is expected now", and once the change time has passed "the
 * handover is due" (both alerts). Gone once the duty is handed over.
 */
export function HandoverReminder({ staffId }: { staffId: string }) {
  const t = useT();
  const db = useDb();
  const site = useSite();
  // T1: the shift's end is compared with server-corrected time, not the tablet's own clock.
  const nowMs = useCorrectedNow(30_000);
  const section = useSection();
  const goTo = useGoToSection();
  const current = useLiveQuery(async (): Promise<{ duty: Duty | null; handover: Handover | null }> => {
    const duty = (await openDutyFor(db, staffId)) ?? null;
    const handover = duty ? ((await handoverForDuty(db, duty.id)) ?? null) : null;
    return { duty, handover };
  }, [db, staffId]);
  const shiftEnd = useScheduledEnd(staffId, current?.duty, nowMs);
  if (!site || !current?.duty || nowMs === undefined) return null;

  // The handover being prepared carries its own scheduled time; before it opens, the rota says.
  const preparing = current.handover?.status === 'preparing' ? current.handover : null;
  const scheduledAt = preparing ? preparing.scheduledAt : shiftEnd;
  if (scheduledAt === null || scheduledAt === undefined) return null;
  if (nowMs < opensAt(scheduledAt, site.outgoingLeadMinutes)) return null;
  const level: Level =
    nowMs >= scheduledAt
      ? 'due'
      : nowMs >= incomingExpectedAt(scheduledAt, site.incomingLeadMinutes)
        ? 'incoming'
        : 'prepare';
  const time = formatShort(scheduledAt, nowMs, site.timeZone);

  return (
    // Keyed by level: a new element is announced, where a changed role on the same one may not be.
    <div
      key={level}
      role={level === 'prepare' ? 'status' : 'alert'}
      className={`handover-reminder handover-reminder-${level}`}
    >
      <span className="handover-reminder-text">
        {level === 'prepare'
          ? t('handover.reminder.prepare', { time })
          : level === 'incoming'
            ? t('handover.reminder.incoming', { time })
            : t('handover.reminder.due', { time })}
      </span>
      {section !== 'handover' ? (
        <Button variant={level === 'prepare' ? 'secondary' : 'primary'} onClick={() => goTo('handover')}>
          {t('handover.reminder.go')}
        </Button>
      ) : null}
    </div>
  );
}
