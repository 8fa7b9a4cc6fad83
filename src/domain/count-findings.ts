/**
 * What the newest count found for each item (H8), for the item register: a radio the count found
 * damaged or missing is shown so there, not "at the desk", until a later count finds it again.
 * The newest count is the newest signed record's frozen count, overtaken item by item by the taps
 * of a count still in progress that came after that record was signed.
 */
import { expectedAtDesk, latestLines } from './count-rules';
import type { Item } from './entities';
import type { CountLine, CountState, HandoverRecord } from './handover-entities';

export interface CountFinding {
  state: CountState;
  /** How many the count found at the desk (present and damaged ones). */
  quantity: number;
  /** How many should have been at the desk then: the register's quantity less those lent. */
  atDesk: number;
  /** When the count found it: the record's signing, or the tap of the count in progress. */
  at: number;
  /** Whether it came from a signed record or from a count not signed yet. */
  source: 'signed' | 'inProgress';
}

/** H8: missing, damaged, or fewer at the desk than there should have been. */
export function isProblemFinding(f: Pick<CountFinding, 'state' | 'quantity' | 'atDesk'>): boolean {
  return f.state !== 'present' || f.quantity < f.atDesk;
}

/**
 * Each item's newest finding. `signed` is the newest signed record (or addendum, which carries the
 * count it corrects); `inProgress` the lines of counts not yet signed. A line counts only if it
 * was tapped at or after the record's signing: an unsigned count left over from before the newest
 * record is not newer than it. `items` and `lentNow` give the desk's expected quantity for a line
 * in progress, as the count screen itself computes it.
 */
export function newestFindings(
  signed: Pick<HandoverRecord, 'signedAt' | 'count'> | undefined,
  inProgress: readonly CountLine[],
  items: ReadonlyMap<string, Pick<Item, 'expectedQuantity'>>,
  lentNow: ReadonlyMap<string, number>,
): Map<string, CountFinding> {
  const out = new Map<string, CountFinding>();
  for (const l of signed?.count ?? []) {
    out.set(l.itemId, {
      state: l.state,
      quantity: l.quantity,
      atDesk: expectedAtDesk({ expectedQuantity: l.expected }, l.lent),
      at: signed?.signedAt ?? 0,
      source: 'signed',
    });
  }
  const since = signed?.signedAt ?? -Infinity;
  for (const line of latestLines([...inProgress]).values()) {
    const item = items.get(line.itemId);
    if (!item || line.recordedAt < since) continue;
    out.set(line.itemId, {
      state: line.state,
      quantity: line.quantity,
      atDesk: expectedAtDesk(item, lentNow.get(line.itemId) ?? 0),
      at: line.recordedAt,
      source: 'inProgress',
    });
  }
  return out;
}
