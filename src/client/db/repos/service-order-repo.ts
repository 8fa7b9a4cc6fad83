/**
 * F1: paid-service orders (物業管理處有償服務單) attached to an owner's or tenant's matter. The
 * same rules as the server (service-order-rules.ts) run here before anything is queued: a new order
 * is issued with a number not used in the building (as far as this tablet knows; the server checks
 * every order of the building), and its status moves one step at a time, never back from paid or
 * cancelled.
 */
import { newId } from '../../../domain/ids';
import type { ServiceOrder, ServiceOrderStatus } from '../../../domain/review-entities';
import { orderNumberTaken, parseMoney, serviceOrderError } from '../../../domain/service-order-rules';
import { fieldMax } from '../../../domain/text-limits';
import { ServiceOrder as ServiceOrderSchema } from '../../../domain/review-entities';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { isEmpty, plain } from './repo-helpers';
import type { WriteContext } from './write-context';

/** The limits of an order's texts, read from the schema the server checks. */
export const ORDER_LIMITS = {
  number: fieldMax(ServiceOrderSchema, 'number'),
  service: fieldMax(ServiceOrderSchema, 'service'),
};

export type OrderErrors = {
  number?: 'required' | 'tooLong' | 'numberTaken';
  service?: 'required' | 'tooLong';
  /** Not money (e.g. "350.00"), or more than the largest amount an order holds. */
  amount?: 'required' | 'invalid';
  entryId?: 'notPartyMatter';
};

const MAX_CENTS = 100_000_000;

/** F1: issues a new order on entry `entryId`; `amount` is money as typed ("350.00"). */
export async function issueServiceOrder(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; number: string; service: string; amount: string },
): Promise<Result<ServiceOrder, OrderErrors>> {
  return runWrite(db, [db.serviceOrder, db.logEntry], async () => {
    const entry = await db.logEntry.get(input.entryId);
    if (!entry || entry.deleted) throw new RowNotFoundError('logEntry', input.entryId);
    const number = input.number.trim();
    const service = input.service.trim();
    const errors: OrderErrors = {};
    if (number === '') errors.number = 'required';
    else if (number.length > ORDER_LIMITS.number) errors.number = 'tooLong';
    else {
      const others = (await db.serviceOrder.toArray()).filter((o) => !o.deleted);
      if (orderNumberTaken(others, number, '')) errors.number = 'numberTaken';
    }
    if (service === '') errors.service = 'required';
    else if (service.length > ORDER_LIMITS.service) errors.service = 'tooLong';
    const cents = parseMoney(input.amount);
    if (input.amount.trim() === '') errors.amount = 'required';
    else if (cents === null || cents > MAX_CENTS) errors.amount = 'invalid';
    if (!isEmpty(errors)) return fail(errors);
    const order: ServiceOrder = {
      id: newId(),
      siteId: ctx.siteId,
      entryId: entry.id,
      number,
      service,
      amountCents: cents ?? 0,
      status: 'issued',
      staffId: ctx.actorStaffId,
      issuedAt: ctx.now(),
      updatedAt: '',
      deleted: false,
    };
    const rule = serviceOrderError(null, order, entry.kind);
    if (rule?.code === 'notPartyMatter') return fail({ entryId: 'notPartyMatter' });
    const { updatedAt: _u, deleted: _d, ...fields } = order;
    return ok(await insertRow(db, ctx, 'serviceOrder', 'put', fields));
  });
}

/**
 * F1: moves an order to `status` (issued → done → paid, issued or done → cancelled).
 * @returns `badStep` when that is not a step from where the order is (another tablet moved it).
 */
export async function moveServiceOrder(
  db: HandoverDb,
  ctx: WriteContext,
  input: { orderId: string; status: ServiceOrderStatus },
): Promise<Result<ServiceOrder, { status: 'badStep' }>> {
  return runWrite(db, [db.serviceOrder], async () => {
    const row = await db.serviceOrder.get(input.orderId);
    if (!row || row.deleted) throw new RowNotFoundError('serviceOrder', input.orderId);
    const prev = plain(row);
    const next = { ...prev, status: input.status };
    if (serviceOrderError(prev, next, undefined) !== null) return fail({ status: 'badStep' });
    await patchRow(db, ctx, 'serviceOrder', prev.id, { status: input.status });
    return ok(next);
  });
}

/** F1: the live orders of an entry, oldest first. */
export async function ordersOfEntry(db: HandoverDb, entryId: string): Promise<ServiceOrder[]> {
  const rows = await db.serviceOrder.where('entryId').equals(entryId).toArray();
  return rows
    .filter((o) => !o.deleted)
    .map(plain)
    .sort((a, b) => a.issuedAt - b.issuedAt || a.id.localeCompare(b.id));
}
