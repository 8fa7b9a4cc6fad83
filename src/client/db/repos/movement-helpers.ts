/** Building and checking item movements (H8) for the register repository. */
import type { Item } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import type { ItemMovement } from '../../../domain/item-entities';
import { lentByItem, openLoans, type MovementFieldErrors } from '../../../domain/loan-rules';
import { RowNotFoundError } from '../errors';
import type { HandoverDb } from '../schema';
import type { WriteContext } from './write-context';

/** The most of one item a movement may carry (ItemMovement.quantity). */
export const MOVEMENT_QUANTITY_MAX = 10_000;

/** A movement row by the signed-in person, now (T1), with the fields its kind does not use empty. */
export function movementFields(
  ctx: WriteContext,
  m: Pick<ItemMovement, 'itemId' | 'kind' | 'quantity' | 'occurredAt' | 'dutyId'> & Partial<ItemMovement>,
): Omit<ItemMovement, 'updatedAt' | 'deleted'> {
  return {
    id: newId(),
    siteId: ctx.siteId,
    itemId: m.itemId,
    kind: m.kind,
    quantity: m.quantity,
    party: m.party?.trim() ?? '',
    partyKind: m.partyKind ?? null,
    fromParty: m.fromParty?.trim() ?? '',
    contact: m.contact?.trim() ?? '',
    reason: m.reason?.trim() ?? '',
    checkedHow: m.checkedHow?.trim() ?? '',
    dueAt: m.dueAt ?? null,
    closesId: m.closesId ?? null,
    occurredAt: m.occurredAt,
    staffId: ctx.actorStaffId,
    dutyId: m.dutyId,
    recordedAt: ctx.now(),
    deviceTime: ctx.deviceNow(),
  };
}

/** A whole number from 1 (validateMovement leaves the lower bound to the caller). */
export function quantityError(q: number): MovementFieldErrors {
  if (!Number.isInteger(q) || q < 1) return { quantity: 'required' };
  return q > MOVEMENT_QUANTITY_MAX ? { quantity: 'tooMany' } : {};
}

/** The live movements whose `closesId` is `id`: the returns of a lend, the undo of a return... */
export async function closersOf(db: HandoverDb, id: string): Promise<ItemMovement[]> {
  return (await db.itemMovement.where('closesId').equals(id).toArray()).filter((m) => !m.deleted);
}

/**
 * Whether a movement of `kind` already closes `id` (a return of a lend, a custodyOut of an
 * intake). A return that was undone closes nothing: the loan may be returned again.
 */
export async function isClosed(db: HandoverDb, id: string, kind: 'return' | 'custodyOut'): Promise<boolean> {
  for (const m of await closersOf(db, id)) {
    if (m.kind !== kind) continue;
    if (kind !== 'return' || !(await closersOf(db, m.id)).some((c) => c.kind === 'returnUndone')) return true;
  }
  return false;
}

/**
 * How many of the item are lent out at `nowMs` (its open lends, H8): what the count expects away
 * from the desk and what caps a new loan. Read inside the caller's write over `db.itemMovement`.
 */
export async function lentNow(db: HandoverDb, itemId: string, nowMs: number): Promise<number> {
  const movements = await db.itemMovement.where('itemId').equals(itemId).toArray();
  return lentByItem(openLoans(movements, nowMs)).get(itemId)?.quantity ?? 0;
}

/**
 * A movement and its item, read inside the write transaction.
 * @throws RowNotFoundError when either is not on this tablet.
 */
export async function movementAndItem(db: HandoverDb, movementId: string): Promise<{ m: ItemMovement; item: Item }> {
  const m = await db.itemMovement.get(movementId);
  if (!m || m.deleted) throw new RowNotFoundError('itemMovement', movementId);
  const item = await db.item.get(m.itemId);
  if (!item || item.deleted) throw new RowNotFoundError('item', m.itemId);
  return { m, item };
}
