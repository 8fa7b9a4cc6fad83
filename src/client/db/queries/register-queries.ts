/**
 * Read functions for the item register, loans and custody (H8), meant for
 * `useLiveQuery(() => fn(db, ...))`. Tombstoned rows are never returned.
 */
import { newestFindings, type CountFinding } from '../../../domain/count-findings';
import { compareItems } from '../../../domain/count-rules';
import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import { heldCustody, lentByItem, openLoans, type OpenLoan } from '../../../domain/loan-rules';
import type { HandoverDb } from '../schema';
import { newestRecord } from './record-chain';

/** Oldest first: occurred-at, then recording time, then id, so the order is the same everywhere. */
function chronological(a: ItemMovement, b: ItemMovement): number {
  return a.occurredAt - b.occurredAt || a.recordedAt - b.recordedAt || a.id.localeCompare(b.id);
}

/** The register in count order: category (ITEM_CATEGORIES), then code; inactive items on request. */
export async function listItems(db: HandoverDb, opts?: { includeInactive?: boolean }): Promise<Item[]> {
  const all = await db.item.toArray();
  return all.filter((i) => !i.deleted && (i.active || opts?.includeInactive === true)).sort(compareItems);
}

/**
 * The item a scanned or typed code names (surrounding spaces ignored, then case). An active item
 * wins over an inactive one with the same code (a released custody item's code may be reused).
 */
export async function itemByCode(db: HandoverDb, code: string): Promise<Item | undefined> {
  const wanted = code.trim();
  if (wanted === '') return undefined;
  let rows = (await db.item.where('code').equals(wanted).toArray()).filter((i) => !i.deleted);
  if (rows.length === 0) {
    const upper = wanted.toUpperCase();
    rows = (await db.item.toArray()).filter((i) => !i.deleted && i.code.trim().toUpperCase() === upper);
  }
  return rows.sort((a, b) => Number(b.active) - Number(a.active) || a.id.localeCompare(b.id)).at(0);
}

/** Every movement of the building, oldest first. */
export async function listMovements(db: HandoverDb): Promise<ItemMovement[]> {
  const rows = await db.itemMovement.toArray();
  return rows.filter((m) => !m.deleted).sort(chronological);
}

/** Loans still out at `nowMs`, the most overdue first (domain openLoans; an undone return reopens its loan). */
export async function loansNow(db: HandoverDb, nowMs: number): Promise<OpenLoan[]> {
  const lends = await db.itemMovement.where('kind').anyOf('lend', 'return', 'returnUndone').toArray();
  return openLoans(lends, nowMs);
}

/** Custody intakes the desk still holds, oldest first, each with its item. */
export async function custodyHeldNow(db: HandoverDb): Promise<{ movement: ItemMovement; item: Item }[]> {
  const movements = await db.itemMovement.where('kind').anyOf('custodyIn', 'custodyOut').toArray();
  const held = heldCustody(movements);
  const items = await db.item.bulkGet([...new Set(held.map((m) => m.itemId))]);
  const byId = new Map(items.filter((i): i is NonNullable<typeof i> => !!i && !i.deleted).map((i) => [i.id, i]));
  return held.flatMap((movement) => {
    const item = byId.get(movement.itemId);
    return item ? [{ movement, item }] : [];
  });
}

/** One item's history, newest first. */
export async function movementsForItem(db: HandoverDb, itemId: string): Promise<ItemMovement[]> {
  const rows = await db.itemMovement.where('itemId').equals(itemId).toArray();
  return rows.filter((m) => !m.deleted).sort((a, b) => chronological(b, a));
}

/**
 * What the newest count found for each item at `nowMs` (H8): the newest signed record's count,
 * overtaken by the taps of a count still in progress (domain newestFindings). Only the counts of
 * handovers still being prepared are read, through the status and handoverId indexes.
 */
export async function countFindingsNow(db: HandoverDb, nowMs: number): Promise<Map<string, CountFinding>> {
  const [record, preparing, items, loans] = await Promise.all([
    newestRecord(db),
    db.handover.where('status').equals('preparing').toArray(),
    db.item.toArray(),
    loansNow(db, nowMs),
  ]);
  const handoverIds = preparing.filter((h) => !h.deleted).map((h) => h.id);
  const lines = handoverIds.length === 0 ? [] : await db.countLine.where('handoverId').anyOf(handoverIds).toArray();
  const byId = new Map(items.filter((i) => !i.deleted).map((i) => [i.id, i]));
  const lent = new Map([...lentByItem(loans)].map(([id, l]) => [id, l.quantity]));
  return newestFindings(
    record,
    lines.filter((l) => !l.deleted),
    byId,
    lent,
  );
}
