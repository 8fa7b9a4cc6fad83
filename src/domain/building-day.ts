/**
 * The building's day: midnight to midnight in the site's time zone, never the tablet's own zone
 * (T1: one standard time for every record; a tablet set to another zone must not move an entry to
 * another day). A day is named by its `yyyy-MM-dd` key, which is also the `<input type="date">`
 * value, and keys of the same length compare in calendar order as plain strings. Shared by the
 * tablet (the record by day, the review, the registers) and the server (a review or report of a day
 * that is not over is refused).
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
import type { Duty, LogEntry } from './entities';

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The building day `ms` falls on, as `yyyy-MM-dd`. */
export function dayKeyOf(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

/** Midnight at the start of the day `key` in the building's zone, or null for a malformed key. */
function dayStart(key: string, timeZone: string): TZDate | null {
  const m = DAY_KEY.exec(key);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = startOfDay(new TZDate(y, mo - 1, d, timeZone));
  // Reject keys the calendar rolled over (2025-02-30 would otherwise become 2025-03-02).
  if (Number.isNaN(date.getTime()) || format(date, 'yyyy-MM-dd') !== key) return null;
  return date;
}

/** Whether `value` names a real calendar day (`yyyy-MM-dd`). */
export function isDayKey(value: string): boolean {
  return dayStart(value, 'UTC') !== null;
}

/**
 * The UTC epoch-ms bounds `[fromMs, toMs)` of the building day `key`. The end is the next day's
 * midnight, not start + 24 h, so a day with a daylight-saving change is 23 or 25 hours long.
 * @throws RangeError for a malformed key.
 */
export function dayBounds(key: string, timeZone: string): { fromMs: number; toMs: number } {
  const start = dayStart(key, timeZone);
  if (start === null) throw new RangeError(`not a day: ${key}`);
  return { fromMs: start.getTime(), toMs: startOfDay(addDays(start, 1)).getTime() };
}

/** The day `delta` days after (or before, when negative) the day `key`. */
export function shiftDayKey(key: string, delta: number): string {
  const start = dayStart(key, 'UTC');
  if (start === null) throw new RangeError(`not a day: ${key}`);
  return format(addDays(start, delta), 'yyyy-MM-dd');
}

/** The entries of one duty on the day, or of duties this tablet does not know (`duty: null`). */
export interface DutyGroup {
  key: string;
  duty: Duty | null;
  entries: LogEntry[];
}

/**
 * Groups a day's entries (already newest first) under their duties: the latest-started duty first,
 * then the entries whose duty is not on this tablet (not synced yet, or deleted) under "Other".
 */
export function groupByDuty(entries: readonly LogEntry[], duties: readonly Duty[]): DutyGroup[] {
  const dutyById = new Map(duties.map((d) => [d.id, d]));
  const groups = new Map<string, DutyGroup>();
  const other: DutyGroup = { key: 'other', duty: null, entries: [] };
  for (const entry of entries) {
    const duty = dutyById.get(entry.dutyId);
    if (!duty) {
      other.entries.push(entry);
      continue;
    }
    const group = groups.get(duty.id) ?? { key: duty.id, duty, entries: [] };
    group.entries.push(entry);
    groups.set(duty.id, group);
  }
  const known = [...groups.values()].sort(
    (a, b) => (b.duty?.startedAt ?? 0) - (a.duty?.startedAt ?? 0) || b.key.localeCompare(a.key),
  );
  return other.entries.length > 0 ? [...known, other] : known;
}

/**
 * Whether the building day `key` is over at `nowMs` (its next midnight has passed in the building's
 * zone). A review (O1) or a daily report (O2) of a day not over yet is refused on both ends.
 */
export function isDayOver(key: string, timeZone: string, nowMs: number): boolean {
  return nowMs >= dayBounds(key, timeZone).toMs;
}
