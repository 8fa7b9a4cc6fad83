/**
 * The count (H8): every public item is counted face to face at each handover. Count lines are
 * append-only taps; the newest line per item is its state. Anything missing, damaged or short at
 * the desk is a discrepancy the outgoing person must explain.
 */
import { compareHlc } from './hlc';
import { ITEM_CATEGORIES, type Item } from './entities';
import type { CountLine } from './handover-entities';

/** The target for a whole count: 5 minutes. */
export const COUNT_TARGET_MS = 300_000;

/** The newest line per item (recordedAt, then updatedAt), keyed by itemId. Deleted lines are ignored. */
export function latestLines(lines: CountLine[]): Map<string, CountLine> {
  const latest = new Map<string, CountLine>();
  for (const line of lines) {
    if (line.deleted) continue;
    const seen = latest.get(line.itemId);
    if (!seen || isNewer(line, seen)) latest.set(line.itemId, line);
  }
  return latest;
}

function isNewer(a: CountLine, b: CountLine): boolean {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt > b.recordedAt;
  const byHlc = compareHlc(a.updatedAt, b.updatedAt);
  return byHlc !== 0 ? byHlc > 0 : a.id > b.id;
}

/** How many should be at the desk: the register's quantity less what is lent out. */
export function expectedAtDesk(item: Pick<Item, 'expectedQuantity'>, lent: number): number {
  return Math.max(0, item.expectedQuantity - lent);
}

/** H8: missing, damaged, or fewer at the desk than expected less those lent. */
export function isDiscrepancy(
  item: Pick<Item, 'expectedQuantity'>,
  line: Pick<CountLine, 'state' | 'quantity'>,
  lent: number,
): boolean {
  if (line.state !== 'present') return true;
  return line.quantity < expectedAtDesk(item, lent);
}

export type CountLineError = 'explanationRequired' | 'quantityTooHigh';

/**
 * Checks one tap before it is saved. H8: a discrepancy needs the outgoing person's explanation of
 * where it went. More than the register holds is refused: the register, not the count, is wrong,
 * and the chief corrects it.
 */
export function validateCountLine(
  item: Pick<Item, 'expectedQuantity'>,
  line: Pick<CountLine, 'state' | 'quantity' | 'explanation'>,
  lent: number,
): CountLineError | null {
  if (line.quantity > item.expectedQuantity) return 'quantityTooHigh';
  if (isDiscrepancy(item, line, lent) && line.explanation.trim() === '') return 'explanationRequired';
  return null;
}

/** An item wholly lent out is accounted for by its loans, without a tap (the borrower is shown). */
export function isAccountedWithoutTap(item: Pick<Item, 'expectedQuantity'>, lent: number): boolean {
  return lent > 0 && lent >= item.expectedQuantity;
}

/** How far the count has come. */
export interface CountProgress {
  total: number;
  done: number;
  discrepancies: number;
  complete: boolean;
}

/**
 * Progress over the items to count: an item is done once tapped or wholly lent; a discrepancy is
 * counted from its newest line.
 */
export function countProgress(
  items: Item[],
  latest: Map<string, CountLine>,
  lentByItem: Map<string, number>,
): CountProgress {
  let done = 0;
  let discrepancies = 0;
  for (const item of items) {
    const lent = lentByItem.get(item.id) ?? 0;
    const line = latest.get(item.id);
    if (line) {
      done++;
      if (isDiscrepancy(item, line, lent)) discrepancies++;
    } else if (isAccountedWithoutTap(item, lent)) {
      done++;
    }
  }
  return { total: items.length, done, discrepancies, complete: done === items.length };
}

const CATEGORY_ORDER = new Map<string, number>(ITEM_CATEGORIES.map((c, i) => [c, i]));

/** Item codes in natural order (K2 before K10), the same on every device. */
export function compareItems(a: Pick<Item, 'category' | 'code'>, b: Pick<Item, 'category' | 'code'>): number {
  const byCategory = (CATEGORY_ORDER.get(a.category) ?? 99) - (CATEGORY_ORDER.get(b.category) ?? 99);
  return byCategory !== 0 ? byCategory : a.code.localeCompare(b.code, 'en', { numeric: true });
}

/**
 * The items of this count: active, not deleted; custody items only while the desk holds them
 * (H8: property of others kept in custody is counted too). Sorted by category, then code.
 */
export function itemsToCount(items: Item[], heldCustodyItemIds: ReadonlySet<string>): Item[] {
  return items
    .filter((i) => i.active && !i.deleted && (i.category !== 'custody' || heldCustodyItemIds.has(i.id)))
    .sort(compareItems);
}
