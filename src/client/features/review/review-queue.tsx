import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { Site } from '../../../domain/entities';
import { reviewQueueDays, type QueueEntry } from '../../db/queries/review-queries';
import { useT, type TFunction } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { useNow } from '../../ui/use-now';

function figuresLine(t: TFunction, q: QueueEntry): string {
  const f = q.figures;
  return t('review.queue.figures', {
    entries: f.entries,
    discrepancies: f.discrepancies,
    late: f.handoversLate,
    openings: f.openings,
    referred: f.referred + f.open,
  });
}

function DayList({ days, title, onOpen }: { days: QueueEntry[]; title: string; onOpen(day: string): void }) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {days.length === 0 ? <p className="empty">{t('review.queue.empty')}</p> : null}
      <ul className="record-rows" aria-labelledby={titleId}>
        {days.map((q) => (
          <li key={q.day}>
            <button type="button" className="record-row" onClick={() => onOpen(q.day)}>
              <span className="record-line">
                <strong>{q.day}</strong>{' '}
                {q.overdue ? <span className="badge badge-open">{t('review.queue.overdue')}</span> : null}
                {q.current ? <span className="badge">{t('review.queue.current')}</span> : null}
                {q.reviewed ? <span className="badge badge-resolved">{t('review.queue.reviewed')}</span> : null}
              </span>
              <span className="record-meta">{figuresLine(t, q)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * O1: the building days awaiting review, newest first, each with its figures; a day left
 * unreviewed for more than one working day is flagged (review-queue.ts). Reviewed days follow.
 */
export function ReviewQueueView({ site, onOpen }: { site: Site; onOpen(day: string): void }) {
  const t = useT();
  const db = useDb();
  // The minute is enough: the queue changes at midnight (a day ends) and when a day is signed.
  const now = useNow(60_000);
  const queue = useLiveQuery(
    () => reviewQueueDays(db, site.timeZone, now, site.incomingLeadMinutes),
    [db, site.timeZone, site.incomingLeadMinutes, Math.floor(now / 60_000)],
  );
  if (queue === undefined) return null;
  return (
    <div className="review-queue">
      <DayList days={queue.filter((q) => !q.reviewed)} title={t('review.queue.awaiting')} onOpen={onOpen} />
      <DayList days={queue.filter((q) => q.reviewed)} title={t('review.queue.done')} onOpen={onOpen} />
    </div>
  );
}
