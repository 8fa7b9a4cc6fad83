/**
 * checkRowRules for the handover tables (H3, H8, H11): the signed record's signatures, override and
 * draft, the duty a record opened, and the count line against the register.
 */
import { describe, expect, it } from 'vitest';
import type { Role, SyncTable } from '../../../src/domain/entities';
import { GateOverride, type Signature } from '../../../src/domain/handover-entities';
import { checkRowRules, type RowLookup } from '../../../src/domain/row-rules';
import { bothSignatures } from '../../../src/domain/signatures';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const [OUT, IN, CHIEF, DESK2, MGR] = [id(1), id(2), id(3), id(4), id(5)];
const [DUTY, DRAFT, RECORD, NEW_DUTY, ITEM, OTHER_DRAFT] = [id(10), id(11), id(12), id(13), id(14), id(15)];
const T = 1_750_000_000_000;
const desk = { id: OUT, role: 'desk' as Role };
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1 L9 9"/></svg>';

const sig = (role: Signature['role'], staffId: string): Signature => ({ role, staffId, signedAt: T, svg: SVG });
const override = (o: Partial<GateOverride> = {}): GateOverride => ({
  staffId: CHIEF,
  role: 'chief',
  reason: 'Rota not updated yet',
  at: T,
  blockers: [{ code: 'notRostered', refs: [] }],
  ...o,
});

const record = (r: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: RECORD,
  handoverId: DRAFT,
  correctsId: null,
  outgoingDutyId: DUTY,
  outgoingStaffId: OUT,
  incomingStaffId: IN,
  newDutyId: NEW_DUTY,
  override: null,
  signatures: [sig('outgoing', OUT), sig('incoming', IN)],
  ...r,
});

const rows: Partial<Record<SyncTable, Record<string, Record<string, unknown>>>> = {
  staff: {
    [CHIEF]: { id: CHIEF, role: 'chief', active: true },
    [DESK2]: { id: DESK2, role: 'desk', active: true },
    [MGR]: { id: MGR, role: 'manager', active: false },
  },
  handover: {
    [DRAFT]: { id: DRAFT, outgoingDutyId: DUTY, outgoingStaffId: OUT, status: 'signed' },
    [OTHER_DRAFT]: { id: OTHER_DRAFT, outgoingDutyId: id(20), outgoingStaffId: DESK2, status: 'preparing' },
  },
  handoverRecord: { [RECORD]: record({ override: override() }) },
  item: { [ITEM]: { id: ITEM, expectedQuantity: 3 } },
};
const lookup: RowLookup = (table, rowId) => rows[table]?.[rowId];
const rule = (next: Record<string, unknown>) => checkRowRules('handoverRecord', null, next, desk, lookup);

describe('bothSignatures (H3), shared by the tablet and the server', () => {
  it('H3: one per role by the named people, two different people, with strokes', () => {
    expect(bothSignatures([sig('incoming', IN), sig('outgoing', OUT)], OUT, IN)).toEqual([
      sig('outgoing', OUT),
      sig('incoming', IN),
    ]);
    expect(bothSignatures([sig('outgoing', OUT), sig('incoming', DESK2)], OUT, IN)).toBeNull();
    expect(bothSignatures([sig('outgoing', OUT), sig('incoming', OUT)], OUT, OUT)).toBeNull();
    expect(bothSignatures([sig('outgoing', OUT), { ...sig('incoming', IN), svg: ' '.repeat(30) }], OUT, IN)).toBeNull();
  });
});

describe('GateOverride.reason (H3, H11)', () => {
  it('H3, H11: a reason is checked trimmed but kept as written, so the signed hash still matches', () => {
    const parsed = GateOverride.safeParse(override({ reason: '  Rota not updated  ' }));
    expect(parsed.success && parsed.data.reason).toBe('  Rota not updated  ');
    expect(GateOverride.safeParse(override({ reason: '  abcd    ' })).success).toBe(false);
  });
});

describe('checkRowRules: handoverRecord signatures (H3)', () => {
  it('H3: a record signed by both people it names passes', () => {
    expect(rule(record())).toBeNull();
  });

  it('H3: a signature by someone else, a missing role or one person on both sides is a rule_violation', () => {
    const bad = [
      record({ signatures: [sig('outgoing', OUT), sig('incoming', DESK2)] }),
      record({ signatures: [sig('outgoing', OUT), sig('outgoing', OUT)] }),
      record({ signatures: [sig('outgoing', OUT), sig('incoming', IN), sig('incoming', IN)] }),
      record({ incomingStaffId: OUT, signatures: [sig('outgoing', OUT), sig('incoming', OUT)] }),
    ];
    for (const r of bad) {
      const refusal = rule(r);
      expect(refusal?.code).toBe('rule_violation');
      expect(refusal?.message).toContain('H3');
    }
  });
});

describe('checkRowRules: handoverRecord override (H11)', () => {
  it('H11: an active chief with a reason over a blocker passes', () => {
    expect(rule(record({ override: override() }))).toBeNull();
  });

  it('H11: a desk person, a role the person does not hold, an inactive manager, no blocker or a blank reason is refused', () => {
    const bad = [
      override({ staffId: DESK2 }),
      override({ role: 'manager' }),
      override({ staffId: MGR, role: 'manager' }),
      override({ staffId: id(99) }),
      override({ blockers: [] }),
      override({ blockers: [{ code: 'notABlocker', refs: [] }] }),
      override({ reason: '  ab   ' }),
    ];
    for (const o of bad) {
      const refusal = rule(record({ override: o }));
      expect(refusal?.code).toBe('rule_violation');
      expect(refusal?.message).toContain('H11');
    }
  });

  it("H11: an addendum repeating its record's override passes even after the chief left; a new one is checked", () => {
    const left: RowLookup = (table, rowId) =>
      table === 'staff' && rowId === CHIEF ? { id: CHIEF, role: 'chief', active: false } : lookup(table, rowId);
    const addendum = record({ id: id(30), correctsId: RECORD, override: override() });
    expect(checkRowRules('handoverRecord', null, addendum, desk, left)).toBeNull();
    const changed = record({ id: id(30), correctsId: RECORD, override: override({ reason: 'Another reason here' }) });
    expect(checkRowRules('handoverRecord', null, changed, desk, left)?.message).toContain('H11');
  });
});

describe('checkRowRules: handoverRecord draft (H3)', () => {
  it('H3: a new record hands over the duty and person of its draft', () => {
    const refusal = rule(record({ handoverId: OTHER_DRAFT }));
    expect(refusal?.code).toBe('rule_violation');
    expect(refusal?.message).toContain('H3');
  });

  it('H3: an unknown draft is left to the reference check; an addendum is tied to its record on the server', () => {
    expect(rule(record({ handoverId: id(98) }))).toBeNull();
    expect(rule(record({ id: id(31), correctsId: RECORD, handoverId: OTHER_DRAFT }))).toBeNull();
  });
});

describe('checkRowRules: duty opened by a record (H3)', () => {
  const duty = (d: Record<string, unknown> = {}) => ({ id: NEW_DUTY, staffId: IN, handoverId: RECORD, ...d });

  it('H3: only the duty the record opened, for the person who took over', () => {
    expect(checkRowRules('duty', null, duty(), desk, lookup)).toBeNull();
    expect(checkRowRules('duty', null, duty({ handoverId: null }), desk, lookup)).toBeNull();
    const other = checkRowRules('duty', null, duty({ id: id(40) }), desk, lookup);
    expect(other).toMatchObject({ code: 'rule_violation' });
    expect(other?.message).toContain(NEW_DUTY);
    const stranger = checkRowRules('duty', null, duty({ staffId: DESK2 }), desk, lookup);
    expect(stranger).toMatchObject({ code: 'rule_violation' });
    expect(stranger?.message).toContain('H3');
  });

  it('H3: a later patch may not move the opened duty to someone else', () => {
    expect(checkRowRules('duty', duty(), duty({ shiftId: 'night' }), desk, lookup)).toBeNull();
    expect(checkRowRules('duty', duty(), duty({ staffId: DESK2 }), desk, lookup)?.code).toBe('rule_violation');
  });
});

describe('checkRowRules: countLine against the register (H8)', () => {
  const line = { handoverId: DRAFT, itemId: ITEM, state: 'present', quantity: 3, explanation: '' };

  it('H8: more than the register holds is refused; fewer present is left to the tablet, which sees the loans', () => {
    expect(checkRowRules('countLine', null, line, desk, lookup)).toBeNull();
    expect(checkRowRules('countLine', null, { ...line, quantity: 1 }, desk, lookup)).toBeNull();
    const tooMany = checkRowRules('countLine', null, { ...line, quantity: 4 }, desk, lookup);
    expect(tooMany).toMatchObject({ code: 'validation_failed' });
    expect(tooMany?.message).toContain('H8');
  });

  it('H8: missing or damaged still need an explanation', () => {
    const missing = checkRowRules('countLine', null, { ...line, state: 'missing', quantity: 0 }, desk, lookup);
    expect(missing).toMatchObject({ code: 'validation_failed' });
    expect(missing?.message).toContain('H8');
    expect(
      checkRowRules('countLine', null, { ...line, state: 'damaged', explanation: 'Cracked' }, desk, lookup),
    ).toBeNull();
  });
});
