/**
 * O1: what the section chief's review reads on the tablet: the queue of building days (each with
 * its figures) and, for one day, everything the chief checks before signing. Days are the
 * building's (building-day.ts): entries by `occurredAt`, records by `signedAt`, escalations by
 * `sentAt`, server rows (refusals, conflicts, flags) by `recordedAt`. Meant for `useLiveQuery`.
 */
import { dayBounds, dayKeyOf } from '../../../domain/building-day';
import { computeDayFigures } from '../../../domain/day-figures';
import type { Conflict, Duty, LogEntry, SyncError } from '../../../domain/entities';
import type { HandoverRecord } from '../../../domain/handover-entities';
import type {
  ConflictResolution,
  DailyReport,
  DayFigures,
  DayReview,
  Escalation,
  SpotCheck,
} from '../../../domain/review-entities';
import { reviewQueue, type QueueDay } from '../../../domain/review-queue';
import type { Task } from '../../../domain/task-entities';
import type { HandoverDb, LocalRow } from '../schema';
import { flagsRaisedBetween, type FlagView } from './review-flags';

/** A synced row without the tablet's version bookkeeping. */
function plain<T>(row: LocalRow<T>): T {
  const { _versions: _local, ...rest } = row;
  return rest as T;
}

const live = <T extends { deleted: boolean }>(rows: readonly LocalRow<T>[]): T[] =>
  rows.filter((r) => !r.deleted).map(plain);

/** One day of the queue with its figures (O1, O2). */
export interface QueueEntry extends QueueDay {
  figures: DayFigures;
}

/**
 * The building days with any entry, duty or signed record, newest first: those awaiting review,
 * overdue ones flagged (review-queue.ts), and those reviewed.
 */
export async function reviewQueueDays(
  db: HandoverDb,
  timeZone: string,
  nowMs: number,
  incomingLeadMinutes: number,
): Promise<QueueEntry[]> {
  const [entries, duties, records, escalations, reviews] = await Promise.all([
    db.logEntry.toArray(),
    db.duty.toArray(),
    db.handoverRecord.toArray(),
    db.escalation.toArray(),
    db.dayReview.toArray(),
  ]);
  const byDay = new Map<string, { entries: LogEntry[]; records: HandoverRecord[]; escalations: Escalation[] }>();
  const rowsOf = (key: string) => {
    let rows = byDay.get(key);
    if (!rows) byDay.set(key, (rows = { entries: [], records: [], escalations: [] }));
    return rows;
  };
  for (const e of live(entries)) rowsOf(dayKeyOf(e.occurredAt, timeZone)).entries.push(e);
  for (const r of live(records)) rowsOf(dayKeyOf(r.signedAt, timeZone)).records.push(r);
  for (const x of live(escalations)) rowsOf(dayKeyOf(x.sentAt, timeZone)).escalations.push(x);
  for (const d of live(duties)) rowsOf(dayKeyOf(d.startedAt, timeZone));
  const reviewed = new Set(live(reviews).map((r) => r.day));
  const queue = reviewQueue(byDay.keys(), reviewed, dayKeyOf(nowMs, timeZone));
  return queue.map((q) => ({
    ...q,
    figures: computeDayFigures(rowsOf(q.day), incomingLeadMinutes),
  }));
}

/** A sync conflict with the chief's choice, once made. */
export interface ConflictView {
  conflict: Conflict;
  resolution: ConflictResolution | undefined;
}

/** H7: an instruction the incoming person of a handover of the day did not acknowledge at it. */
export interface UnacknowledgedView {
  task: Task;
  record: HandoverRecord;
}

/** Everything the chief reviews of one building day (O1). */
export interface ReviewDayData {
  day: string;
  fromMs: number;
  toMs: number;
  duties: Duty[];
  /** Newest first. */
  entries: LogEntry[];
  /** The day's signed handovers, openings and closings (addenda included), oldest first. */
  records: HandoverRecord[];
  escalations: Escalation[];
  figures: DayFigures;
  flags: FlagView[];
  syncErrors: SyncError[];
  conflicts: ConflictView[];
  dailyReports: DailyReport[];
  spotChecks: SpotCheck[];
  /** The day's review and its addenda, oldest first. */
  reviews: DayReview[];
  /** Tasks still open that were raised by the end of the day (H4). */
  openTasks: Task[];
  unacknowledged: UnacknowledgedView[];
}

/** The day `day` as the review shows and signs it. */
export async function reviewDayData(
  db: HandoverDb,
  day: string,
  timeZone: string,
  incomingLeadMinutes: number,
): Promise<ReviewDayData> {
  const { fromMs, toMs } = dayBounds(day, timeZone);
  // Every table is read at once, before anything else is awaited, so the live query observes each
  // of them (a Dexie read started after a foreign await may not be tracked).
  const [
    entryRows,
    recordRows,
    escalationRows,
    dutyRows,
    conflictRows,
    resolutionRows,
    taskRows,
    ackRows,
    syncErrorRows,
    reportRows,
    spotRows,
    reviewRows,
  ] = await Promise.all([
    db.logEntry.where('occurredAt').between(fromMs, toMs, true, false).toArray(),
    db.handoverRecord.where('signedAt').between(fromMs, toMs, true, false).toArray(),
    db.escalation.where('sentAt').between(fromMs, toMs, true, false).toArray(),
    db.duty.toArray(),
    db.conflict.where('recordedAt').between(fromMs, toMs, true, false).toArray(),
    db.conflictResolution.toArray(),
    db.task.toArray(),
    db.acknowledgement.toArray(),
    db.syncError.where('recordedAt').between(fromMs, toMs, true, false).toArray(),
    db.dailyReport.where('day').equals(day).toArray(),
    db.spotCheck.where('checkedAt').between(fromMs, toMs, true, false).toArray(),
    db.dayReview.where('day').equals(day).toArray(),
  ]);
  const entries = live(entryRows).sort((a, b) => b.occurredAt - a.occurredAt || b.id.localeCompare(a.id));
  const records = live(recordRows).sort((a, b) => a.signedAt - b.signedAt);
  const escalations = live(escalationRows);
  const dutyIds = new Set(entries.map((e) => e.dutyId));
  const duties = live(dutyRows).filter(
    (d) => dutyIds.has(d.id) || (d.startedAt < toMs && (d.endedAt === null || d.endedAt >= fromMs)),
  );
  const resolutions = live(resolutionRows);
  const tasks = live(taskRows);
  const acks = live(ackRows);
  const unacknowledged: UnacknowledgedView[] = [];
  for (const record of records) {
    if (record.kind !== 'handover' || record.correctsId !== null || record.incomingStaffId === null) continue;
    for (const task of tasks) {
      if (task.kind !== 'instruction' || task.createdAt > record.signedAt) continue;
      if (task.status !== 'open' && (task.closedAt ?? 0) <= record.signedAt) continue;
      const acked = acks.some(
        (a) => a.taskId === task.id && a.handoverId === record.handoverId && a.staffId === record.incomingStaffId,
      );
      if (!acked) unacknowledged.push({ task, record });
    }
  }
  const flags = await flagsRaisedBetween(db, fromMs, toMs);
  return {
    day,
    fromMs,
    toMs,
    duties,
    entries,
    records,
    escalations,
    figures: computeDayFigures({ entries, records, escalations }, incomingLeadMinutes),
    flags,
    syncErrors: live(syncErrorRows),
    conflicts: live(conflictRows)
      .sort((a, b) => a.recordedAt - b.recordedAt)
      .map((conflict) => ({ conflict, resolution: resolutions.find((r) => r.conflictId === conflict.id) })),
    dailyReports: live(reportRows),
    spotChecks: live(spotRows).sort((a, b) => a.checkedAt - b.checkedAt),
    reviews: live(reviewRows).sort((a, b) => a.signedAt - b.signedAt),
    openTasks: tasks.filter((t) => t.status === 'open' && t.kind !== 'instruction' && t.createdAt < toMs),
    unacknowledged,
  };
}

/** The newest hash of the building's chain on this tablet, among signed records and day reviews. */
export async function newestChainHash(db: HandoverDb): Promise<string | undefined> {
  const record = await db.handoverRecord
    .orderBy('signedAt')
    .reverse()
    .filter((r) => !r.deleted)
    .first();
  const review = await db.dayReview
    .orderBy('signedAt')
    .reverse()
    .filter((r) => !r.deleted)
    .first();
  if (!record) return review?.hash;
  if (!review) return record.hash;
  return review.signedAt > record.signedAt ? review.hash : record.hash;
}
