import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/entities';
import type { RotaShift, SwapRequest } from '../../../src/domain/rota-entities';
import { UNDECIDED_SWAP } from '../../../src/domain/rota-entities';
import {
  checkSwapTransition,
  effectiveRota,
  incomingCandidates,
  INCOMING_WINDOW_MS,
  type Assignment,
} from '../../../src/domain/swap-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const [ANN, BEN, CHIEF, MGR, DESK2] = [id(1), id(2), id(3), id(4), id(5)];
const H = 3_600_000;
const DAY0 = Date.UTC(2025, 5, 2, 1); // 09:00 in Hong Kong

function shift(n: number, staffId: string, dayIndex: number): RotaShift {
  const startsAt = DAY0 + dayIndex * 24 * H;
  return {
    id: id(100 + n),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    staffId,
    day: `2025-06-0${2 + dayIndex}`,
    shiftId: 'day',
    startsAt,
    endsAt: startsAt + 9 * H,
    note: '',
  };
}

const SHIFTS = [shift(1, ANN, 0), shift(2, BEN, 1)];

function swap(over: Partial<SwapRequest> = {}): SwapRequest {
  return {
    id: id(200),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    kind: 'cover',
    rotaShiftId: id(101),
    requesterId: ANN,
    substituteId: BEN,
    otherShiftId: null,
    reason: 'Family matter',
    status: 'requested',
    requestedAt: DAY0 - 72 * H,
    ...UNDECIDED_SWAP,
    ...over,
  };
}

const confirmed = (o: Partial<SwapRequest> = {}) =>
  swap({ status: 'confirmed', confirmedBy: CHIEF, confirmedAt: DAY0 - 48 * H, ...o });
const approved = (o: Partial<SwapRequest> = {}) =>
  confirmed({ status: 'approved', approvedBy: MGR, approvedAt: DAY0 - 24 * H, ...o });

const plain = effectiveRota(SHIFTS, []);

describe('effectiveRota (S1)', () => {
  it('the plain rota, sorted by start', () => {
    expect(plain.map((a) => [a.staffId, a.rotaShiftId, a.viaSwapId])).toEqual([
      [ANN, id(101), null],
      [BEN, id(102), null],
    ]);
    expect(effectiveRota([...SHIFTS].reverse(), [])).toEqual(plain);
  });

  it.each<[string, SwapRequest]>([
    ['requested', swap()],
    ['confirmed only', confirmed()],
    ['approved without confirmedBy', approved({ confirmedBy: null, confirmedAt: null })],
    ['approved without approvedBy', approved({ approvedBy: null })],
    ['rejected', confirmed({ status: 'rejected', decidedBy: MGR, decidedAt: DAY0 })],
    ['withdrawn', swap({ status: 'withdrawn', decidedBy: ANN, decidedAt: DAY0 })],
    ['approved but deleted', approved({ deleted: true })],
  ])('S1: a swap without both approvals changes nothing (%s)', (_name, s) => {
    expect(effectiveRota(SHIFTS, [s])).toEqual(plain);
    expect(effectiveRota(SHIFTS, [{ ...s, kind: 'swap', otherShiftId: id(102) }])).toEqual(plain);
  });

  it('S1: an approved cover moves the shift to the substitute', () => {
    const rota = effectiveRota(SHIFTS, [approved()]);
    expect(rota.map((a) => [a.rotaShiftId, a.staffId, a.viaSwapId])).toEqual([
      [id(101), BEN, id(200)],
      [id(102), BEN, null],
    ]);
  });

  it('S1: an approved swap exchanges both shifts', () => {
    const rota = effectiveRota(SHIFTS, [approved({ kind: 'swap', otherShiftId: id(102) })]);
    expect(rota.map((a) => [a.rotaShiftId, a.staffId, a.viaSwapId])).toEqual([
      [id(101), BEN, id(200)],
      [id(102), ANN, id(200)],
    ]);
  });

  it('S1: a stale request (the shift is no longer the requester’s) moves nobody', () => {
    expect(effectiveRota(SHIFTS, [approved({ requesterId: DESK2 })])).toEqual(plain);
    expect(effectiveRota(SHIFTS, [approved({ kind: 'swap', otherShiftId: id(101), rotaShiftId: id(102) })])).toEqual(
      plain,
    );
  });

  it('S1: approved covers chain in approval order', () => {
    const first = approved({ id: id(201), approvedAt: DAY0 - 30 * H });
    const second = approved({ id: id(202), requesterId: BEN, substituteId: DESK2, approvedAt: DAY0 - 20 * H });
    const rota = effectiveRota(SHIFTS, [second, first]);
    expect(rota[0]).toMatchObject({ rotaShiftId: id(101), staffId: DESK2, viaSwapId: id(202) });
  });
});

describe('checkSwapTransition (S1)', () => {
  const desk = (i = ANN) => ({ id: i, role: 'desk' as Role });
  const chief = { id: CHIEF, role: 'chief' as Role };
  const manager = { id: MGR, role: 'manager' as Role };

  it('S1: the requester creates a request; nobody else does', () => {
    expect(checkSwapTransition(null, swap(), desk())).toBeNull();
    expect(checkSwapTransition(null, swap(), desk(BEN))).toBe('notRequester');
    expect(checkSwapTransition(null, confirmed(), desk())).toBe('outOfOrder');
  });

  it('S1: a desk person cannot confirm; a section chief confirms', () => {
    expect(checkSwapTransition(swap(), confirmed({ confirmedBy: ANN }), desk())).toBe('wrongRole');
    expect(checkSwapTransition(swap(), confirmed(), manager)).toBe('wrongRole');
    expect(checkSwapTransition(swap(), confirmed(), chief)).toBeNull();
    expect(checkSwapTransition(swap(), confirmed({ confirmedBy: MGR }), chief)).toBe('outOfOrder');
  });

  it('S1: the manager approves only after the chief confirmed', () => {
    expect(checkSwapTransition(swap(), approved(), manager)).toBe('outOfOrder');
    expect(checkSwapTransition(confirmed(), approved(), manager)).toBeNull();
    expect(checkSwapTransition(confirmed(), approved({ approvedBy: CHIEF }), chief)).toBe('wrongRole');
    expect(checkSwapTransition(confirmed(), approved({ confirmedBy: MGR }), manager)).toBe('outOfOrder');
  });

  it('S1: the requester withdraws a pending request; nobody else does', () => {
    const withdrawn = (from: SwapRequest) => ({
      ...from,
      status: 'withdrawn' as const,
      decidedBy: ANN,
      decidedAt: DAY0,
    });
    expect(checkSwapTransition(swap(), withdrawn(swap()), desk())).toBeNull();
    expect(checkSwapTransition(confirmed(), withdrawn(confirmed()), desk())).toBeNull();
    expect(checkSwapTransition(swap(), { ...withdrawn(swap()), decidedBy: BEN }, desk(BEN))).toBe('notRequester');
    expect(checkSwapTransition(approved(), withdrawn(approved()), desk())).toBe('outOfOrder');
  });

  it('S1: a chief or manager rejects a pending request, a desk person cannot', () => {
    const rejected = (by: string) =>
      swap({ status: 'rejected', decidedBy: by, decidedAt: DAY0, decisionNote: 'short' });
    expect(checkSwapTransition(swap(), rejected(CHIEF), chief)).toBeNull();
    expect(checkSwapTransition(swap(), rejected(MGR), manager)).toBeNull();
    expect(checkSwapTransition(swap(), rejected(ANN), desk())).toBe('wrongRole');
  });

  it('S1: a decided request never moves again', () => {
    const rejected = swap({ status: 'rejected', decidedBy: CHIEF, decidedAt: DAY0 });
    expect(checkSwapTransition(rejected, confirmed({ decidedBy: CHIEF, decidedAt: DAY0 }), chief)).toBe('outOfOrder');
    expect(checkSwapTransition(approved(), { ...approved(), status: 'requested' }, chief)).toBe('outOfOrder');
  });

  it('S1: fields other than the decision fields cannot change (fieldsChanged)', () => {
    const changes: Partial<SwapRequest>[] = [
      { substituteId: DESK2 },
      { rotaShiftId: id(102) },
      { kind: 'swap' },
      { otherShiftId: id(102) },
      { reason: 'Other reason' },
      { requesterId: BEN },
      { requestedAt: 1 },
    ];
    for (const change of changes) {
      expect(checkSwapTransition(swap(), confirmed(change), chief), JSON.stringify(change)).toBe('fieldsChanged');
    }
  });

  it('an unchanged status may not alter the decision fields', () => {
    expect(checkSwapTransition(swap(), swap(), desk())).toBeNull();
    expect(checkSwapTransition(confirmed(), confirmed({ confirmedBy: id(9) }), chief)).toBe('outOfOrder');
  });
});

describe('incomingCandidates (S1)', () => {
  const a = (staffId: string, startsAt: number): Assignment => ({
    rotaShiftId: id(startsAt % 1000),
    staffId,
    day: '2025-06-02',
    shiftId: 'x',
    startsAt,
    endsAt: startsAt + 8 * H,
    viaSwapId: null,
  });

  it('keeps shifts starting within 2 h of the change, nearest first', () => {
    const change = DAY0 + 9 * H;
    const list = [a(ANN, change - 3 * H), a(BEN, change + INCOMING_WINDOW_MS), a(DESK2, change + 5 * 60_000)];
    expect(incomingCandidates(list, change).map((x) => x.staffId)).toEqual([DESK2, BEN]);
    expect(incomingCandidates(list, change + 10 * H)).toEqual([]);
  });
});
