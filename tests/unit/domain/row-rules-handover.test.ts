/**
 * checkRowRules for the handover tables (H3, H8, S1): the signed record's shape and signatures for
 * each kind (handover, opening, closing) and its draft, the duty a record opened (duty_rule), and
 * the count line against the register.
 */
import { describe, expect, it } from 'vitest';
import type { Role, SyncTable } from '../../../src/domain/entities';
import type { Signature } from '../../../src/domain/handover-entities';
import { checkRowRules, type RowLookup } from '../../../src/domain/row-rules';
import { bothSignatures } from '../../../src/domain/signatures';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const [OUT, IN, CHIEF, DESK2, MGR] = [id(1), id(2), id(3), id(4), id(5)];
const [DUTY, DRAFT, RECORD, NEW_DUTY, ITEM, OTHER_DRAFT] = [id(10), id(11), id(12), id(13), id(14), id(15)];
const [OPENING_DRAFT, CLOSING_DRAFT, CLOSING] = [id(16), id(17), id(18)];
const T = 1_750_000_000_000;
const desk = { id: OUT, role: 'desk' as Role };
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1 L9 9"/></svg>';

const sig = (role: Signature['role'], staffId: string): Signature => ({ role, staffId, signedAt: T, svg: SVG });
const lockedDuty = { id: DUTY, staffId: OUT, startedAt: T - 3_600_000, endedAt: T, entries: [] };

const record = (r: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: RECORD,
  kind: 'handover',
  handoverId: DRAFT,
  correctsId: null,
  outgoingDutyId: DUTY,
  outgoingStaffId: OUT,
  incomingStaffId: IN,
  newDutyId: NEW_DUTY,
  duty: lockedDuty,
  signatures: [sig('outgoing', OUT), sig('incoming', IN)],
  ...r,
});

/** An opening by IN: no outgoing duty, signed by the opener alone. */
const opening = (r: Record<string, unknown> = {}) =>
  record({
    kind: 'opening',
    handoverId: OPENING_DRAFT,
    outgoingDutyId: null,
    outgoingStaffId: null,
    duty: null,
    signatures: [sig('incoming', IN)],
    ...r,
  });

/** A closing of DUTY by OUT: nobody takes over, signed by the person on duty alone. */
const closing = (r: Record<string, unknown> = {}) =>
  record({
    id: CLOSING,
    kind: 'closing',
    handoverId: CLOSING_DRAFT,
    incomingStaffId: null,
    newDutyId: null,
    signatures: [sig('outgoing', OUT)],
    ...r,
  });

const rows: Partial<Record<SyncTable, Record<string, Record<string, unknown>>>> = {
  staff: {
    [CHIEF]: { id: CHIEF, role: 'chief', active: true },
    [DESK2]: { id: DESK2, role: 'desk', active: true },
    [MGR]: { id: MGR, role: 'manager', active: false },
  },
  handover: {
    [DRAFT]: { id: DRAFT, kind: 'handover', outgoingDutyId: DUTY, outgoingStaffId: OUT, status: 'signed' },
    [OTHER_DRAFT]: { id: OTHER_DRAFT, outgoingDutyId: id(20), outgoingStaffId: DESK2, status: 'preparing' },
    [OPENING_DRAFT]: { id: OPENING_DRAFT, kind: 'opening', outgoingDutyId: null, outgoingStaffId: null },
    [CLOSING_DRAFT]: { id: CLOSING_DRAFT, kind: 'closing', outgoingDutyId: DUTY, outgoingStaffId: OUT },
  },
  handoverRecord: { [RECORD]: record(), [CLOSING]: closing() },
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

describe('checkRowRules: openings and closings (H3, S1)', () => {
  it('H3: an opening signed by the opener alone, and a closing by the person on duty alone, pass', () => {
    expect(rule(opening())).toBeNull();
    expect(rule(closing())).toBeNull();
  });

  it('H3: an opening naming an outgoing duty or a second signature, or a closing naming someone taking over, is refused', () => {
    const bad = [
      opening({ outgoingDutyId: DUTY, outgoingStaffId: OUT, duty: lockedDuty }),
      opening({ signatures: [sig('incoming', IN), sig('outgoing', OUT)] }),
      opening({ signatures: [sig('incoming', DESK2)] }),
      opening({ newDutyId: null }),
      closing({ incomingStaffId: IN }),
      closing({ newDutyId: NEW_DUTY }),
      closing({ signatures: [sig('outgoing', OUT), sig('incoming', IN)] }),
      record({ duty: null }),
      record({ duty: { ...lockedDuty, staffId: DESK2 } }),
    ];
    for (const r of bad) {
      const refusal = rule(r);
      expect(refusal?.code, JSON.stringify(r['kind'])).toBe('rule_violation');
      expect(refusal?.message).toContain('H3');
    }
  });

  it('H3: a record is of the kind of its draft', () => {
    expect(rule(closing({ handoverId: DRAFT }))?.message).toContain('a closing');
    expect(rule(record({ handoverId: CLOSING_DRAFT }))?.code).toBe('rule_violation');
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

describe('checkRowRules: a duty begins only by its record (H3, S1)', () => {
  const duty = (d: Record<string, unknown> = {}) => ({
    id: NEW_DUTY,
    staffId: IN,
    startedAt: T,
    endedAt: null,
    handoverId: RECORD,
    ...d,
  });

  it('H3: only the duty the record opened, for the person who took over, open; anything else is duty_rule', () => {
    expect(checkRowRules('duty', null, duty(), desk, lookup)).toBeNull();
    const refused = [
      duty({ handoverId: null }),
      duty({ id: id(40) }),
      duty({ staffId: DESK2 }),
      duty({ endedAt: T + 60_000 }),
      duty({ handoverId: CLOSING }),
    ];
    for (const d of refused) {
      const refusal = checkRowRules('duty', null, d, desk, lookup);
      expect(refusal?.code, JSON.stringify(d)).toBe('duty_rule');
      expect(refusal?.message).toContain('H3');
    }
    expect(checkRowRules('duty', null, duty({ id: id(40) }), desk, lookup)?.message).toContain(NEW_DUTY);
  });

  it('H3: an unknown record is left to the reference check', () => {
    expect(checkRowRules('duty', null, duty({ handoverId: id(97) }), desk, lookup)).toBeNull();
  });

  it('H3: a patch never changes the person, start, end or record of a duty (the server ends it)', () => {
    expect(checkRowRules('duty', duty(), duty({ shiftId: 'night' }), desk, lookup)).toBeNull();
    for (const change of [{ staffId: DESK2 }, { startedAt: T - 1 }, { endedAt: T + 1 }, { handoverId: null }]) {
      expect(checkRowRules('duty', duty(), duty(change), desk, lookup)?.code).toBe('duty_rule');
    }
  });
});

describe('checkRowRules: countLine against the register (H8)', () => {
  const line = { handoverId: DRAFT, itemId: ITEM, staffId: OUT, state: 'present', quantity: 3, explanation: '' };

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
      checkRowRules(
        'countLine',
        null,
        { ...line, state: 'damaged', explanation: 'Cracked', explainedBy: OUT },
        desk,
        lookup,
      ),
    ).toBeNull();
  });
});
