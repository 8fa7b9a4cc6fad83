import { describe, expect, it } from 'vitest';
import type { Role, SyncTable } from '../../../src/domain/entities';
import { checkRowRules, type RowLookup } from '../../../src/domain/row-rules';
import { UNDECIDED_SWAP } from '../../../src/domain/rota-entities';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const [DESK, CHIEF, MGR, ADMIN] = [id(1), id(2), id(3), id(4)];
const actor = (role: Role) => ({ id: { desk: DESK, chief: CHIEF, manager: MGR, admin: ADMIN }[role], role });
const T = 1_750_000_000_000;

const rows: Partial<Record<SyncTable, Record<string, Record<string, unknown>>>> = {
  item: {
    [id(10)]: { id: id(10), category: 'key', expectedQuantity: 2 },
    [id(11)]: { id: id(11), category: 'custody', expectedQuantity: 1 },
    [id(12)]: { id: id(12), category: 'radio', expectedQuantity: 1 },
  },
  itemMovement: {
    [id(20)]: { id: id(20), kind: 'lend', itemId: id(10) },
    [id(21)]: { id: id(21), kind: 'custodyIn', itemId: id(11) },
    [id(22)]: { id: id(22), kind: 'lend', itemId: id(12) },
  },
};
const lookup: RowLookup = (table, rowId) => rows[table]?.[rowId];

const noLookup: RowLookup = () => undefined;

describe('checkRowRules: item (H8 register)', () => {
  const custody = { id: id(11), category: 'custody', label: 'Umbrella', code: 'C1', expectedQuantity: 1 };
  const key = { id: id(10), category: 'key', label: 'Plant room', code: 'K1', expectedQuantity: 2 };

  it('H8: desk may put custody items only', () => {
    expect(checkRowRules('item', null, custody, actor('desk'), noLookup)).toBeNull();
    expect(checkRowRules('item', null, key, actor('desk'), noLookup)?.code).toBe('rule_violation');
    expect(checkRowRules('item', null, key, actor('manager'), noLookup)?.code).toBe('rule_violation');
  });

  it('H8: desk never changes a category nor patches a non-custody item', () => {
    expect(checkRowRules('item', custody, { ...custody, category: 'key' }, actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('item', key, { ...key, label: 'Renamed' }, actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('item', custody, { ...custody, label: 'Black umbrella' }, actor('desk'), noLookup)).toBeNull();
  });

  it('H8: chief and admin keep the whole register', () => {
    expect(checkRowRules('item', null, key, actor('chief'), noLookup)).toBeNull();
    expect(checkRowRules('item', key, { ...key, category: 'showflatKey' }, actor('admin'), noLookup)).toBeNull();
  });
});

describe('checkRowRules: task (H6, H7)', () => {
  const base = { kind: 'unfinished', title: 'Leak', cause: 'Tap', process: '', result: '', status: 'open' };
  const instruction = { ...base, kind: 'instruction', title: 'Check doors', cause: 'Audit' };

  it('H7: an instruction by a superior only', () => {
    expect(checkRowRules('task', null, instruction, actor('desk'), noLookup)?.code).toBe('rule_violation');
    expect(checkRowRules('task', null, instruction, actor('chief'), noLookup)).toBeNull();
    expect(checkRowRules('task', base, { ...base, kind: 'instruction' }, actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
  });

  it('H7: desk may add progress to an instruction but not close or rewrite it', () => {
    expect(
      checkRowRules('task', instruction, { ...instruction, process: 'Doors checked 10:00' }, actor('desk'), noLookup),
    ).toBeNull();
    expect(
      checkRowRules('task', instruction, { ...instruction, status: 'done', result: 'x' }, actor('desk'), noLookup)
        ?.code,
    ).toBe('rule_violation');
  });

  it('H6: cause required; done needs a result', () => {
    expect(checkRowRules('task', null, { ...base, cause: ' ' }, actor('desk'), noLookup)).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'cause', code: 'required' }],
    });
    expect(checkRowRules('task', base, { ...base, status: 'done' }, actor('desk'), noLookup)?.code).toBe(
      'validation_failed',
    );
    expect(
      checkRowRules('task', base, { ...base, status: 'done', result: 'Fixed' }, actor('desk'), noLookup),
    ).toBeNull();
  });

  it('H4: only a chief or manager marks work important or clears the mark; progress leaves it alone', () => {
    const important = { ...base, important: true };
    const plain = { ...base, important: false };
    expect(checkRowRules('task', null, important, actor('desk'), noLookup)).toEqual({
      code: 'rule_violation',
      message: expect.stringContaining('H4'),
      issues: [{ path: 'important', code: 'chiefOrManagerOnly' }],
    });
    expect(checkRowRules('task', null, important, actor('admin'), noLookup)?.code).toBe('rule_violation');
    expect(checkRowRules('task', null, important, actor('chief'), noLookup)).toBeNull();
    expect(checkRowRules('task', null, plain, actor('desk'), noLookup)).toBeNull();
    expect(checkRowRules('task', important, plain, actor('desk'), noLookup)?.code).toBe('rule_violation');
    expect(checkRowRules('task', important, plain, actor('manager'), noLookup)).toBeNull();
    expect(checkRowRules('task', plain, important, actor('manager'), noLookup)).toBeNull();
    expect(
      checkRowRules('task', important, { ...important, process: 'Parts due Friday' }, actor('desk'), noLookup),
    ).toBeNull();
  });

  it('H7: only instructions are withdrawn, and only by superiors', () => {
    const withdrawn = { ...instruction, status: 'withdrawn' };
    expect(checkRowRules('task', instruction, withdrawn, actor('manager'), noLookup)).toBeNull();
    expect(checkRowRules('task', instruction, withdrawn, actor('desk'), noLookup)?.code).toBe('rule_violation');
    expect(checkRowRules('task', base, { ...base, status: 'withdrawn' }, actor('chief'), noLookup)?.code).toBe(
      'rule_violation',
    );
  });
});

describe('checkRowRules: itemMovement (H8)', () => {
  const lend = {
    id: id(30),
    itemId: id(10),
    kind: 'lend',
    quantity: 1,
    party: 'ABC',
    partyKind: 'contractor',
    fromParty: '',
    contact: '9123 4567',
    reason: '',
    checkedHow: '',
    dueAt: T + 1000,
    closesId: null,
    occurredAt: T,
    // H8: a movement is recorded by the person who made it (attribution-rules.ts).
    staffId: DESK,
  };

  it('a complete lend of a lendable item passes', () => {
    expect(checkRowRules('itemMovement', null, lend, actor('desk'), lookup)).toBeNull();
  });

  it('missing fields are validation_failed; a wrong category is a rule_violation', () => {
    expect(checkRowRules('itemMovement', null, { ...lend, contact: '' }, actor('desk'), lookup)?.code).toBe(
      'validation_failed',
    );
    expect(checkRowRules('itemMovement', null, { ...lend, itemId: id(11) }, actor('desk'), lookup)?.code).toBe(
      'rule_violation',
    );
  });

  it('a return closes a lend of the same item; a custodyOut closes a custodyIn', () => {
    const ret = { ...lend, kind: 'return', dueAt: null, closesId: id(20) };
    expect(checkRowRules('itemMovement', null, ret, actor('desk'), lookup)).toBeNull();
    expect(checkRowRules('itemMovement', null, { ...ret, closesId: id(22) }, actor('desk'), lookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('itemMovement', null, { ...ret, closesId: id(21) }, actor('desk'), lookup)?.code).toBe(
      'rule_violation',
    );
    const out = { ...lend, itemId: id(11), kind: 'custodyOut', party: 'Owner', checkedHow: 'HKID', closesId: id(21) };
    expect(checkRowRules('itemMovement', null, out, actor('desk'), lookup)).toBeNull();
    expect(checkRowRules('itemMovement', null, { ...out, closesId: id(20) }, actor('desk'), lookup)?.code).toBe(
      'rule_violation',
    );
  });

  it('a lend closes nothing', () => {
    expect(checkRowRules('itemMovement', null, { ...lend, closesId: id(20) }, actor('desk'), lookup)?.code).toBe(
      'validation_failed',
    );
  });
});

describe('checkRowRules: swapRequest (S1)', () => {
  const req = {
    id: id(40),
    kind: 'cover',
    rotaShiftId: id(41),
    requesterId: DESK,
    substituteId: id(5),
    otherShiftId: null,
    reason: 'Dentist',
    status: 'requested',
    requestedAt: T,
    ...UNDECIDED_SWAP,
  };

  it('S1: desk cannot confirm; chief can', () => {
    const confirmed = { ...req, status: 'confirmed', confirmedBy: CHIEF, confirmedAt: T + 1 };
    expect(checkRowRules('swapRequest', req, { ...confirmed, confirmedBy: DESK }, actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('swapRequest', req, confirmed, actor('chief'), noLookup)).toBeNull();
  });
});

describe('checkRowRules: countLine (H8)', () => {
  // Tapped by the desk person (H8); no draft is known here, so only the line itself is judged.
  const line = { state: 'missing', quantity: 0, explanation: '', explainedBy: null, staffId: DESK };

  it('H8: missing or damaged without an explanation is refused, naming the field', () => {
    expect(checkRowRules('countLine', null, line, actor('desk'), noLookup)).toEqual({
      code: 'validation_failed',
      message: expect.stringContaining('explanation'),
      issues: [{ path: 'explanation', code: 'required' }],
    });
    expect(
      checkRowRules('countLine', null, { ...line, state: 'damaged', quantity: 1 }, actor('desk'), noLookup)?.code,
    ).toBe('validation_failed');
    expect(checkRowRules('countLine', null, { ...line, explanation: 'On patrol' }, actor('desk'), noLookup)).toBeNull();
    expect(
      checkRowRules('countLine', null, { ...line, state: 'present', quantity: 1 }, actor('desk'), noLookup),
    ).toBeNull();
  });

  it('H8: more than the register holds is refused with the limit', () => {
    const tooMany = { ...line, itemId: id(10), state: 'present', quantity: 3 };
    expect(checkRowRules('countLine', null, tooMany, actor('desk'), lookup)?.issues).toEqual([
      { path: 'quantity', code: 'too_big', limit: 2 },
    ]);
  });
});

describe('checkRowRules: handover (H3)', () => {
  const h = (status: string) => ({ id: id(60), status });

  it('H3: preparing → signed or abandoned; never back', () => {
    expect(checkRowRules('handover', null, h('preparing'), actor('desk'), noLookup)).toBeNull();
    expect(checkRowRules('handover', h('preparing'), h('signed'), actor('desk'), noLookup)).toBeNull();
    expect(checkRowRules('handover', h('preparing'), h('abandoned'), actor('desk'), noLookup)).toBeNull();
    expect(checkRowRules('handover', h('signed'), h('preparing'), actor('chief'), noLookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('handover', h('abandoned'), h('preparing'), actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('handover', h('signed'), h('abandoned'), actor('desk'), noLookup)?.code).toBe(
      'rule_violation',
    );
  });

  it('tables without rules pass', () => {
    expect(checkRowRules('logEntry', null, {}, actor('desk'), noLookup)).toBeNull();
  });
});
