/**
 * The server's checks of a written row that need the building beyond the row and the rows it names
 * (after row-checks.ts): one open duty per building (H3) and the approval of a substitute named on
 * a handover draft (H11(d), S1), and a daily report's day being over (O2). Signed records have their own (signed-records.ts).
 */
import type { Handover } from '../../domain/handover-entities';
import type { Op } from '../../domain/sync-protocol';
import { dailyReportPutRefusal } from '../reports/report-checks';
import { dutyPutRefusal } from './duty-rules';
import { draftSubstituteRefusal } from './gate-check';
import type { ApplyContext, Rejection } from './op-outcome';

/**
 * The refusal of `row` as it would be written by `op`, or null. `prev` is the stored row of a
 * patch (null for a new row); `touched` the fields the write changes.
 */
export async function buildingRuleRefusal(
  ctx: ApplyContext,
  op: Op,
  prev: Record<string, unknown> | null,
  row: Record<string, unknown>,
  touched: readonly string[],
): Promise<Rejection | null> {
  switch (op.table) {
    case 'duty':
      return prev === null ? dutyPutRefusal(ctx, row) : null;
    case 'handover':
      return draftSubstituteRefusal(ctx, row as Handover, touched);
    case 'dailyReport':
      // O2: not before the day is over (server clock, building zone), once per person and day.
      return prev === null ? dailyReportPutRefusal(ctx, row) : null;
    default:
      return null;
  }
}
