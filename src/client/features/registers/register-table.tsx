/**
 * One register as the paper register lays it out (F1, F2, F3): its columns in the paper's order,
 * one row per entry; the duty record (F3) puts each duty's entries under a heading row naming the
 * shift, the person on duty and their time on duty. On paper the heading row repeats on every page.
 */
import { Fragment } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { REGISTER_COLUMNS, cellText, dutyHeading, type Labels } from '../../../domain/register-columns';
import type { RegisterName } from '../../../domain/register-filters';
import type { RegisterData } from '../../db/queries/registers-queries';
import { useT } from '../../i18n/use-t';
import { useOpenFocus } from '../../state/routes';
import { Button } from '../../ui/button';
import { registerTime } from '../../../domain/register-columns';
import { COLUMN_KEYS } from './register-labels';

export function RegisterTable(props: {
  register: RegisterName;
  rows: readonly LogEntry[];
  data: RegisterData;
  labels: Labels;
  timeZone: string;
  caption: string;
}) {
  const t = useT();
  const openFocus = useOpenFocus();
  const { register, data, labels, timeZone } = props;
  // F3: the shift is the heading of its group on screen and paper; the CSV keeps it as a column.
  const columns = REGISTER_COLUMNS[register].filter((c) => c !== 'shift');
  const cell = (entry: LogEntry, column: (typeof columns)[number]) => {
    if (column === 'entry') {
      return (
        <Button
          className="register-open"
          aria-label={t('registers.openEntryNamed', { time: registerTime(entry.occurredAt, timeZone) })}
          onClick={() => openFocus('log', { table: 'logEntry', id: entry.id })}
        >
          {t('registers.openEntry')}
        </Button>
      );
    }
    return cellText(column, entry, {
      timeZone,
      labels,
      orders: data.orders.get(entry.id) ?? [],
      photos: data.photos.get(entry.id) ?? 0,
      duty: data.duties.get(entry.dutyId) ?? null,
    });
  };
  return (
    <table className={`register-table register-${register}`}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col" className={`col-${c}`}>
              {t(COLUMN_KEYS[c])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((entry, i) => {
          // F3: a heading row where a new duty's entries begin.
          const heading = register === 'duty' && entry.dutyId !== props.rows[i - 1]?.dutyId;
          const duty = data.duties.get(entry.dutyId) ?? null;
          return (
            <Fragment key={entry.id}>
              {heading ? (
                <tr className="register-group">
                  <th scope="rowgroup" colSpan={columns.length}>
                    {duty ? dutyHeading(duty, { timeZone, labels }) : t('registers.noDuty')}
                  </th>
                </tr>
              ) : null}
              <tr>
                {columns.map((c) => (
                  <td key={c} className={`col-${c}`}>
                    {cell(entry, c)}
                  </td>
                ))}
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
