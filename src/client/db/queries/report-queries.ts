/**
 * The rows the daily department report (O2), its week and month charts and the per-person figures
 * (O3) are computed from, read from this tablet's database. Entries fall on a day by `occurredAt`,
 * signed records by `signedAt`, escalations by `sentAt` (day-figures.ts).
 */
import { dayBounds, dayKeyOf, shiftDayKey } from '../../../domain/building-day';
import { computeDayFigures, type DayRows } from '../../../domain/day-figures';
import type { LogAmendment, LogEntry, Staff } from '../../../domain/entities';
import type { HandoverRecord } from '../../../domain/handover-entities';
import type { PersonRows } from '../../../domain/person-figures';
import type { DailyReport, DayFigures, Escalation } from '../../../domain/review-entities';
import type { HandoverDb } from '../schema';
import { plain } from '../repos/repo-helpers';

const live = <T extends { deleted: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** The live rows of `[fromMs, toMs)` that a day's figures, or a range's, are computed from. */
export async function rowsBetween(db: HandoverDb, fromMs: number, toMs: number): Promise<DayRows> {
  const [entries, records, escalations] = await Promise.all([
    db.logEntry.where('occurredAt').between(fromMs, toMs, true, false).toArray(),
    db.handoverRecord.where('signedAt').between(fromMs, toMs, true, false).toArray(),
    db.escalation.where('sentAt').between(fromMs, toMs, true, false).toArray(),
  ]);
  return {
    entries: live(entries).map((e) => plain<LogEntry>(e)),
    records: live(records).map((r) => plain<HandoverRecord>(r)),
    escalations: live(escalations).map((e) => plain<Escalation>(e)),
  };
}

/** O2: the submitted reports of building day `day`, oldest first. */
export async function reportsOfDay(db: HandoverDb, day: string): Promise<DailyReport[]> {
  const rows = await db.dailyReport.where('day').equals(day).toArray();
  return live(rows)
    .map((r) => plain<DailyReport>(r))
    .sort((a, b) => a.submittedAt - b.submittedAt);
}

/** Everything the report of building day `day` shows: its rows, its figures and its reports. */
export interface DayReportData {
  rows: DayRows;
  figures: DayFigures;
  reports: DailyReport[];
  staff: Staff[];
}

/** O2: the report of building day `day` in `timeZone`, generated from this tablet's rows. */
export async function dayReportData(
  db: HandoverDb,
  day: string,
  timeZone: string,
  incomingLeadMinutes: number,
): Promise<DayReportData> {
  const { fromMs, toMs } = dayBounds(day, timeZone);
  const [rows, reports, staff] = await Promise.all([
    rowsBetween(db, fromMs, toMs),
    reportsOfDay(db, day),
    db.staff.toArray(),
  ]);
  return {
    rows,
    figures: computeDayFigures(rows, incomingLeadMinutes),
    reports,
    staff: staff.map((s) => plain<Staff>(s)),
  };
}

/** The figures of one day of a chart's range. */
export interface DaySeriesPoint {
  day: string;
  figures: DayFigures;
}

/**
 * O2 charts: the figures of each of the `days` building days ending with `lastDay`, oldest first,
 * read in one pass over the range.
 */
export async function daySeries(
  db: HandoverDb,
  lastDay: string,
  days: number,
  timeZone: string,
  incomingLeadMinutes: number,
): Promise<DaySeriesPoint[]> {
  const firstDay = shiftDayKey(lastDay, -(days - 1));
  const rows = await rowsBetween(db, dayBounds(firstDay, timeZone).fromMs, dayBounds(lastDay, timeZone).toMs);
  const byDay = new Map<string, { entries: LogEntry[]; records: HandoverRecord[]; escalations: Escalation[] }>();
  const bucket = (ms: number) => {
    const key = dayKeyOf(ms, timeZone);
    let b = byDay.get(key);
    if (!b) byDay.set(key, (b = { entries: [], records: [], escalations: [] }));
    return b;
  };
  for (const e of rows.entries) bucket(e.occurredAt).entries.push(e);
  for (const r of rows.records) bucket(r.signedAt).records.push(r);
  for (const e of rows.escalations) bucket(e.sentAt).escalations.push(e);
  const points: DaySeriesPoint[] = [];
  for (let i = 0; i < days; i += 1) {
    const day = shiftDayKey(firstDay, i);
    const b = byDay.get(day) ?? { entries: [], records: [], escalations: [] };
    points.push({ day, figures: computeDayFigures(b, incomingLeadMinutes) });
  }
  return points;
}

/**
 * O3: the rows of `[fromMs, toMs)` the per-person figures are computed from, with the amendments
 * of those entries (their resolution may come after the month).
 */
export async function personRowsBetween(db: HandoverDb, fromMs: number, toMs: number): Promise<PersonRows> {
  const rows = await rowsBetween(db, fromMs, toMs);
  const amendments = await db.logAmendment
    .where('entryId')
    .anyOf(rows.entries.map((e) => e.id))
    .toArray();
  return { ...rows, amendments: live(amendments).map((a) => plain<LogAmendment>(a)) };
}

/** O2: how many live reports each building day from `fromDay` to `toDay` (inclusive) has. */
export async function submittedCountsBetween(
  db: HandoverDb,
  fromDay: string,
  toDay: string,
): Promise<Map<string, number>> {
  const rows = await db.dailyReport.where('day').between(fromDay, toDay, true, true).toArray();
  const counts = new Map<string, number>();
  for (const r of live(rows)) counts.set(r.day, (counts.get(r.day) ?? 0) + 1);
  return counts;
}
