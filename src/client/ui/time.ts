/**
 * Times are stored as UTC epoch ms (T1) and shown in the building's time zone, whatever zone the
 * tablet itself is set to. date-fns formats a TZDate in its own zone, so patterns stay numeric
 * and read the same in all three languages.
 */
import { TZDate } from '@date-fns/tz';
import { format, isSameDay } from 'date-fns';

/** `2025-03-14 09:05` in the given zone. */
export function formatDateTime(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd HH:mm');
}

/** `09:05` in the given zone. */
export function formatTime(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'HH:mm');
}

/** `09:05` when `ms` falls on the same building day as `nowMs`, else the date as well. */
export function formatShort(ms: number, nowMs: number, timeZone: string): string {
  return isSameDay(new TZDate(ms, timeZone), new TZDate(nowMs, timeZone))
    ? formatTime(ms, timeZone)
    : formatDateTime(ms, timeZone);
}

/** The value for an `<input type="datetime-local">` showing `ms` in the building's zone. */
export function toLocalInput(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm");
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a datetime-local value as a wall-clock time in the building's zone. Returns null for an
 * empty or malformed value, so the form can say so beside the field.
 */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new TZDate(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s, timeZone);
  const ms = date.getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The zone this browser runs in, for defaults at setup. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone the browser knows, with `zone` guaranteed to be in the list. */
export function timeZoneOptions(zone: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return zones.includes(zone) ? zones : [zone, ...zones];
}
