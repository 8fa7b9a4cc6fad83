import { useId } from 'react';
import { Link } from 'wouter';
import { dayBounds, shiftDayKey } from '../../../domain/building-day';
import type { Site } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { formatDateTime } from '../../ui/time';
import { DayFiguresTable } from './day-figures-table';
import { DayReportLists } from './day-report-lists';
import { ReportSubmit } from './report-submit';
import { useDayReport } from './use-day-report';

/**
 * O2: the daily department report of building day `day`: its figures generated from the day's
 * rows, the lists behind them, the reports already submitted with their remarks, and the form by
 * which the person on duty submits theirs once the day is over.
 */
export function DayReportScreen({
  day,
  today,
  site,
  staffId,
}: {
  day: string;
  today: string;
  site: Site;
  staffId: string;
}) {
  const t = useT();
  const titleId = useId();
  const submittedId = useId();
  const report = useDayReport(day, site, staffId);
  const { data } = report;
  const { fromMs } = dayBounds(day, site.timeZone);
  const names = new Map(data?.staff.map((s) => [s.id, s.name]));
  const nameOf = (id: string | null) =>
    id === null ? t('reports.unknownPerson') : (names.get(id) ?? t('reports.unknownPerson'));
  return (
    <div className="reports day-report">
      <section className="card" aria-labelledby={titleId}>
        <div className="card-top">
          <h2 id={titleId}>{t('reports.day.title', { day })}</h2>
        </div>
        <nav className="report-nav" aria-label={t('reports.title')}>
          <Link className="btn btn-quiet" href="/">
            {t('reports.back')}
          </Link>
          <Link className="btn btn-secondary" href={`/day/${shiftDayKey(day, -1)}`}>
            {t('reports.day.previous')}
          </Link>
          {day < today ? (
            <Link className="btn btn-secondary" href={`/day/${shiftDayKey(day, 1)}`}>
              {t('reports.day.next')}
            </Link>
          ) : null}
        </nav>
        {data === undefined ? (
          <p role="status">{t('reports.day.loading')}</p>
        ) : (
          <>
            <DayFiguresTable figures={data.figures} />
            <DayReportLists
              rows={data.rows}
              fromMs={fromMs}
              timeZone={site.timeZone}
              incomingLeadMinutes={site.incomingLeadMinutes}
              nameOf={nameOf}
            />
          </>
        )}
      </section>
      <section className="card" aria-labelledby={submittedId}>
        <h3 id={submittedId}>{t('reports.submitted.title')}</h3>
        {data && data.reports.length === 0 ? <p className="empty">{t('reports.submitted.none')}</p> : null}
        <ul className="report-submitted" aria-labelledby={submittedId}>
          {data?.reports.map((r) => (
            <li key={r.id}>
              <strong>
                {t('reports.submitted.by', {
                  name: nameOf(r.staffId),
                  time: formatDateTime(r.submittedAt, site.timeZone),
                })}
              </strong>
              <p className="report-remarks">{r.remarks === '' ? t('reports.submitted.noRemarks') : r.remarks}</p>
            </li>
          ))}
        </ul>
        <ReportSubmit report={report} timeZone={site.timeZone} />
      </section>
    </div>
  );
}
