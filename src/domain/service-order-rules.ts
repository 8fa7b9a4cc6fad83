/**
 * F1: the rules of a paid-service order (物業管理處有償服務單) attached to an owner's or tenant's
 * matter. Run by the tablet's repository before queueing and by the server on every put and patch
 * (`checkRowRules`), so an old or altered tablet cannot skip a step or reuse a number. The number's
 * uniqueness within the building is checked by the server against all of the building's orders
 * (`src/server/registers/service-order-number.ts`) and by the tablet against the ones it holds.
 */
import type { ServiceOrder, ServiceOrderStatus } from './review-entities';
import { isPartyKind } from './log-entry';
import type { LogKind } from './entities';

/**
 * F1: where each status may go. issued → done → paid; issued or done → cancelled. Paid and
 * cancelled are final: an order is never taken back from either.
 */
export const SERVICE_ORDER_STEPS: Readonly<Record<ServiceOrderStatus, readonly ServiceOrderStatus[]>> = {
  issued: ['done', 'cancelled'],
  done: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
};

/** Whether an order may move from `from` to `to` (F1). */
export function canMoveOrder(from: ServiceOrderStatus, to: ServiceOrderStatus): boolean {
  return SERVICE_ORDER_STEPS[from].includes(to);
}

/** The fields an order keeps as issued: only its status moves after that. */
const FIXED_FIELDS = ['entryId', 'number', 'service', 'amountCents', 'staffId', 'issuedAt'] as const;

export type ServiceOrderRuleError =
  | { path: 'status'; code: 'notIssued' | 'badStep' }
  | { path: (typeof FIXED_FIELDS)[number]; code: 'fixed' }
  | { path: 'entryId'; code: 'notPartyMatter' }
  | { path: 'number'; code: 'numberTaken' };

/**
 * F1: the refusal of writing `next` over `prev` (null for a new order), or null. `entryKind` is
 * the kind of the entry it is attached to (undefined when that entry is unknown: the reference
 * check answers that). A new order is issued; afterwards only its status moves, one step at a time.
 */
export function serviceOrderError(
  prev: ServiceOrder | null,
  next: ServiceOrder,
  entryKind: LogKind | undefined,
): ServiceOrderRuleError | null {
  if (prev === null) {
    if (next.status !== 'issued') return { path: 'status', code: 'notIssued' };
    if (entryKind !== undefined && !isPartyKind(entryKind)) return { path: 'entryId', code: 'notPartyMatter' };
    return null;
  }
  for (const f of FIXED_FIELDS) if (prev[f] !== next[f]) return { path: f, code: 'fixed' };
  if (prev.status !== next.status && !canMoveOrder(prev.status, next.status)) {
    return { path: 'status', code: 'badStep' };
  }
  return null;
}

/** A number as compared for uniqueness: trimmed, case-insensitive, full-width digits folded (Ｎｏ．１２ = no.12). */
export function orderNumberKey(number: string): string {
  return number.normalize('NFKC').trim().toUpperCase();
}

/** F1: whether `number` is taken by another order than `exceptId` among `orders`. */
export function orderNumberTaken(
  orders: readonly Pick<ServiceOrder, 'id' | 'number'>[],
  number: string,
  exceptId: string,
): boolean {
  const key = orderNumberKey(number);
  return orders.some((o) => o.id !== exceptId && orderNumberKey(o.number) === key);
}

/**
 * F1: an amount typed as money ("350", "350.5", "350.00", "1,200.00") in cents, or null when it is
 * not one (negative, more than two decimals, letters). Integer arithmetic only: no float rounds it.
 */
export function parseMoney(input: string): number | null {
  const s = input.normalize('NFKC').trim().replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m?.[1]) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as money text with two decimals ("350.00"), the form the paper order uses. */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
