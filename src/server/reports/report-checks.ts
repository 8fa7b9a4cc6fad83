/**
 * O2 on the server: a daily report of a building day that is not over yet is refused by the
 * server's own clock (`ctx.nowMs`, the op's receipt time) in the building's zone (its `site` row),
 * whatever the tablet's clock said; and a second report of the same day by the same person is
 * refused. The row rules (row-rules.ts) have already checked who submits it and that it is new.
 */
import { dailyReportRefusal } from '../../domain/report-rules';
import type { DailyReport } from '../../domain/review-entities';
import { liveRow, reject, type ApplyContext, type Rejection } from '../sync/op-outcome';

/** The refusal of a new daily report `row`, or null. */
export async function dailyReportPutRefusal(
  ctx: ApplyContext,
  row: Record<string, unknown>,
): Promise<Rejection | null> {
  const report = row as DailyReport;
  const timeZone = (await liveRow(ctx, 'site', ctx.siteId))?.row.timeZone;
  if (typeof timeZone !== 'string') return reject('validation_failed', 'daily report: the building has no time zone');
  const sameDay = (await ctx.store.listLiveRowsWhere(ctx.siteId, 'dailyReport', 'day', report.day)).map((r) => r.row);
  const refusal = dailyReportRefusal(report, { nowMs: ctx.nowMs, timeZone, sameDay });
  return refusal === null ? null : reject(refusal.code, refusal.message, refusal.issues);
}
