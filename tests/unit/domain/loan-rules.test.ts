import { describe, expect, it } from 'vitest';
import type { ItemMovement } from '../../../src/domain/item-entities';
import { heldCustody, lentByItem, openLoans, validateMovement } from '../../../src/domain/loan-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const T = 1_750_000_000_000;
const H = 3_600_000;

function mv(n: number, over: Partial<ItemMovement>): ItemMovement {
  return {
    id: id(n),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    itemId: id(1),
    kind: 'lend',
    quantity: 1,
    party: 'ABC Contractors',
    partyKind: 'contractor',
    fromParty: '',
    contact: '9123 4567',
    reason: 'Plant room works',
    checkedHow: '',
    dueAt: T + 2 * H,
    closesId: null,
    occurredAt: T,
    staffId: id(2),
    dutyId: null,
    recordedAt: T,
    deviceTime: T,
    ...over,
  };
}

const key = { category: 'key' as const, expectedQuantity: 2 };
const custody = { category: 'custody' as const, expectedQuantity: 1 };

describe('loans (H8)', () => {
  const movements = [
    mv(10, {}),
    mv(11, { itemId: id(2), dueAt: T + H, party: 'Tenant 12A', partyKind: 'tenant' }),
    mv(12, { kind: 'return', closesId: id(10), dueAt: null, occurredAt: T + H }),
    mv(13, { itemId: id(2), dueAt: T + 5 * H, party: 'Tenant 12A', partyKind: 'tenant' }),
    mv(14, { itemId: id(2), dueAt: T + 3 * H, party: 'Colleague Wong', partyKind: 'colleague', quantity: 2 }),
    mv(15, { deleted: true }),
  ];

  it('openLoans: lends not closed by a return; overdue once the due time passed', () => {
    const open = openLoans(movements, T + 4 * H);
    expect(open.map((l) => [l.lend.id, l.overdue])).toEqual([
      [id(11), true],
      [id(14), true],
      [id(13), false],
    ]);
    expect(openLoans(movements, T).every((l) => !l.overdue)).toBe(true);
  });

  it('lentByItem: quantity and borrowers per item', () => {
    const by = lentByItem(openLoans(movements, T));
    expect(by.get(id(2))).toEqual({ quantity: 4, borrowers: ['Tenant 12A', 'Colleague Wong'] });
    expect(by.has(id(1))).toBe(false);
  });

  it('heldCustody: custody intakes not closed by a custodyOut are held', () => {
    const custodyMoves = [
      mv(20, { kind: 'custodyIn', itemId: id(5), occurredAt: T + 2 }),
      mv(21, { kind: 'custodyIn', itemId: id(6), occurredAt: T + 1 }),
      mv(22, { kind: 'custodyOut', itemId: id(6), closesId: id(21) }),
      mv(23, { kind: 'custodyIn', itemId: id(7), occurredAt: T }),
    ];
    expect(heldCustody(custodyMoves).map((m) => m.id)).toEqual([id(23), id(20)]);
  });
});

describe('validateMovement (H8)', () => {
  it('a complete lend of a key is valid', () => {
    expect(validateMovement(mv(1, {}), key)).toEqual({});
  });

  it('lend: borrower, kind, contact and due time are required', () => {
    const m = mv(1, { party: ' ', partyKind: null, contact: '', dueAt: null });
    expect(validateMovement(m, key)).toEqual({
      party: 'required',
      partyKind: 'required',
      contact: 'required',
      dueAt: 'required',
    });
  });

  it('lend: due after the start, a lendable category, no more than the register holds', () => {
    expect(validateMovement(mv(1, { dueAt: T }), key)).toEqual({ dueAt: 'dueBeforeStart' });
    expect(validateMovement(mv(1, {}), { category: 'document', expectedQuantity: 1 })).toEqual({
      itemId: 'notLendable',
    });
    expect(validateMovement(mv(1, { quantity: 3 }), key)).toEqual({ quantity: 'tooMany' });
  });

  it('return: must close a loan', () => {
    expect(validateMovement(mv(1, { kind: 'return', closesId: null }), key)).toEqual({ closesId: 'required' });
    expect(validateMovement(mv(1, { kind: 'return', closesId: id(9) }), key)).toEqual({});
  });

  it('custodyIn: whose, from whom and why, for a custody item', () => {
    const ok = mv(1, { kind: 'custodyIn', party: 'Mr Chan', fromParty: 'Cleaner', reason: 'Found in lobby' });
    expect(validateMovement(ok, custody)).toEqual({});
    expect(validateMovement({ ...ok, party: '', fromParty: '', reason: '' }, custody)).toEqual({
      party: 'required',
      fromParty: 'required',
      reason: 'required',
    });
    expect(validateMovement(ok, key)).toEqual({ itemId: 'notCustody' });
  });

  it('custodyOut: to whom, checked how, closing an intake', () => {
    const ok = mv(1, { kind: 'custodyOut', party: 'Mr Chan', checkedHow: 'HKID seen', closesId: id(9) });
    expect(validateMovement(ok, custody)).toEqual({});
    expect(validateMovement({ ...ok, checkedHow: ' ', closesId: null }, custody)).toEqual({
      checkedHow: 'required',
      closesId: 'required',
    });
  });
});
