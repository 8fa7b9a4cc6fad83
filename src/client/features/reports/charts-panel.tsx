import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useId, useState } from 'react';
import type { Site } from '../../../domain/entities';
import { daySeries, type DaySeriesPoint } from '../../db/queries/report-queries';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { useDb } from '../../ui/db-context';

// uPlot and the charts are a chunk of their own, fetched when this panel first shows (O2: the
// initial JavaScript must not grow); the table and summary below do not wait for it.
// A chunk that cannot load (offline before the service worker cached it) leaves the table and the
// summary, with a word on why there is no chart.
const ReportCharts = lazy(() => import('./report-charts').catch(() => ({ default: ChartsUnavailable })));

function ChartsUnavailable() {
  const t = useT();
  return <p className="hint">{t('reports.charts.unavailable')}</p>;
}

type Range = 'week' | 'month';
const RANGE_DAYS: Record<Range, number> = { week: 7, month: 30 };

function sum(points: readonly DaySeriesPoint[], pick: (p: DaySeriesPoint) => number): number {
  return points.reduce((n, p) => n + pick(p), 0);
}

/**
 * O2: the week's or month's figures (the days up to today) as charts, with their text alternative:
 * a summary sentence and a table of the same figures, day by day.
 */
export function ChartsPanel({ site, today }: { site: Site; today: string }) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const tableId = useId();
  const [range, setRange] = useState<Range>('week');
  const points = useLiveQuery(
    () => daySeries(db, today, RANGE_DAYS[range], site.timeZone, site.incomingLeadMinutes),
    [db, today, range, site.timeZone, site.incomingLeadMinutes],
  );
  return (
    <section className="card report-charts-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('reports.charts.title')}</h2>
      <SegmentedControl
        legend={t('reports.charts.range')}
        options={[
          { value: 'week', label: t('reports.charts.week') },
          { value: 'month', label: t('reports.charts.month') },
        ]}
        value={range}
        onChange={setRange}
      />
      {points === undefined ? null : (
        <>
          <p className="report-summary">
            {t('reports.charts.summary', {
              days: points.length,
              entries: sum(points, (p) => p.figures.entries),
              complaints: sum(points, (p) => p.figures.complaints),
              repairs: sum(points, (p) => p.figures.repairs),
              emergencies: sum(points, (p) => p.figures.emergencies),
              onTime: sum(points, (p) => p.figures.handoversOnTime),
              late: sum(points, (p) => p.figures.handoversLate),
              discrepancies: sum(points, (p) => p.figures.discrepancies),
            })}
          </p>
          <Suspense fallback={<p role="status">{t('reports.charts.loading')}</p>}>
            <ReportCharts points={points} />
          </Suspense>
          <div className="report-scroll">
            <table className="report-table" aria-labelledby={tableId}>
              <caption id={tableId}>{t('reports.charts.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.charts.day')}</th>
                  <th scope="col">{t('reports.fig.entries')}</th>
                  <th scope="col">{t('reports.fig.complaints')}</th>
                  <th scope="col">{t('reports.fig.repairs')}</th>
                  <th scope="col">{t('reports.fig.emergencies')}</th>
                  <th scope="col">{t('reports.fig.handoversOnTime')}</th>
                  <th scope="col">{t('reports.fig.handoversLate')}</th>
                  <th scope="col">{t('reports.fig.discrepancies')}</th>
                </tr>
              </thead>
              <tbody>
                {points.map(({ day, figures: f }) => (
                  <tr key={day}>
                    <th scope="row">{day}</th>
                    <td>{f.entries}</td>
                    <td>{f.complaints}</td>
                    <td>{f.repairs}</td>
                    <td>{f.emergencies}</td>
                    <td>{f.handoversOnTime}</td>
                    <td>{f.handoversLate}</td>
                    <td>{f.discrepancies}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
