import { useLiveQuery } from 'dexie-react-hooks';
import type { Duty } from '../../../domain/entities';
import type { Assignment } from '../../../domain/swap-rules';
import { rotaBetween } from '../../db/queries/rota-queries';
import { useDb } from '../../ui/db-context';
import { useSite } from '../../ui/use-site';
import { scheduledShiftEnd } from './shift-end';

/** The rota is read this far either side of the duty's start: a night shift and its neighbours. */
const ROTA_SPAN_MS = 36 * 3_600_000;
const NO_ASSIGNMENTS: Assignment[] = [];

/**
 * H1: the scheduled end of `duty`'s shift (see scheduledShiftEnd), live from the rota and the
 * building's templates. `undefined` while loading (or while `nowMs`, the server-corrected time,
 * is), `null` when nothing says when it ends.
 */
export function useScheduledEnd(
  staffId: string,
  duty: Duty | null | undefined,
  nowMs: number | undefined,
): number | null | undefined {
  const db = useDb();
  const site = useSite();
  const startedAt = duty?.startedAt;
  const assignments = useLiveQuery(
    async () =>
      startedAt === undefined
        ? NO_ASSIGNMENTS
        : (await rotaBetween(db, startedAt - ROTA_SPAN_MS, startedAt + ROTA_SPAN_MS)).assignments,
    [db, startedAt],
  );
  if (duty === undefined || site === undefined || assignments === undefined || nowMs === undefined) return undefined;
  if (duty === null) return null;
  return scheduledShiftEnd({
    staffId,
    dutyStartedAt: duty.startedAt,
    dutyShiftId: duty.shiftId,
    nowMs,
    assignments,
    shifts: site.shifts,
    timeZone: site.timeZone,
  });
}
