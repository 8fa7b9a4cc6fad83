import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Staff } from '../../../domain/entities';
import type { RotaShift, SwapRequest } from '../../../domain/rota-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { listStaff } from '../../db/queries';
import { rotaBetween } from '../../db/queries/rota-queries';
import { useDb } from '../../ui/db-context';
import { useCorrectedNow, useNow } from '../../ui/use-now';
import { addDaysToKey, dayKeyOf, weekDays, weekRange } from './week';

export interface RotaWeek {
  /** Server-corrected now (T1). */
  nowMs: number;
  today: string;
  /** The seven building days shown, the first being today for the current week. */
  days: string[];
  fromMs: number;
  toMs: number;
  isCurrent: boolean;
  previous(): void;
  next(): void;
  current(): void;
  /** The effective rota of the week (approved swaps applied); undefined while loading. */
  assignments: Assignment[] | undefined;
  shifts: RotaShift[];
  swaps: SwapRequest[];
  staff: Staff[];
  nameOf(staffId: string): string | undefined;
}

/**
 * The week view's days and rota, live: seven building days from today (or a week before or after),
 * with the effective rota (S1: only approved swaps move anyone). A screen left open past midnight
 * moves on to the new day by itself, because the week is kept as an offset from today.
 */
export function useRotaWeek(timeZone: string): RotaWeek {
  const db = useDb();
  // T1: server-corrected; until the offset loads, the tablet's clock (a week view, not a deadline).
  const tabletNow = useNow();
  const nowMs = useCorrectedNow() ?? tabletNow;
  const today = dayKeyOf(nowMs, timeZone);
  const [weekOffset, setWeekOffset] = useState(0);
  const days = weekDays(addDaysToKey(today, weekOffset * 7));
  const { fromMs, toMs } = weekRange(days, timeZone);

  const data = useLiveQuery(async () => {
    const rota = await rotaBetween(db, fromMs, toMs);
    // Inactive people too: a past week still names who worked it.
    const staff = await listStaff(db, { includeInactive: true });
    return { ...rota, staff };
  }, [db, fromMs, toMs]);

  return {
    nowMs,
    today,
    days,
    fromMs,
    toMs,
    isCurrent: weekOffset === 0,
    previous: () => setWeekOffset((w) => w - 1),
    next: () => setWeekOffset((w) => w + 1),
    current: () => setWeekOffset(0),
    assignments: data?.assignments,
    shifts: data?.shifts ?? [],
    swaps: data?.swaps ?? [],
    staff: data?.staff ?? [],
    nameOf: (id) => data?.staff.find((s) => s.id === id)?.name,
  };
}
