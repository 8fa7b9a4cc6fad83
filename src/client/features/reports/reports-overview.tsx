import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { Link } from 'wouter';
import { shiftDayKey } from '../../../domain/building-day';
import type { Role, Site } from '../../../domain/entities';
import { submittedCountsBetween } from '../../db/queries/report-queries';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { ChartsPanel } from './charts-panel';
import { mayReadPersonFigures } from './people-figures';

const DAYS_LISTED = 14;

/**
 * The reports overview: the building's recent days with how many daily reports each has (O2), the
 * week and month charts, and, for the section chief and the manager, the per-person figures (O3).
 */
export function ReportsOverview({ site, today, role }: { site: Site; today: string; role: Role }) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const days = Array.from({ length: DAYS_LISTED }, (_, i) => shiftDayKey(today, -i));
  const counts = useLiveQuery(() => submittedCountsBetween(db, days.at(-1)!, today), [db, today]);
  return (
    <div className="reports">
      <section className="card" aria-labelledby={titleId}>
        <div className="card-top">
          <h2 id={titleId}>{t('reports.days.title')}</h2>
        </div>
        <p className="hint">{t('reports.days.intro')}</p>
        {mayReadPersonFigures(role) ? (
          <p>
            <Link className="btn btn-secondary" href={`/people/${today.slice(0, 7)}`}>
              {t('reports.people.open')}
            </Link>
          </p>
        ) : null}
        <ul className="report-days" aria-labelledby={titleId}>
          {days.map((day) => {
            const n = counts?.get(day) ?? 0;
            const state =
              day === today
                ? t('reports.days.today')
                : n > 0
                  ? t('reports.days.submitted', { count: n })
                  : t('reports.days.notSubmitted');
            return (
              <li key={day}>
                <Link className="report-day-link" href={`/day/${day}`}>
                  <span className="report-day-key">{day}</span>
                  <span className={n > 0 ? 'badge' : 'badge badge-problem'}>{state}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
      <ChartsPanel site={site} today={today} />
    </div>
  );
}
