import { useId, type ReactNode } from 'react';
import { groupByDuty } from '../../../domain/building-day';
import { joinMinutesLate, recordDiscrepancies } from '../../../domain/day-figures';
import type { ReviewDayData } from '../../db/queries/review-queries';
import { useT } from '../../i18n/use-t';
import { EntryStatusBadges } from '../../ui/entry-status-badge';
import { formatShort } from '../../ui/time';

/** What every part of the day needs to name people and show times. */
export interface DayPartProps {
  data: ReviewDayData;
  timeZone: string;
  incomingLeadMinutes: number;
  nameOf(staffId: string | null): string;
}

/** One titled part of the day, with its own heading for screen readers and the print. */
export function DayPart({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card review-part" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {empty ? <p className="empty">{t('review.none')}</p> : children}
    </section>
  );
}

/** F3, O1: the day's duty records: its entries grouped by duty, each with its status. */
export function DutyRecords({ data, timeZone, nameOf }: DayPartProps) {
  const t = useT();
  const groups = groupByDuty(data.entries, data.duties);
  return (
    <DayPart title={t('review.duties.title')} empty={groups.length === 0}>
      {groups.map((g) => (
        <div key={g.key} className="review-duty">
          <h3>
            {g.duty
              ? t('review.duties.duty', {
                  name: nameOf(g.duty.staffId),
                  time: formatShort(g.duty.startedAt, data.fromMs, timeZone),
                })
              : t('review.duties.other')}
          </h3>
          <ul className="record-rows">
            {g.entries.map((e) => (
              <li key={e.id} className="record-row">
                <span className="record-line">
                  {formatShort(e.occurredAt, data.fromMs, timeZone)} · {t(`kind.${e.kind}`)} · {e.cause}
                </span>
                <span className="record-meta">
                  <EntryStatusBadges entry={e} timeZone={timeZone} sameDayAs={data.fromMs} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </DayPart>
  );
}

/** H1, H3, H8, T1: the day's handovers, openings and closings, with lateness, discrepancies and flags. */
export function SignedRecords({ data, timeZone, incomingLeadMinutes, nameOf }: DayPartProps) {
  const t = useT();
  const flagged = new Set(data.flags.map((f) => f.flag.rowId));
  return (
    <DayPart title={t('review.records.title')} empty={data.records.length === 0}>
      <ul className="record-rows">
        {data.records.map((r) => {
          const late = joinMinutesLate(r, incomingLeadMinutes);
          const discrepancies = recordDiscrepancies(r);
          return (
            <li key={r.id} className="record-row">
              <span className="record-line">
                {formatShort(r.signedAt, data.fromMs, timeZone)} · {t(`review.records.kind.${r.kind}`)} ·{' '}
                {t('review.records.people', { from: nameOf(r.outgoingStaffId), to: nameOf(r.incomingStaffId) })}
                {r.correctsId !== null ? ` · ${t('review.records.addendum')}` : ''}
              </span>
              <span className="record-meta">
                {late === null ? null : late > 0 ? (
                  <span className="badge badge-open">{t('review.records.late', { minutes: late })}</span>
                ) : (
                  <span className="badge badge-resolved">{t('review.records.onTime')}</span>
                )}
                {discrepancies > 0 ? (
                  <span className="badge badge-open">
                    {t('review.records.discrepancies', { count: discrepancies })}
                  </span>
                ) : null}
                {flagged.has(r.id) ? <span className="badge badge-open">{t('review.records.flagged')}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </DayPart>
  );
}

const FIGURES = [
  'entries',
  'complaints',
  'repairs',
  'emergencies',
  'discrepancies',
  'handoversOnTime',
  'handoversLate',
  'openings',
  'closings',
  'referred',
  'open',
  'escalations',
] as const;

/** O1, O2: the day's counts and discrepancies. */
export function DayFiguresPart({ data }: { data: ReviewDayData }) {
  const t = useT();
  return (
    <DayPart title={t('review.figures.title')} empty={false}>
      <dl className="review-figures">
        {FIGURES.map((f) => (
          <div key={f}>
            <dt>{t(`review.figures.${f}`)}</dt>
            <dd>{data.figures[f]}</dd>
          </div>
        ))}
      </dl>
    </DayPart>
  );
}

/** H4, H7, H11(a): referred matters, open items and instructions not acknowledged at a handover. */
export function OpenItems({ data, timeZone, nameOf }: DayPartProps) {
  const t = useT();
  const items = data.entries.filter((e) => e.status === 'referred' || e.status === 'open');
  return (
    <>
      <DayPart title={t('review.open.title')} empty={items.length === 0 && data.openTasks.length === 0}>
        <ul className="record-rows">
          {items.map((e) => (
            <li key={e.id} className="record-row">
              <span className="record-line">
                {t(`kind.${e.kind}`)} · {e.cause}
              </span>
              <span className="record-meta">
                <EntryStatusBadges entry={e} timeZone={timeZone} sameDayAs={data.fromMs} />
              </span>
            </li>
          ))}
          {data.openTasks.map((task) => (
            <li key={task.id} className="record-row">
              <span className="record-line">{t('review.open.task', { title: task.title })}</span>
            </li>
          ))}
        </ul>
      </DayPart>
      <DayPart title={t('review.unacknowledged.title')} empty={data.unacknowledged.length === 0}>
        <ul className="record-rows">
          {data.unacknowledged.map(({ task, record }) => (
            <li key={`${task.id}-${record.id}`} className="record-row">
              <span className="record-line">{task.title}</span>
              <span className="record-meta">
                {t('review.unacknowledged.by', {
                  name: nameOf(record.incomingStaffId),
                  time: formatShort(record.signedAt, data.fromMs, timeZone),
                })}
              </span>
            </li>
          ))}
        </ul>
      </DayPart>
    </>
  );
}
