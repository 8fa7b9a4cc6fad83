import { describe, expect, it } from 'vitest';
import type { LogEntryFields } from '../../../src/domain/entities';
import { isPartyKind, OCCURRED_AT_FUTURE_SLACK_MS, validateLogEntry } from '../../../src/domain/log-entry';
import { canMoveOrder, formatMoney, orderNumberTaken, parseMoney } from '../../../src/domain/service-order-rules';

const NOW = 1_750_000_000_000;
const ctx = { nowMs: NOW, dutyStartedAt: null };
const repair: LogEntryFields = {
  kind: 'repair',
  severity: 'routine',
  status: 'open',
  cause: '12樓男洗手間水龍頭漏水',
  process: '',
  result: '',
  party: '陳先生',
  contact: '',
  location: '12樓洗手間',
  occurredAt: NOW - 3_600_000,
  referredTo: '',
  operationEndedAt: null,
  backdateReason: '',
  channel: 'call',
  partyType: 'tenant',
  unit: '1203',
  assignedTo: '',
  completedAt: null,
};

describe('F1, F2: the register fields of an entry', () => {
  it('F1: enquiry, help, complaint and repair are owners’ and tenants’ matters; others are not', () => {
    expect(
      ['enquiry', 'help', 'complaint', 'repair', 'emergency', 'anomaly'].map((k) => isPartyKind(k as never)),
    ).toEqual([true, true, true, true, false, false]);
  });

  it('F1: call/visit and owner/tenant on a matter that is not an owner’s or tenant’s is refused', () => {
    const errors = validateLogEntry({ ...repair, kind: 'anomaly' }, ctx);
    expect(errors).toMatchObject({ channel: 'notPartyMatter', partyType: 'notPartyMatter' });
    expect(validateLogEntry({ ...repair, kind: 'complaint' }, ctx)).toEqual({});
  });

  it('F2: an assignee and a completion time belong to a repair only', () => {
    const errors = validateLogEntry({ ...repair, kind: 'help', assignedTo: '工程部', completedAt: NOW }, ctx);
    expect(errors).toEqual({ assignedTo: 'notRepair', completedAt: 'notRepair' });
  });

  it('F2: a completion time is not before the repair occurred and not in the future', () => {
    const assigned = { ...repair, assignedTo: '工程部' };
    expect(validateLogEntry({ ...assigned, completedAt: repair.occurredAt - 1 }, ctx)).toEqual({
      completedAt: 'beforeStart',
    });
    expect(validateLogEntry({ ...assigned, completedAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS + 1 }, ctx)).toEqual({
      completedAt: 'inFuture',
    });
    expect(validateLogEntry({ ...assigned, completedAt: NOW }, ctx)).toEqual({});
  });

  it('F2: a completed repair names who it was assigned to', () => {
    expect(validateLogEntry({ ...repair, completedAt: NOW }, ctx)).toEqual({ assignedTo: 'required' });
  });
});

describe('F1: service-order steps and money', () => {
  it('F1: issued → done → paid, issued/done → cancelled, nothing back from paid or cancelled', () => {
    expect(canMoveOrder('issued', 'done')).toBe(true);
    expect(canMoveOrder('done', 'paid')).toBe(true);
    expect(canMoveOrder('issued', 'cancelled')).toBe(true);
    expect(canMoveOrder('done', 'cancelled')).toBe(true);
    expect(canMoveOrder('issued', 'paid')).toBe(false);
    expect(canMoveOrder('paid', 'cancelled')).toBe(false);
    expect(canMoveOrder('cancelled', 'issued')).toBe(false);
    expect(canMoveOrder('done', 'issued')).toBe(false);
  });

  it('F1: an amount typed as money is kept in cents; anything else is not money', () => {
    expect(['350.00', '350', '350.5', '1,200.05', '０.９９'].map(parseMoney)).toEqual([
      35_000, 35_000, 35_050, 120_005, 99,
    ]);
    expect(['', '-1', '3.505', 'abc', '1e3', '12.'].map(parseMoney)).toEqual([null, null, null, null, null, null]);
    expect(formatMoney(35_000)).toBe('350.00');
    expect(formatMoney(5)).toBe('0.05');
  });

  it('F1: numbers compare trimmed, case- and width-insensitive, never against the order itself', () => {
    const orders = [{ id: 'x', number: 'a-01' }];
    expect(orderNumberTaken(orders, ' Ａ-01 ', 'y')).toBe(true);
    expect(orderNumberTaken(orders, 'A-01', 'x')).toBe(false);
    expect(orderNumberTaken(orders, 'A-02', 'y')).toBe(false);
  });
});
