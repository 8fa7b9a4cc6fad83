import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { ShiftTemplate } from '../../../domain/entities';
import type { AttendanceRow } from '../../../domain/swap-rules';
import { attendanceBetween } from '../../db/queries/rota-queries';
import { useT, type TFunction } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { formatShort } from '../../ui/time';
import { dayShiftLabel } from './rota-labels';
import type { RotaWeek } from './use-rota-week';

/**
 * S1: lateness, early leave and absence in the week shown, derived from the scheduled shifts of
 * the effective rota against the actual duty times (a duty starts at the signed handover). Shown
 * to the section chief, the manager and admins (O1, O3).
 */
export function AttendancePanel(props: { week: RotaWeek; shifts: readonly ShiftTemplate[]; timeZone: string }) {
  const { week, shifts, timeZone } = props;
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const { fromMs, toMs, nowMs } = week;
  const rows = useLiveQuery(() => attendanceBetween(db, fromMs, toMs, nowMs), [db, fromMs, toMs, nowMs]);
  // Only shifts that have begun say anything about attendance yet.
  const started = rows?.filter((r) => r.assignment.startsAt <= nowMs);

  return (
    <section className="card rota-attendance" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('rota.attendance.title')}</h2>
      {started && started.length === 0 ? <p className="empty">{t('rota.attendance.empty')}</p> : null}
      {started && started.length > 0 ? (
        <div className="table-scroll">
          <table className="attendance-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('rota.attendance.person')}</th>
                <th scope="col">{t('rota.attendance.shift')}</th>
                <th scope="col">{t('rota.attendance.actual')}</th>
                <th scope="col">{t('rota.attendance.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {started.map((r) => (
                <tr key={r.assignment.rotaShiftId} className={outcomeClass(r)}>
                  <th scope="row">{week.nameOf(r.assignment.staffId) ?? t('rota.unknownPerson')}</th>
                  <td>{dayShiftLabel(t, shifts, r.assignment.day, r.assignment.shiftId)}</td>
                  <td>{actual(t, r, timeZone)}</td>
                  <td>{outcome(t, r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function actual(t: TFunction, r: AttendanceRow, timeZone: string): string {
  if (r.startedAt === null) return t('common.none');
  const start = formatShort(r.startedAt, r.assignment.startsAt, timeZone);
  if (r.endedAt === null) return t('rota.attendance.stillOn', { start });
  return t('rota.attendance.span', { start, end: formatShort(r.endedAt, r.assignment.startsAt, timeZone) });
}

/** Every finding of the row, joined: a person may be both late and leave early. */
function outcome(t: TFunction, r: AttendanceRow): string {
  if (r.absent) return t('rota.attendance.absent');
  if (r.startedAt === null) {
    return r.lateMinutes > 0
      ? t('rota.attendance.notArrived', { minutes: r.lateMinutes })
      : t('rota.attendance.upcoming');
  }
  const found = [
    r.lateMinutes > 0 ? t('rota.attendance.late', { minutes: r.lateMinutes }) : '',
    r.earlyLeaveMinutes > 0 ? t('rota.attendance.earlyLeave', { minutes: r.earlyLeaveMinutes }) : '',
  ].filter(Boolean);
  return found.length > 0 ? found.join(' · ') : t('rota.attendance.onTime');
}

function outcomeClass(r: AttendanceRow): string {
  if (r.absent) return 'attendance-absent';
  return r.lateMinutes > 0 || r.earlyLeaveMinutes > 0 ? 'attendance-issue' : '';
}
