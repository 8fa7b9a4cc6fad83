/**
 * O2: the rules of the daily department report, the same on the tablet (before queueing) and on
 * the server (whatever a tablet sends). A report is submitted once the building day is over, by the
 * person it names, once per person and day, and never changed afterwards (insert-only).
 */
import { dayBounds, isDayKey, isDayOver } from './building-day';
import type { SyncError } from './entities';
import type { DailyReport } from './review-entities';

type FieldIssue = SyncError['issues'][number];

/** Who writes the row, as the table rules see them. */
interface ReportActor {
  id: string;
}

/** Why a report is refused: `day_not_over` (O2: the day is still running) or a rule of who/when. */
export interface ReportRefusal {
  code: 'day_not_over' | 'rule_violation';
  message: string;
  issues: FieldIssue[];
}

/**
 * O2, row rules (row-rules.ts): a report is written once, never patched, and its `staffId` is the
 * person who submits it. Null when allowed.
 */
export function dailyReportRowRefusal(
  prev: Record<string, unknown> | null,
  next: Record<string, unknown>,
  actor: ReportActor,
): ReportRefusal | null {
  if (prev !== null) {
    return { code: 'rule_violation', message: 'daily report: O2 a submitted report is never changed', issues: [] };
  }
  if (next.staffId !== actor.id) {
    return {
      code: 'rule_violation',
      message: `daily report: O2 staffId ${String(next.staffId)} is not the person submitting it (${actor.id})`,
      issues: [{ path: 'staffId', code: 'notActor' }],
    };
  }
  return null;
}

/** What the time and uniqueness checks read: the building's clock and zone, and the day's reports. */
export interface ReportContext {
  /** The server's clock on the server; the tablet's server-corrected clock on the tablet (T1). */
  nowMs: number;
  /** The building's time zone (the building day runs midnight to midnight in it). */
  timeZone: string;
  /** The live reports of the same day already held (other than `report` itself). */
  sameDay: readonly Pick<DailyReport, 'id' | 'staffId' | 'day'>[];
}

/**
 * O2: a report of a day that is not over yet is refused (`day_not_over`), and so is a second report
 * of the same day by the same person. Null when allowed.
 */
export function dailyReportRefusal(
  report: Pick<DailyReport, 'id' | 'staffId' | 'day'>,
  ctx: ReportContext,
): ReportRefusal | null {
  if (!isDayKey(report.day)) {
    return {
      code: 'rule_violation',
      message: `daily report: ${report.day} is not a day`,
      issues: [{ path: 'day', code: 'invalid_format' }],
    };
  }
  if (!isDayOver(report.day, ctx.timeZone, ctx.nowMs)) {
    const end = new Date(dayBounds(report.day, ctx.timeZone).toMs).toISOString();
    return {
      code: 'day_not_over',
      message: `daily report: O2 the day ${report.day} is not over yet (it ends at ${end}); submit it once the day is over`,
      issues: [{ path: 'day', code: 'day_not_over' }],
    };
  }
  const twin = ctx.sameDay.find((r) => r.id !== report.id && r.day === report.day && r.staffId === report.staffId);
  if (twin !== undefined) {
    return {
      code: 'rule_violation',
      message: `daily report: O2 ${report.staffId} already submitted the report of ${report.day} (${twin.id})`,
      issues: [{ path: 'day', code: 'alreadySubmitted' }],
    };
  }
  return null;
}
