/**
 * O1: the section chief checks the duty records every working day. The queue of building days
 * awaiting review, and which of them were left unreviewed for more than one working day. Working
 * days are Monday to Friday; days are the building's (`yyyy-MM-dd` keys in its zone,
 * building-day.ts), so the weekday of a key is its calendar weekday whatever the tablet's zone.
 */
import { shiftDayKey } from './building-day';

/** Whether the building day `key` is a working day (Monday to Friday). */
export function isWorkingDay(key: string): boolean {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The working days strictly after `day` and strictly before `today`. */
export function workingDaysBetween(day: string, today: string): number {
  let n = 0;
  for (let k = shiftDayKey(day, 1); k < today; k = shiftDayKey(k, 1)) if (isWorkingDay(k)) n += 1;
  return n;
}

/**
 * O1: a day is overdue when a whole working day went by after it without its review: Monday's
 * records are checked on Tuesday and flagged from Wednesday; Friday's are flagged from Tuesday.
 */
export function isReviewOverdue(day: string, today: string): boolean {
  return workingDaysBetween(day, today) >= 1;
}

/** One day of the queue. */
export interface QueueDay {
  day: string;
  /** The day's first review (not an addendum), if signed. */
  reviewed: boolean;
  /** Awaiting review and left for more than one working day (O1). */
  overdue: boolean;
  /** Still going on in the building's zone: it cannot be signed yet. */
  current: boolean;
}

/**
 * The days with any record (entries, duties, signed records) that are not after `today`, newest
 * first: each awaiting review or reviewed (`reviewedDays`), overdue ones flagged.
 */
export function reviewQueue(
  activeDays: Iterable<string>,
  reviewedDays: ReadonlySet<string>,
  today: string,
): QueueDay[] {
  const days = [...new Set(activeDays)].filter((d) => d <= today).sort((a, b) => b.localeCompare(a));
  return days.map((day) => {
    const reviewed = reviewedDays.has(day);
    const current = day === today;
    return { day, reviewed, current, overdue: !reviewed && !current && isReviewOverdue(day, today) };
  });
}
