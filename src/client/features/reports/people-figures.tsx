import { useId } from 'react';
import { Link } from 'wouter';
import { addMonths, format } from 'date-fns';
import { PERSON_FIGURE_COLUMNS, personFiguresCsv } from '../../../domain/person-figures';
import type { Role, Site } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { downloadCsv } from './download-csv';
import { PERSON_COLUMN_LABELS } from './report-labels';
import { usePeopleFigures } from './use-people-figures';

/** O3: the per-person figures are for the section chief and the manager only. */
export function mayReadPersonFigures(role: Role): boolean {
  return role === 'chief' || role === 'manager';
}

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return format(addMonths(new Date(y, m - 1, 1), delta), 'yyyy-MM');
}

/**
 * O3: each person's figures for one month, as a table that prints on A4 (reports.css) and exports
 * as CSV in UTF-8 with a BOM, built on the tablet. A desk person opening the URL is told it is not
 * for them (the server's people.csv refuses them with 403 as well).
 */
export function PeopleFiguresScreen(props: { month: string; thisMonth: string; site: Site; role: Role }) {
  const t = useT();
  const titleId = useId();
  if (!mayReadPersonFigures(props.role)) {
    return (
      <section className="card reports" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('reports.people.open')}</h2>
        <p role="alert" className="form-error">
          {t('reports.people.forbidden')}
        </p>
        <Link className="btn btn-secondary" href="/">
          {t('reports.back')}
        </Link>
      </section>
    );
  }
  return <PeopleTable {...props} titleId={titleId} />;
}

function PeopleTable({
  month,
  thisMonth,
  site,
  titleId,
}: {
  month: string;
  thisMonth: string;
  site: Site;
  titleId: string;
}) {
  const t = useT();
  const data = usePeopleFigures(month, site);
  const names = new Map(data?.staff.map((s) => [s.id, s.name]));
  const nameOf = (id: string) => names.get(id) ?? t('reports.unknownPerson');
  const header = [t('reports.col.person'), ...PERSON_FIGURE_COLUMNS.map((c) => t(PERSON_COLUMN_LABELS[c]))];
  const exportCsv = () => {
    if (data) downloadCsv(personFiguresCsv(data.figures, header, nameOf), `people-${month}.csv`);
  };
  return (
    <section className="card reports people-figures report-printable" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('reports.people.title', { month })}</h2>
      </div>
      <p className="hint">{t('reports.people.intro')}</p>
      <nav className="report-nav no-print" aria-label={t('reports.title')}>
        <Link className="btn btn-quiet" href="/">
          {t('reports.back')}
        </Link>
        <Link className="btn btn-secondary" href={`/people/${shiftMonth(month, -1)}`}>
          {t('reports.people.previous')}
        </Link>
        {month < thisMonth ? (
          <Link className="btn btn-secondary" href={`/people/${shiftMonth(month, 1)}`}>
            {t('reports.people.next')}
          </Link>
        ) : null}
        <Button onClick={() => window.print()}>{t('reports.people.print')}</Button>
        <Button onClick={exportCsv} disabled={data === undefined}>
          {t('reports.people.export')}
        </Button>
      </nav>
      {data === undefined ? <p role="status">{t('reports.people.loading')}</p> : null}
      {data && data.figures.length === 0 ? <p className="empty">{t('reports.people.empty')}</p> : null}
      {data && data.figures.length > 0 ? (
        <div className="report-scroll">
          <table className="report-table people-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                {header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.figures.map((f) => (
                <tr key={f.staffId}>
                  <th scope="row">{nameOf(f.staffId)}</th>
                  {PERSON_FIGURE_COLUMNS.map((c) => (
                    <td key={c}>{f[c] === null ? t('reports.none') : f[c]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
