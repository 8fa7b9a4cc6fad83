/**
 * The figures of a building day (O1, O2), computed from the day's rows the same way on the tablet
 * (the review screen, the daily report) and wherever else they are needed. Pure: the caller picks
 * the day's rows (by `occurredAt` for entries, `signedAt` for records, `sentAt` for escalations).
 */
import type { LogEntry } from './entities';
import type { HandoverRecord } from './handover-entities';
import type { DayFigures, Escalation } from './review-entities';

const MINUTE = 60_000;

/** The rows of one building day that its figures are computed from. */
export interface DayRows {
  entries: readonly LogEntry[];
  /** The day's signed handovers, openings and closings (addenda are left out of the figures). */
  records: readonly HandoverRecord[];
  escalations: readonly Escalation[];
}

/**
 * H1: how late the incoming person joined a handover, in whole minutes after the time they were
 * expected (`incomingLeadMinutes` before the scheduled change); 0 or less is on time. Null when the
 * record is not a handover with a scheduled change and a join (an opening, a closing, an unrostered
 * change).
 */
export function joinMinutesLate(record: HandoverRecord, incomingLeadMinutes: number): number | null {
  if (record.kind !== 'handover' || record.scheduledAt === null || record.joinedAt === null) return null;
  const expected = record.scheduledAt - incomingLeadMinutes * MINUTE;
  return Math.round((record.joinedAt - expected) / MINUTE);
}

/** H8: the count lines of a record that found an item missing or damaged. */
export function recordDiscrepancies(record: HandoverRecord): number {
  return record.count.filter((line) => line.state !== 'present').length;
}

/** O1, O2: the figures of one building day. */
export function computeDayFigures(rows: DayRows, incomingLeadMinutes: number): DayFigures {
  const live = rows.entries.filter((e) => !e.deleted);
  const byKind: Record<string, number> = {};
  for (const e of live) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const signed = rows.records.filter((r) => !r.deleted && r.correctsId === null);
  let onTime = 0;
  let late = 0;
  for (const r of signed) {
    const minutes = joinMinutesLate(r, incomingLeadMinutes);
    if (minutes === null) continue;
    if (minutes > 0) late += 1;
    else onTime += 1;
  }
  return {
    entries: live.length,
    byKind,
    complaints: byKind['complaint'] ?? 0,
    repairs: byKind['repair'] ?? 0,
    emergencies: live.filter((e) => e.kind === 'emergency' || e.severity === 'emergency').length,
    discrepancies: signed.reduce((n, r) => n + recordDiscrepancies(r), 0),
    handoversOnTime: onTime,
    handoversLate: late,
    openings: signed.filter((r) => r.kind === 'opening').length,
    closings: signed.filter((r) => r.kind === 'closing').length,
    referred: live.filter((e) => e.status === 'referred').length,
    open: live.filter((e) => e.status === 'open').length,
    escalations: rows.escalations.filter((e) => !e.deleted).length,
  };
}
