import { describe, expect, it } from 'vitest';
import {
  COUNT_TARGET_MS,
  countProgress,
  expectedAtDesk,
  isAccountedWithoutTap,
  isDiscrepancy,
  itemsToCount,
  latestLines,
  validateCountLine,
} from '../../../src/domain/count-rules';
import type { Item, ItemCategory } from '../../../src/domain/entities';
import type { CountLine, CountState } from '../../../src/domain/handover-entities';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

function item(n: number, category: ItemCategory, code: string, expectedQuantity = 1, active = true): Item {
  return {
    id: id(n),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    category,
    label: code,
    code,
    expectedQuantity,
    location: '',
    active,
  };
}

function line(
  n: number,
  itemId: string,
  state: CountState,
  quantity: number,
  recordedAt: number,
  hlc = '0000',
): CountLine {
  return {
    id: id(1000 + n),
    siteId: id(99),
    updatedAt: `001750000000000-${hlc}-dev1`,
    deleted: false,
    handoverId: id(50),
    itemId,
    state,
    quantity,
    explanation: state === 'present' ? '' : 'Taken on patrol',
    staffId: id(2),
    explainedBy: state === 'present' ? null : id(3),
    recordedAt,
    deviceTime: recordedAt,
  };
}

describe('count rules (H8)', () => {
  it('the target is 5 minutes', () => {
    expect(COUNT_TARGET_MS).toBe(5 * 60_000);
  });

  it('latestLines: the newest line per item by recordedAt, then updatedAt; deleted ignored', () => {
    const a = id(1);
    const b = id(2);
    const lines = [
      line(1, a, 'missing', 0, 100),
      line(2, a, 'present', 1, 200),
      line(3, b, 'present', 1, 300, '0001'),
      line(4, b, 'damaged', 1, 300, '0002'),
      { ...line(5, a, 'missing', 0, 900), deleted: true },
    ];
    const latest = latestLines(lines);
    expect(latest.get(a)?.id).toBe(id(1002));
    expect(latest.get(b)?.id).toBe(id(1004));
    expect(latestLines([...lines].reverse()).get(b)?.id).toBe(id(1004));
  });

  it('expectedAtDesk: expected less lent, never below zero', () => {
    expect(expectedAtDesk({ expectedQuantity: 4 }, 1)).toBe(3);
    expect(expectedAtDesk({ expectedQuantity: 1 }, 3)).toBe(0);
  });

  it('H8 isDiscrepancy: missing, damaged, or short at the desk', () => {
    const four = { expectedQuantity: 4 };
    expect(isDiscrepancy(four, { state: 'present', quantity: 4 }, 0)).toBe(false);
    expect(isDiscrepancy(four, { state: 'present', quantity: 3 }, 1)).toBe(false);
    expect(isDiscrepancy(four, { state: 'present', quantity: 2 }, 1)).toBe(true);
    expect(isDiscrepancy(four, { state: 'missing', quantity: 3 }, 0)).toBe(true);
    expect(isDiscrepancy(four, { state: 'damaged', quantity: 4 }, 0)).toBe(true);
  });

  it('H8 validateCountLine: an explanation is required for missing, damaged and short', () => {
    const two = { expectedQuantity: 2 };
    expect(validateCountLine(two, { state: 'missing', quantity: 0, explanation: '' }, 0)).toBe('explanationRequired');
    expect(validateCountLine(two, { state: 'damaged', quantity: 2, explanation: '  ' }, 0)).toBe('explanationRequired');
    expect(validateCountLine(two, { state: 'present', quantity: 1, explanation: '' }, 0)).toBe('explanationRequired');
    expect(validateCountLine(two, { state: 'missing', quantity: 0, explanation: 'Lent to guard' }, 0)).toBeNull();
    expect(validateCountLine(two, { state: 'present', quantity: 2, explanation: '' }, 0)).toBeNull();
    expect(validateCountLine(two, { state: 'present', quantity: 1, explanation: '' }, 1)).toBeNull();
  });

  it('validateCountLine: more than the register holds is refused', () => {
    expect(validateCountLine({ expectedQuantity: 2 }, { state: 'present', quantity: 3, explanation: '' }, 0)).toBe(
      'quantityTooHigh',
    );
  });

  it('H8: an item wholly lent out is accounted for without a tap', () => {
    expect(isAccountedWithoutTap({ expectedQuantity: 1 }, 1)).toBe(true);
    expect(isAccountedWithoutTap({ expectedQuantity: 3 }, 3)).toBe(true);
    expect(isAccountedWithoutTap({ expectedQuantity: 3 }, 2)).toBe(false);
    expect(isAccountedWithoutTap({ expectedQuantity: 1 }, 0)).toBe(false);
  });

  it('H8 countProgress: tapped and wholly lent items are done; discrepancies counted', () => {
    const items = [item(1, 'radio', 'R1'), item(2, 'radio', 'R2'), item(3, 'key', 'K1', 2), item(4, 'key', 'K2')];
    const lent = new Map([
      [id(3), 2],
      [id(4), 0],
    ]);
    const latest = latestLines([line(1, id(1), 'present', 1, 10), line(2, id(2), 'missing', 0, 20)]);
    expect(countProgress(items, latest, lent)).toEqual({ total: 4, done: 3, discrepancies: 1, complete: false });
    const all = latestLines([...latest.values(), line(3, id(4), 'present', 1, 30)]);
    expect(countProgress(items, all, lent)).toEqual({ total: 4, done: 4, discrepancies: 1, complete: true });
    expect(countProgress([], new Map(), new Map())).toEqual({ total: 0, done: 0, discrepancies: 0, complete: true });
  });

  it('H8 itemsToCount: active items, custody only while held, by category order then code', () => {
    const items = [
      item(1, 'key', 'K10'),
      item(2, 'custody', 'C1'),
      item(3, 'radio', 'R2'),
      item(4, 'custody', 'C2'),
      item(5, 'key', 'K2'),
      item(6, 'radio', 'R1', 1, false),
      { ...item(7, 'document', 'D1'), deleted: true },
    ];
    const held = new Set([id(4)]);
    expect(itemsToCount(items, held).map((i) => i.code)).toEqual(['R2', 'K2', 'K10', 'C2']);
  });
});
