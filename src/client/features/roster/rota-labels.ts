import { DEFAULT_SHIFT, type ShiftTemplate, type Site } from '../../../domain/entities';
import type { TFunction } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/en';
import { shortDate, weekdayOf } from './week';

/** S2: the building's shift templates, or the normal 09:00-18:00 when it defines none. */
export function shiftTemplates(site: Site): ShiftTemplate[] {
  return site.shifts.length > 0 ? site.shifts : [DEFAULT_SHIFT];
}

/** "09:00-18:00", or "Night 18:00-09:00" when the template has a name of its own. */
export function shiftLabel(shift: ShiftTemplate): string {
  const times = `${shift.start}-${shift.end}`;
  return shift.name === times ? times : `${shift.name} ${times}`;
}

/** The label of a template id, falling back to the id for a template the building removed. */
export function shiftLabelById(shifts: readonly ShiftTemplate[], shiftId: string): string {
  const shift = shifts.find((s) => s.id === shiftId);
  return shift ? shiftLabel(shift) : shiftId;
}

const WEEKDAY_KEYS = [
  'rota.weekday.0',
  'rota.weekday.1',
  'rota.weekday.2',
  'rota.weekday.3',
  'rota.weekday.4',
  'rota.weekday.5',
  'rota.weekday.6',
] as const satisfies readonly MessageKey[];

/** "Mon 03-17" in the chosen language. */
export function dayLabel(t: TFunction, day: string): string {
  const weekday = t(WEEKDAY_KEYS[weekdayOf(day)] ?? 'rota.weekday.0');
  return t('rota.day', { weekday, date: shortDate(day) });
}

/** "Mon 03-17, 09:00-18:00": one shift of one day. */
export function dayShiftLabel(t: TFunction, shifts: readonly ShiftTemplate[], day: string, shiftId: string): string {
  return t('rota.cell', { day: dayLabel(t, day), shift: shiftLabelById(shifts, shiftId) });
}
