import { describe, expect, it } from 'vitest';
import type { ItemMovement } from '../../../src/domain/item-entities';
import {
  RETURN_UNDO_WINDOW_MS,
  checkReturnUndo,
  lentByItem,
  openLoans,
  undoRemainingMs,
  validateMovement,
} from '../../../src/domain/loan-rules';
import { checkRowRules, type ClosersLookup, type RowLookup } from '../../../src/domain/row-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const T = 1_750_000_000_000;
const H = 3_600_000;
const KEY = id(1);
const RADIO = id(2);
// The person who writes the movements (attribution: a movement is in its writer's name, issue 7).
const desk = { id: id(91), role: 'desk' as const };

function mv(n: number, over: Partial<ItemMovement>): ItemMovement {
  return {
    id: id(n),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    itemId: KEY,
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
    staffId: id(91),
    dutyId: null,
    recordedAt: T,
    deviceTime: T,
    ...over,
  };
}

const lend = mv(10, {});
const ret = mv(11, { kind: 'return', closesId: lend.id, dueAt: null, occurredAt: T + H, recordedAt: T + H });
const undo = (n: number, over: Partial<ItemMovement> = {}) =>
  mv(n, {
    kind: 'returnUndone',
    closesId: ret.id,
    dueAt: null,
    occurredAt: T + H + 20_000,
    recordedAt: T + H + 20_000,
    ...over,
  });

describe('a return undone within the minute (issue 7 §8, H8)', () => {
  it('openLoans: a return cancelled by a returnUndone closes nothing, so the loan is open (and overdue) again', () => {
    expect(openLoans([lend, ret], T + 3 * H)).toEqual([]);
    const reopened = openLoans([lend, ret, undo(12)], T + 3 * H);
    expect(reopened.map((l) => [l.lend.id, l.overdue])).toEqual([[lend.id, true]]);
    expect(lentByItem(reopened).get(KEY)).toEqual({ quantity: 1, borrowers: ['ABC Contractors'] });
    // The loan returned again after the undo is closed by the second return.
    const again = mv(13, { kind: 'return', closesId: lend.id, dueAt: null, recordedAt: T + 2 * H });
    expect(openLoans([lend, ret, undo(12), again], T + 3 * H)).toEqual([]);
    // A deleted (tombstoned) undo cancels nothing.
    expect(openLoans([lend, ret, undo(12, { deleted: true })], T + 3 * H)).toEqual([]);
  });

  it('validateMovement: an undo names the return it cancels', () => {
    expect(validateMovement(undo(12), { category: 'key', expectedQuantity: 1 })).toEqual({});
    expect(validateMovement(undo(12, { closesId: null }), { category: 'key', expectedQuantity: 1 })).toEqual({
      closesId: 'required',
    });
  });

  it('checkReturnUndo: a return of the same item, within the minute measured on recordedAt, once', () => {
    expect(checkReturnUndo(undo(12), ret, [])).toBeNull();
    expect(checkReturnUndo(undo(12, { recordedAt: ret.recordedAt + RETURN_UNDO_WINDOW_MS }), ret, [])).toBeNull();
    expect(checkReturnUndo(undo(12, { recordedAt: ret.recordedAt + RETURN_UNDO_WINDOW_MS + 1 }), ret, [])).toBe(
      'tooLate',
    );
    expect(checkReturnUndo(undo(12), lend, [])).toBe('notReturn');
    expect(checkReturnUndo(undo(12, { itemId: RADIO }), ret, [])).toBe('notReturn');
    // Its own row among the closers (as the server sees it after a replay) does not count.
    expect(checkReturnUndo(undo(12), ret, [undo(12)])).toBeNull();
    expect(checkReturnUndo(undo(13), ret, [undo(12)])).toBe('alreadyUndone');
    expect(checkReturnUndo(undo(13), ret, [undo(12, { deleted: true })])).toBeNull();
  });

  it('undoRemainingMs: counts down from one minute after the return was recorded, never below zero', () => {
    expect(undoRemainingMs(ret, ret.recordedAt)).toBe(60_000);
    expect(undoRemainingMs(ret, ret.recordedAt + 45_500)).toBe(14_500);
    expect(undoRemainingMs(ret, ret.recordedAt + 61_000)).toBe(0);
    // A clock a little behind the return's recording never shows more than the minute.
    expect(undoRemainingMs(ret, ret.recordedAt - 5_000)).toBe(60_000);
  });
});

describe('checkRowRules: returnUndone (issue 7 §8)', () => {
  const rows: Record<string, Record<string, unknown>> = {
    [KEY]: { id: KEY, category: 'key', expectedQuantity: 1 },
    [RADIO]: { id: RADIO, category: 'radio', expectedQuantity: 1 },
    [lend.id]: lend,
    [ret.id]: ret,
  };
  const lookup: RowLookup = (_table, rowId) => rows[rowId];
  const none: ClosersLookup = () => [];
  const undoneOnce: ClosersLookup = (movementId) => (movementId === ret.id ? [undo(12)] : []);

  it('an undo of a return of the same item within the minute passes', () => {
    expect(checkRowRules('itemMovement', null, undo(12), desk, lookup, none)).toBeNull();
  });

  it('an undo naming a lend, or a return of another item, is a rule_violation', () => {
    expect(checkRowRules('itemMovement', null, undo(12, { closesId: lend.id }), desk, lookup, none)?.code).toBe(
      'rule_violation',
    );
    expect(checkRowRules('itemMovement', null, undo(12, { itemId: RADIO }), desk, lookup, none)?.message).toMatch(
      /same item/,
    );
  });

  it('an undo past the minute, or a second undo of the same return, is a rule_violation', () => {
    const late = undo(12, { recordedAt: ret.recordedAt + RETURN_UNDO_WINDOW_MS + 1_000 });
    expect(checkRowRules('itemMovement', null, late, desk, lookup, none)?.message).toMatch(/within one minute/);
    expect(checkRowRules('itemMovement', null, undo(13), desk, lookup, undoneOnce)?.message).toMatch(/undone already/);
  });

  it('an undo without the return it cancels is validation_failed', () => {
    expect(checkRowRules('itemMovement', null, undo(12, { closesId: null }), desk, lookup, none)?.code).toBe(
      'validation_failed',
    );
  });
});
