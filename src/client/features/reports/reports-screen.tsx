/**
 * The reports section (issue 8, O2, O3): `/reports` lists the recent days and the charts,
 * `/reports/day/<yyyy-MM-dd>` is the daily report of a building day, `/reports/people/<yyyy-MM>`
 * the per-person figures of a month (chief and manager only). Mounted as a nested route, so the
 * paths here are relative to `/reports`.
 */
import { Link, Route, Switch, useParams } from 'wouter';
import { isDayKey } from '../../../domain/building-day';
import type { Role, Site } from '../../../domain/entities';
import { isMonthKey } from '../../../domain/person-figures';
import { useT } from '../../i18n/use-t';
import { useSite } from '../../ui/use-site';
import '../../styles/reports.css';
import { DayReportScreen } from './day-report';
import { PeopleFiguresScreen } from './people-figures';
import { ReportsOverview } from './reports-overview';
import { useToday } from './use-day-report';

export function ReportsScreen({ staffId, role }: { staffId: string; role: Role }) {
  const site = useSite();
  // Building days need the building's zone; never fall back to the tablet's own zone (T1).
  if (site === undefined) return null;
  return <ReportsRoutes site={site} staffId={staffId} role={role} />;
}

function ReportsRoutes({ site, staffId, role }: { site: Site; staffId: string; role: Role }) {
  const today = useToday(site.timeZone);
  return (
    <Switch>
      <Route path="/day/:day">
        <DayRoute site={site} staffId={staffId} today={today} />
      </Route>
      <Route path="/people/:month">
        <PeopleRoute site={site} role={role} thisMonth={today.slice(0, 7)} />
      </Route>
      <Route>
        <ReportsOverview site={site} today={today} role={role} />
      </Route>
    </Switch>
  );
}

/** A URL the screen cannot show: says why, with the way back to the overview. */
function BadDetail({ message }: { message: string }) {
  const t = useT();
  return (
    <section className="card reports">
      <p role="alert" className="form-error">
        {message}
      </p>
      <Link className="btn btn-secondary" href="/">
        {t('reports.back')}
      </Link>
    </section>
  );
}

function DayRoute({ site, staffId, today }: { site: Site; staffId: string; today: string }) {
  const t = useT();
  const { day = '' } = useParams<{ day: string }>();
  if (!isDayKey(day)) return <BadDetail message={t('reports.day.invalid', { value: day })} />;
  if (day > today) return <BadDetail message={t('reports.day.future', { day })} />;
  return <DayReportScreen day={day} today={today} site={site} staffId={staffId} />;
}

function PeopleRoute({ site, role, thisMonth }: { site: Site; role: Role; thisMonth: string }) {
  const t = useT();
  const { month = '' } = useParams<{ month: string }>();
  // O3: the role is checked before the month, so a desk person learns nothing from the URL.
  if (role !== 'chief' && role !== 'manager')
    return <PeopleFiguresScreen month={thisMonth} thisMonth={thisMonth} site={site} role={role} />;
  if (!isMonthKey(month)) return <BadDetail message={t('reports.people.invalid', { value: month })} />;
  return <PeopleFiguresScreen month={month} thisMonth={thisMonth} site={site} role={role} />;
}
