/**
 * O3: the figures of each person for one month, one basis of the duty staff's performance review,
 * for the section chief and the property office manager. Pure: the tablet computes them from its
 * rows and the server from its store (GET /api/v1/reports/people.csv), with this same function.
 * Rows are assigned to the month in the building's zone (T1): entries by `occurredAt`, records by
 * `signedAt`, escalations by `sentAt`.
 */
import { TZDate } from '@date-fns/tz';
import { addMonths } from 'date-fns';
import { dayKeyOf } from './building-day';
import { joinMinutesLate, recordDiscrepancies } from './day-figures';
import type { LogAmendment, LogEntry } from './entities';
import type { HandoverRecord } from './handover-entities';
import type { Escalation } from './review-entities';

const MINUTE = 60_000;
const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The figures of one person in one month. */
export interface PersonFigures {
  staffId: string;
  /** H1: handovers they joined as the incoming person, on time or late (by the join). */
  incomingOnTime: number;
  incomingLate: number;
  /** H1: handovers they gave as the outgoing person, preparation begun in time or late. */
  outgoingOnTime: number;
  outgoingLate: number;
  /** H3: the desk opened or closed by them without a handover. */
  openings: number;
  closings: number;
  /** H8: records they signed whose count found something missing or damaged. */
  countsWithDiscrepancies: number;
  /** D1: duty-record entries they logged. */
  entriesLogged: number;
  /** D2, D3: escalations they sent. */
  escalationsSent: number;
  /** Their entries resolved, and the median time from the event to its resolution (null: none). */
  resolved: number;
  medianResolveMinutes: number | null;
}

/** The rows the month's figures are computed from (any range; the function keeps the month's). */
export interface PersonRows {
  entries: readonly LogEntry[];
  amendments: readonly Pick<LogAmendment, 'entryId' | 'statusChange' | 'recordedAt' | 'deleted'>[];
  records: readonly HandoverRecord[];
  escalations: readonly Escalation[];
}

/** The H1 leads of the building (site settings). */
export interface Leads {
  incomingLeadMinutes: number;
  outgoingLeadMinutes: number;
}

/** Whether `value` is a month key `yyyy-MM`. */
export function isMonthKey(value: string): boolean {
  return MONTH_KEY.test(value);
}

/**
 * The UTC epoch-ms bounds `[fromMs, toMs)` of month `key` (`yyyy-MM`) in the building's zone.
 * @throws RangeError for a malformed key.
 */
export function monthBounds(key: string, timeZone: string): { fromMs: number; toMs: number } {
  const m = MONTH_KEY.exec(key);
  if (!m) throw new RangeError(`not a month: ${key}`);
  const start = new TZDate(Number(m[1]), Number(m[2]) - 1, 1, timeZone);
  return { fromMs: start.getTime(), toMs: addMonths(start, 1).getTime() };
}

/** The month `ms` falls in, in the building's zone, as `yyyy-MM`. */
export function monthKeyOf(ms: number, timeZone: string): string {
  return dayKeyOf(ms, timeZone).slice(0, 7);
}

/**
 * H1: whether the outgoing person began preparing in time (`openedAt` at least
 * `outgoingLeadMinutes` before the scheduled change). Null for a record without a scheduled change.
 */
export function outgoingOnTime(record: HandoverRecord, outgoingLeadMinutes: number): boolean | null {
  if (record.kind !== 'handover' || record.scheduledAt === null) return null;
  return record.openedAt <= record.scheduledAt - outgoingLeadMinutes * MINUTE;
}

/** The median of `values` (the mean of the two middle ones for an even count), or null. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * When an entry was resolved: the newest amendment that set it `resolved`, else (an entry written
 * already resolved) its recording. Null for an entry not resolved now.
 */
export function resolvedAt(entry: LogEntry, amendments: PersonRows['amendments']): number | null {
  if (entry.status !== 'resolved') return null;
  let at: number | null = null;
  for (const a of amendments) {
    if (a.deleted || a.entryId !== entry.id || a.statusChange !== 'resolved') continue;
    if (at === null || a.recordedAt > at) at = a.recordedAt;
  }
  return at ?? entry.recordedAt;
}

function emptyFigures(staffId: string): PersonFigures {
  return {
    staffId,
    incomingOnTime: 0,
    incomingLate: 0,
    outgoingOnTime: 0,
    outgoingLate: 0,
    openings: 0,
    closings: 0,
    countsWithDiscrepancies: 0,
    entriesLogged: 0,
    escalationsSent: 0,
    resolved: 0,
    medianResolveMinutes: null,
  };
}

/**
 * O3: each person's figures for month `month` (`yyyy-MM`) in `timeZone`, sorted by staff id for a
 * stable order (the caller sorts by name). Only people with something in the month appear.
 */
export function computePersonFigures(rows: PersonRows, month: string, timeZone: string, leads: Leads): PersonFigures[] {
  const { fromMs, toMs } = monthBounds(month, timeZone);
  const inMonth = (ms: number) => ms >= fromMs && ms < toMs;
  const byPerson = new Map<string, PersonFigures>();
  const of = (staffId: string) => {
    let f = byPerson.get(staffId);
    if (!f) byPerson.set(staffId, (f = emptyFigures(staffId)));
    return f;
  };
  const resolveTimes = new Map<string, number[]>();

  for (const e of rows.entries) {
    if (e.deleted || !inMonth(e.occurredAt)) continue;
    of(e.staffId).entriesLogged += 1;
    const at = resolvedAt(e, rows.amendments);
    if (at === null) continue;
    const list = resolveTimes.get(e.staffId) ?? [];
    list.push(Math.max(0, at - e.occurredAt) / MINUTE);
    resolveTimes.set(e.staffId, list);
  }
  for (const [staffId, list] of resolveTimes) {
    const f = of(staffId);
    f.resolved = list.length;
    const m = median(list);
    f.medianResolveMinutes = m === null ? null : Math.round(m);
  }

  for (const r of rows.records) {
    // Addenda correct a record; they are not handovers of their own.
    if (r.deleted || r.correctsId !== null || !inMonth(r.signedAt)) continue;
    if (r.kind === 'opening' && r.incomingStaffId !== null) of(r.incomingStaffId).openings += 1;
    if (r.kind === 'closing' && r.outgoingStaffId !== null) of(r.outgoingStaffId).closings += 1;
    const late = joinMinutesLate(r, leads.incomingLeadMinutes);
    if (late !== null && r.incomingStaffId !== null) {
      if (late > 0) of(r.incomingStaffId).incomingLate += 1;
      else of(r.incomingStaffId).incomingOnTime += 1;
    }
    const prepared = outgoingOnTime(r, leads.outgoingLeadMinutes);
    if (prepared !== null && r.outgoingStaffId !== null) {
      if (prepared) of(r.outgoingStaffId).outgoingOnTime += 1;
      else of(r.outgoingStaffId).outgoingLate += 1;
    }
    if (recordDiscrepancies(r) > 0) {
      const signers = new Set([r.outgoingStaffId, r.incomingStaffId].filter((id): id is string => id !== null));
      for (const id of signers) of(id).countsWithDiscrepancies += 1;
    }
  }

  for (const e of rows.escalations) {
    if (!e.deleted && inMonth(e.sentAt)) of(e.sentBy).escalationsSent += 1;
  }
  return [...byPerson.values()].sort((a, b) => a.staffId.localeCompare(b.staffId));
}

/** The columns of the per-person figures, in the order of the table and the CSV. */
export const PERSON_FIGURE_COLUMNS = [
  'incomingOnTime',
  'incomingLate',
  'outgoingOnTime',
  'outgoingLate',
  'openings',
  'closings',
  'countsWithDiscrepancies',
  'entriesLogged',
  'escalationsSent',
  'resolved',
  'medianResolveMinutes',
] as const satisfies readonly (keyof PersonFigures)[];

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * O3: the figures as CSV in UTF-8 with a byte-order mark, so Excel shows Chinese. `header` names
 * the person column then each of PERSON_FIGURE_COLUMNS, in the reader's language; `nameOf` gives
 * each person's name. Lines end CRLF (RFC 4180).
 */
export function personFiguresCsv(
  figures: readonly PersonFigures[],
  header: readonly string[],
  nameOf: (staffId: string) => string,
): string {
  const lines = [header.map(csvField).join(',')];
  for (const f of figures) {
    const cells = PERSON_FIGURE_COLUMNS.map((c) => (f[c] === null ? '' : String(f[c])));
    lines.push([csvField(nameOf(f.staffId)), ...cells].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
