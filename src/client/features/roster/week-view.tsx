import { useId } from 'react';
import type { ShiftTemplate } from '../../../domain/entities';
import type { Assignment } from '../../../domain/swap-rules';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { dayLabel, dayShiftLabel, shiftLabelById } from './rota-labels';
import type { RotaWeek } from './use-rota-week';

export interface WeekViewProps {
  week: RotaWeek;
  shifts: readonly ShiftTemplate[];
  /** The section chief (or admin) may take people off the rota here (O1). */
  canArrange: boolean;
  onRemove(assignment: Assignment): void;
}

/**
 * Who is rostered, per day and shift, on the EFFECTIVE rota (S1: approved swaps and covers applied
 * and marked). Landscape shows the seven days side by side; portrait scrolls them sideways.
 */
export function WeekView({ week, shifts, canArrange, onRemove }: WeekViewProps) {
  const t = useT();
  return (
    <div className="rota-week" role="group" aria-label={t('rota.title')}>
      {week.days.map((day) => (
        <DayColumn key={day} day={day} week={week} shifts={shifts} canArrange={canArrange} onRemove={onRemove} />
      ))}
    </div>
  );
}

function DayColumn({ day, week, shifts, canArrange, onRemove }: WeekViewProps & { day: string }) {
  const t = useT();
  const headingId = useId();
  const ofDay = (week.assignments ?? []).filter((a) => a.day === day);
  // A template the building has since removed still shows the people rostered on it.
  const shiftIds = [...new Set([...shifts.map((s) => s.id), ...ofDay.map((a) => a.shiftId)])];
  const isToday = day === week.today;
  return (
    <section className={`rota-day${isToday ? ' rota-today' : ''}`} aria-labelledby={headingId}>
      <header className="rota-day-head">
        <h3 id={headingId}>{dayLabel(t, day)}</h3>
        {isToday ? <span className="badge badge-open">{t('rota.today')}</span> : null}
      </header>
      {shiftIds.map((shiftId) => {
        const cellLabel = dayShiftLabel(t, shifts, day, shiftId);
        const people = ofDay.filter((a) => a.shiftId === shiftId);
        return (
          <div key={shiftId} className="rota-cell">
            <h4>{shiftLabelById(shifts, shiftId)}</h4>
            <ul className="rota-people" aria-label={cellLabel}>
              {people.length === 0 ? <li className="rota-nobody">{t('rota.nobody')}</li> : null}
              {people.map((a) => {
                const name = week.nameOf(a.staffId) ?? t('rota.unknownPerson');
                const via = a.viaSwapId ? week.swaps.find((s) => s.id === a.viaSwapId) : undefined;
                return (
                  <li key={a.rotaShiftId} className={a.viaSwapId ? 'rota-person rota-changed' : 'rota-person'}>
                    <span className="rota-name">{name}</span>
                    {a.viaSwapId ? (
                      <span className="badge badge-swap">
                        {via?.kind === 'cover' ? t('rota.covered') : t('rota.swapped')}
                      </span>
                    ) : null}
                    {canArrange ? (
                      <Button
                        variant="quiet"
                        aria-label={t('rota.removeName', {
                          name,
                          day: dayLabel(t, day),
                          shift: shiftLabelById(shifts, shiftId),
                        })}
                        onClick={() => onRemove(a)}
                      >
                        {t('rota.remove')}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
