import { useId } from 'react';
import { dayKeyOf } from '../../../domain/building-day';
import type { Site } from '../../../domain/entities';
import type { HistoryRow } from '../../db/queries/history-queries';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime, formatTime } from '../../ui/time';
import { HistoryFilters } from './history-filters';
import { discrepancyCount, KIND_LABELS, latenessText, peopleText } from './record-facts';
import { useHistoryFilters, type HistoryFilters as Filters } from './use-history-filters';
import { useHistoryList } from './use-history-list';

/** "From 2025-03-01 to 2025-03-31", "All dates": the range a printed list covers. */
function rangeText(t: TFunction, filters: Filters): string {
  const from = filters.errors.from ? '' : filters.from;
  const to = filters.errors.to ? '' : filters.to;
  if (from && to) return t('history.range.both', { from, to });
  if (from) return t('history.range.from', { from });
  if (to) return t('history.range.to', { to });
  return t('history.range.all');
}

/** The short words of the server's flags on a record (T1: time in doubt; H3: desk opened alone). */
function flagsText(t: TFunction, row: HistoryRow): string {
  const kinds = new Set(row.flags.map((f) => f.kind));
  return [...kinds]
    .map((k) => (k === 'deskOpened' ? t('history.flag.deskOpened') : t('flag.timeInDoubt.short')))
    .join(', ');
}

/**
 * Every signed handover, opening and closing of the building (issue 8, O1), newest first, a page at
 * a time, filtered by a range of building days and by kind. Each row: the kind, the building day and
 * time of signing, who handed over to whom, the incoming person's lateness (H1), the count's
 * discrepancies (H8), its corrections and the server's review flags (T1, H3). The list prints as a
 * compact table (print-history.css) under a header naming the building and the range.
 */
export function HistoryList({ site, onOpen }: { site: Site; onOpen(recordId: string, search: string): void }) {
  const t = useT();
  const titleId = useId();
  const filters = useHistoryFilters(site.timeZone);
  const list = useHistoryList(filters.filter, t('entry.unknownPerson'), t('common.none'));
  const { page } = list;
  const rows = list.ready ? page?.rows : undefined;

  return (
    <section className="card history-card" aria-labelledby={titleId}>
      <p className="print-only history-print-title">
        {t('history.print.list', { building: site.name, range: rangeText(t, filters) })}
      </p>
      <div className="card-top">
        <h2 id={titleId}>{t('history.title')}</h2>
        {rows ? (
          <span className="count">
            {page?.hasMore
              ? t('history.shown.more', { count: rows.length })
              : rows.length === 1
                ? t('history.shown.one')
                : t('history.shown', { count: rows.length })}
          </span>
        ) : null}
      </div>
      <p className="meta">{t('history.intro', { zone: site.timeZone })}</p>
      <div className="no-print">
        <HistoryFilters filters={filters} timeZone={site.timeZone} />
      </div>
      {rows && rows.length === 0 ? (
        <p className="empty">{filters.filtered ? t('history.noMatch') : t('history.empty')}</p>
      ) : null}
      {rows && rows.length > 0 ? (
        <div className="history-table-wrap">
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">{t('history.col.kind')}</th>
                <th scope="col">{t('history.col.when')}</th>
                <th scope="col">{t('history.col.people')}</th>
                <th scope="col">{t('history.col.lateness')}</th>
                <th scope="col">{t('history.col.discrepancies')}</th>
                <th scope="col">{t('history.col.addenda')}</th>
                <th scope="col">{t('history.col.flags')}</th>
                <th scope="col" className="no-print">
                  {t('history.col.open')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <HistoryTableRow
                  key={row.record.id}
                  row={row}
                  site={site}
                  nameOf={list.nameOf}
                  onOpen={() => onOpen(row.record.id, filters.search)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-actions no-print">
        {page?.hasMore ? <Button onClick={list.showMore}>{t('history.more')}</Button> : null}
        {rows && rows.length > 0 ? <Button onClick={() => window.print()}>{t('history.printList')}</Button> : null}
      </div>
    </section>
  );
}

function HistoryTableRow(props: { row: HistoryRow; site: Site; nameOf(id: string | null): string; onOpen(): void }) {
  const { row, site, nameOf, onOpen } = props;
  const t = useT();
  const { record } = row;
  const tz = site.timeZone;
  const discrepancies = discrepancyCount(record);
  const addenda = row.addenda.length;
  return (
    <tr className={`history-row history-row-${record.kind}`}>
      <td>{t(KIND_LABELS[record.kind])}</td>
      <td>
        {/* The building day, then the time of signing in the building's zone (T1). */}
        <span className="history-day">{dayKeyOf(record.signedAt, tz)}</span>{' '}
        <span className="record-time">{formatTime(record.signedAt, tz)}</span>
      </td>
      <td>{peopleText(t, record, nameOf)}</td>
      <td>{latenessText(t, record, site.incomingLeadMinutes)}</td>
      <td>
        {discrepancies > 0 ? (
          <span className="badge badge-problem">
            {t('history.discrepancies', { count: discrepancies, total: record.count.length })}
          </span>
        ) : (
          t('history.discrepancies', { count: 0, total: record.count.length })
        )}
      </td>
      <td>
        {addenda === 0
          ? t('common.none')
          : addenda === 1
            ? t('history.addenda.one')
            : t('history.addenda', { count: addenda })}
      </td>
      <td>{row.flags.length > 0 ? <span className="review-flag">{flagsText(t, row)}</span> : t('common.none')}</td>
      <td className="no-print">
        <Button aria-label={t('history.openNamed', { time: formatDateTime(record.signedAt, tz) })} onClick={onOpen}>
          {t('history.open')}
        </Button>
      </td>
    </tr>
  );
}
