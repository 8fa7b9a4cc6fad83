import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import type { DayRecord } from './use-day-record';

/**
 * Previous day, the date itself and next day, as touch-sized controls. Days are the building's
 * (midnight to midnight in its zone, said under the date); there is no day after today.
 */
export function DayPicker({ record, timeZone }: { record: DayRecord; timeZone: string }) {
  const t = useT();
  return (
    <div className="day-picker" role="group" aria-label={t('day.picker')}>
      <Button onClick={record.previousDay}>
        <span aria-hidden="true">‹ </span>
        {t('day.previous')}
      </Button>
      <Field label={t('day.date')} hint={t('day.zone', { zone: timeZone })} className="day-picker-date">
        {(p) => (
          <input
            {...p}
            type="date"
            value={record.day}
            max={record.today}
            onChange={(e) => record.pickDay(e.target.value)}
          />
        )}
      </Field>
      <Button onClick={record.nextDay} disabled={!record.canGoNext}>
        {t('day.next')}
        <span aria-hidden="true"> ›</span>
      </Button>
      <Button variant="quiet" onClick={record.goToday} disabled={record.day === record.today}>
        {t('day.today')}
      </Button>
    </div>
  );
}
