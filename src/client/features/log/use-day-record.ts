import { useLiveQuery } from 'dexie-react-hooks';
import { dutiesByIds, entriesForDay, listStaff } from '../../db/queries';
import { flagsRaisedBetween, rowsWithTimeInDoubt, type FlagView } from '../../db/queries/review-flags';
import { usePathDetail } from '../../state/routes';
import { useDb } from '../../ui/db-context';
import { useCorrectedNow, useNow } from '../../ui/use-now';
import { dayBounds, dayKeyOf, groupByDuty, isDayKey, shiftDayKey, type DutyGroup } from './building-day';
import { useEntryFilters, type EntryFilterState } from './use-entry-filters';

const NO_IDS: ReadonlySet<string> = new Set();

export interface DayRecord {
  /** The building day shown, `yyyy-MM-dd` in the site's zone. */
  day: string;
  /** Today in the building (T1: the tablet's clock corrected by the server offset). */
  today: string;
  /** Start of the shown day (UTC ms), for showing times on that day without their date. */
  fromMs: number;
  canGoNext: boolean;
  previousDay(): void;
  nextDay(): void;
  goToday(): void;
  /** From the date input; an empty, malformed or future day is ignored. */
  pickDay(value: string): void;
  filters: EntryFilterState;
  /** The day's entries under their duties; undefined while loading. */
  groups: DutyGroup[] | undefined;
  count: number;
  nameOf(staffId: string): string | undefined;
  /** T1: the shown entries whose time the server flagged. */
  inDoubt: ReadonlySet<string>;
  /** T1, H3: the flags the server raised on this day, for the section chief; undefined while loading. */
  flags: FlagView[] | undefined;
}

/**
 * Every entry the building recorded on one day, from every duty and every tablet, grouped under
 * the duties (F3, D5; H9: the next shift reads what the previous one wrote). Live: entries pulled
 * from other tablets appear without a reload. The day runs midnight to midnight in `timeZone`.
 */
export function useDayRecord(timeZone: string): DayRecord {
  const db = useDb();
  // T1: server-corrected; until the offset loads, the tablet's clock (it only picks a day).
  const tabletNow = useNow();
  const today = dayKeyOf(useCorrectedNow() ?? tabletNow, timeZone);
  // The day picked is in the URL (`/day/2025-03-14`), so a reload keeps it; `/day` follows "today",
  // so a screen left open past midnight moves on to the new day by itself. A malformed day reads as
  // today. Replaced, not pushed: Back leaves the record by day in one step, not day by day.
  const [detail, setDetail] = usePathDetail('day');
  const picked = detail !== null && isDayKey(detail) ? detail : null;
  const day = picked !== null && picked < today ? picked : today;
  const { fromMs, toMs } = dayBounds(day, timeZone);
  const filters = useEntryFilters();
  const { kind, severity, status } = filters;

  const data = useLiveQuery(async () => {
    const entries = await entriesForDay(db, fromMs, toMs, filters.filter);
    const duties = await dutiesByIds(
      db,
      entries.map((e) => e.dutyId),
    );
    // Inactive people too: a deactivated person's past duties still carry their name.
    const staff = await listStaff(db, { includeInactive: true });
    const inDoubt = await rowsWithTimeInDoubt(
      db,
      'logEntry',
      entries.map((e) => e.id),
    );
    const flags = await flagsRaisedBetween(db, fromMs, toMs);
    return { entries, duties, staff, inDoubt, flags };
  }, [db, fromMs, toMs, kind, severity, status]);

  const choose = (key: string) => setDetail(key >= today ? null : key);

  return {
    day,
    today,
    fromMs,
    canGoNext: day < today,
    previousDay: () => choose(shiftDayKey(day, -1)),
    nextDay: () => choose(shiftDayKey(day, 1)),
    goToday: () => setDetail(null),
    pickDay: (value) => {
      if (isDayKey(value) && value <= today) choose(value);
    },
    filters,
    groups: data ? groupByDuty(data.entries, data.duties) : undefined,
    count: data?.entries.length ?? 0,
    nameOf: (staffId) => data?.staff.find((s) => s.id === staffId)?.name,
    inDoubt: data?.inDoubt ?? NO_IDS,
    flags: data?.flags,
  };
}
