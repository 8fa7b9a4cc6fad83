/**
 * F1: a paid-service order's number is unique within its building. The tablet checks the orders it
 * holds; the server is the authority and checks every order of the building it stores, whatever a
 * tablet sends (two tablets offline may both issue "A-001"; the second to arrive is refused).
 */
import { orderNumberTaken } from '../../domain/service-order-rules';
import type { ServiceOrder } from '../../domain/review-entities';
import type { WritableTable } from '../../domain/sync-protocol';
import { reject, type ApplyContext, type Rejection } from '../sync/op-outcome';

/** The refusal of an order whose number another live order of the building holds, or null. */
export async function serviceOrderNumberRefusal(
  ctx: ApplyContext,
  table: WritableTable,
  row: Record<string, unknown>,
): Promise<Rejection | null> {
  if (table !== 'serviceOrder') return null;
  const order = row as ServiceOrder;
  const others = (await ctx.store.listRows(ctx.siteId, 'serviceOrder')).filter((r) => !r.deleted).map((r) => r.row);
  if (!orderNumberTaken(others, order.number, order.id)) return null;
  return reject('rule_violation', `service order: F1 number ${order.number} is already used in this building`, [
    { path: 'number', code: 'numberTaken' },
  ]);
}
