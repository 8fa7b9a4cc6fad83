import { describe, expect, it } from 'vitest';
import { isProblemFinding, newestFindings } from '../../../src/domain/count-findings';
import type { CountLine, CountState, RecordCountLine } from '../../../src/domain/handover-entities';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const RADIO = id(1);
const KEY = id(2);
const CHARGERS = id(3);
const SIGNED_AT = 1_750_000_000_000;

function recordLine(itemId: string, state: CountState, quantity: number, expected = 1, lent = 0): RecordCountLine {
  return {
    itemId,
    code: itemId.slice(-2),
    label: itemId.slice(-2),
    category: 'radio',
    expected,
    state,
    quantity,
    lent,
    borrowers: [],
    explanation: state === 'present' && quantity >= expected - lent ? '' : 'Explained',
    photoSha256s: [],
  };
}

function tap(n: number, itemId: string, state: CountState, quantity: number, recordedAt: number): CountLine {
  return {
    id: id(100 + n),
    siteId: id(99),
    updatedAt: `00${recordedAt}-0000-dev1`,
    deleted: false,
    handoverId: id(50),
    itemId,
    state,
    quantity,
    explanation: state === 'present' ? '' : 'Explained',
    explainedBy: null,
    staffId: id(60),
    recordedAt,
    deviceTime: recordedAt,
  };
}

/** Whether a finding is a problem; false when there is none, so an absent finding cannot pass as a problem. */
const problem = (f: Parameters<typeof isProblemFinding>[0] | undefined) => f !== undefined && isProblemFinding(f);

const items = new Map([
  [RADIO, { expectedQuantity: 1 }],
  [KEY, { expectedQuantity: 1 }],
  [CHARGERS, { expectedQuantity: 3 }],
]);

describe('the newest count finding per item, for the register (H8)', () => {
  it('H8: the signed record says what its count found; a damaged radio is a problem, a present key is not', () => {
    const found = newestFindings(
      { signedAt: SIGNED_AT, count: [recordLine(RADIO, 'damaged', 1), recordLine(KEY, 'present', 1)] },
      [],
      items,
      new Map(),
    );
    expect(found.get(RADIO)).toEqual({ state: 'damaged', quantity: 1, atDesk: 1, at: SIGNED_AT, source: 'signed' });
    expect(problem(found.get(RADIO))).toBe(true);
    expect(found.get(KEY)).toMatchObject({ state: 'present', quantity: 1, atDesk: 1 });
    expect(problem(found.get(KEY))).toBe(false);
    expect(found.has(CHARGERS)).toBe(false);
  });

  it('H8: the newest tap of a count in progress overtakes the signed record, item by item', () => {
    const found = newestFindings(
      { signedAt: SIGNED_AT, count: [recordLine(RADIO, 'damaged', 1), recordLine(KEY, 'present', 1)] },
      [
        tap(1, RADIO, 'missing', 0, SIGNED_AT + 60_000),
        tap(2, RADIO, 'present', 1, SIGNED_AT + 120_000),
        tap(3, KEY, 'missing', 0, SIGNED_AT + 90_000),
      ],
      items,
      new Map(),
    );
    expect(found.get(RADIO)).toMatchObject({ state: 'present', source: 'inProgress', at: SIGNED_AT + 120_000 });
    expect(found.get(KEY)).toMatchObject({ state: 'missing', quantity: 0, source: 'inProgress' });
    expect(problem(found.get(KEY))).toBe(true);
  });

  it('an unsigned count older than the newest record does not overtake it', () => {
    const found = newestFindings(
      { signedAt: SIGNED_AT, count: [recordLine(RADIO, 'present', 1)] },
      [tap(1, RADIO, 'missing', 0, SIGNED_AT - 1)],
      items,
      new Map(),
    );
    expect(found.get(RADIO)).toMatchObject({ state: 'present', source: 'signed' });
  });

  it('H8: fewer at the desk than expected less those lent is a problem; the lent ones are not', () => {
    const signed = newestFindings(
      { signedAt: SIGNED_AT, count: [recordLine(CHARGERS, 'present', 2, 3, 1)] },
      [],
      items,
      new Map(),
    );
    expect(signed.get(CHARGERS)).toMatchObject({ quantity: 2, atDesk: 2 });
    expect(problem(signed.get(CHARGERS))).toBe(false);

    // In progress: the desk's expected quantity is the register's less what is lent now.
    const now = newestFindings(undefined, [tap(1, CHARGERS, 'present', 1, SIGNED_AT)], items, new Map([[CHARGERS, 1]]));
    expect(now.get(CHARGERS)).toMatchObject({ quantity: 1, atDesk: 2, source: 'inProgress' });
    expect(problem(now.get(CHARGERS))).toBe(true);
  });

  it('lines of items no longer in the register are ignored; no record and no count: no finding', () => {
    expect(newestFindings(undefined, [tap(1, id(77), 'missing', 0, SIGNED_AT)], items, new Map()).size).toBe(0);
    expect(newestFindings(undefined, [], items, new Map()).size).toBe(0);
  });
});
