/**
 * Building days for the week view: `yyyy-MM-dd` keys in the site's time zone (T1: the tablet's own
 * zone never moves a shift to another day). Day arithmetic runs on the key itself at UTC noon, so a
 * daylight-saving change in the building's zone cannot skip or repeat a day.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';

/** The building day `ms` falls on, as `yyyy-MM-dd`. */
export function dayKeyOf(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

function parts(key: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a day: ${key}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** The day `delta` days after (before, when negative) `key`. */
export function addDaysToKey(key: string, delta: number): string {
  const [y, mo, d] = parts(key);
  return new Date(Date.UTC(y, mo, d + delta, 12)).toISOString().slice(0, 10);
}

/** The seven days starting at `firstDay`. */
export function weekDays(firstDay: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDaysToKey(firstDay, i));
}

/** 0 = Sunday ... 6 = Saturday, for the weekday name. */
export function weekdayOf(key: string): number {
  const [y, mo, d] = parts(key);
  return new Date(Date.UTC(y, mo, d, 12)).getUTCDay();
}

/** `03-17` from `2025-03-17`: the short date shown beside the weekday. */
export function shortDate(key: string): string {
  return key.slice(5);
}

/** Midnight at the start of `key` in the building's zone, in UTC ms. */
export function dayStartMs(key: string, timeZone: string): number {
  const [y, mo, d] = parts(key);
  return startOfDay(new TZDate(y, mo, d, timeZone)).getTime();
}

/** `[fromMs, toMs)` from the first day's midnight to the midnight after the last day. */
export function weekRange(days: readonly string[], timeZone: string): { fromMs: number; toMs: number } {
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('empty week');
  const lastStart = new TZDate(dayStartMs(last, timeZone), timeZone);
  return { fromMs: dayStartMs(first, timeZone), toMs: startOfDay(addDays(lastStart, 1)).getTime() };
}
