/**
 * H1: when the outgoing person's shift ends, i.e. when the handover is scheduled. The times around
 * it (preparation opens, the incoming person is due, minutes late) are in `src/domain/lateness.ts`.
 * Pure: the caller passes the rota, the building's shift templates and the time.
 */
import { TZDate } from '@date-fns/tz';
import { format, subDays } from 'date-fns';
import type { ShiftTemplate } from '../../../domain/entities';
import { shiftBounds, type Assignment } from '../../../domain/swap-rules';

/** How long before their shift a person may have taken over and still be on that shift's duty. */
export const DUTY_EARLY_MS = 12 * 3_600_000;

export interface ShiftEndInput {
  staffId: string;
  /** When the person's open duty started: the shift it belongs to is the one around it. */
  dutyStartedAt: number;
  /** The building template the duty was started under, if any. */
  dutyShiftId: string | null;
  nowMs: number;
  assignments: readonly Assignment[];
  shifts: readonly ShiftTemplate[];
  timeZone: string;
}

/** The building days (yyyy-MM-dd) a shift containing `ms` may have started on: that day and the day before. */
function candidateDays(ms: number, timeZone: string): string[] {
  const here = new TZDate(ms, timeZone);
  return [format(here, 'yyyy-MM-dd'), format(subDays(here, 1), 'yyyy-MM-dd')];
}

/** The earliest end among `templates` on the days around `at` whose span contains `at`. */
function templateEndAround(templates: readonly ShiftTemplate[], at: number, timeZone: string): number | null {
  let best: number | null = null;
  for (const day of candidateDays(at, timeZone)) {
    for (const shift of templates) {
      const { startsAt, endsAt } = shiftBounds(day, shift, timeZone);
      if (startsAt <= at && at < endsAt && (best === null || endsAt < best)) best = endsAt;
    }
  }
  return best;
}

/**
 * The scheduled end of the person's shift (H1): their rostered shift that the duty belongs to
 * (S1: the rota as approved), else the building's shift template containing now (the duty's own
 * template first), else null when nothing says when the shift ends.
 *
 * A duty belongs to the person's rostered shift that ends first after the duty started, among
 * those starting no more than DUTY_EARLY_MS after it: an incoming person who took over early (a
 * handover at 14:17 for a night shift from 18:00) still gets their own shift and its end, never the
 * day template's, and an outgoing person staying late past the end still gets the end they were due.
 */
export function scheduledShiftEnd(input: ShiftEndInput): number | null {
  const { staffId, dutyStartedAt, nowMs, timeZone } = input;
  const rostered = input.assignments
    .filter((a) => a.staffId === staffId && a.endsAt > dutyStartedAt && a.startsAt <= dutyStartedAt + DUTY_EARLY_MS)
    .sort((a, b) => a.endsAt - b.endsAt)
    .at(0);
  if (rostered) return rostered.endsAt;
  const own = input.shifts.filter((s) => s.id === input.dutyShiftId);
  return templateEndAround(own, nowMs, timeZone) ?? templateEndAround(input.shifts, nowMs, timeZone);
}
