/**
 * O2: the daily department report, submitted by the person on duty with their remarks and the
 * day's figures frozen as generated. The same rules as the server (report-rules.ts): not before
 * the day is over, once per person and day, in the submitter's own name.
 */
import { newId } from '../../../domain/ids';
import { dailyReportRefusal, type ReportRefusal } from '../../../domain/report-rules';
import { DailyReport, type DayFigures } from '../../../domain/review-entities';
import { overLimit } from '../../../domain/text-limits';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import { reportsOfDay } from '../queries/report-queries';
import type { WriteContext } from './write-context';

/** Why a report was not submitted: a rule (day not over, already submitted) or remarks too long. */
export type ReportSubmitError = ReportRefusal | { code: 'tooLong'; message: string; issues: [] };

/**
 * Submits the report of building day `day` (in `timeZone`) by the context's actor. The time check
 * uses the server-corrected clock (T1); the server checks again with its own. Nothing is written
 * when refused.
 */
export async function submitDailyReport(
  db: HandoverDb,
  ctx: WriteContext,
  input: { day: string; timeZone: string; figures: DayFigures; remarks: string },
): Promise<Result<DailyReport, ReportSubmitError>> {
  const fields: Omit<DailyReport, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    day: input.day,
    staffId: ctx.actorStaffId,
    submittedAt: ctx.now(),
    figures: input.figures,
    remarks: input.remarks.trim(),
  };
  if (overLimit(DailyReport, { remarks: fields.remarks }).remarks) {
    return fail({ code: 'tooLong', message: 'remarks too long', issues: [] });
  }
  return runWrite(db, [db.dailyReport], async () => {
    const sameDay = await reportsOfDay(db, input.day);
    const refusal = dailyReportRefusal(fields, { nowMs: fields.submittedAt, timeZone: input.timeZone, sameDay });
    if (refusal !== null) return fail(refusal);
    return ok(await insertRow(db, ctx, 'dailyReport', 'put', fields));
  });
}
