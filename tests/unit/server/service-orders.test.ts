import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { ServiceOrder } from '../../../src/domain/review-entities';
import { OpBuilder, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { push, seedDuty } from './rules-fixtures';
import { secondTablet } from './tablet-fixtures';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let dutyId: string;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  dutyId = await seedDuty(t, a, a.adminStaffId, t.clock.now - 3_600_000);
});
afterEach(() => t.dispose());

function orderOp(b: OpBuilder, entryId: string, overrides: Partial<ServiceOrder> = {}) {
  const id = newId();
  return b.op('serviceOrder', 'put', id, {
    id,
    siteId: a.siteId,
    entryId,
    number: 'A-0001',
    service: '更換冷氣隔塵網',
    amountCents: 35_000,
    status: 'issued',
    staffId: b.actorStaffId,
    issuedAt: t.clock.now,
    ...overrides,
  });
}

const status = async (id: string) => (await storedRow(t.store, 'serviceOrder', id))?.row.status;

describe('F1: paid-service orders on the server', () => {
  it('F1: status moves issued → done → paid one step at a time; nothing leaves paid', async () => {
    const entry = ops.putLogEntry(dutyId, { kind: 'help', channel: 'visit', partyType: 'tenant', unit: '12A' });
    const order = orderOp(ops, entry.rowId);
    const res = await push(t, a.token, [
      entry,
      order,
      ops.op('serviceOrder', 'patch', order.rowId, { status: 'paid' }, { status: 1 }),
      ops.op('serviceOrder', 'patch', order.rowId, { status: 'done' }, { status: 1 }),
      ops.op('serviceOrder', 'patch', order.rowId, { status: 'paid' }, { status: 2 }),
      ops.op('serviceOrder', 'patch', order.rowId, { status: 'cancelled' }, { status: 3 }),
      ops.op('serviceOrder', 'patch', order.rowId, { status: 'issued' }, { status: 3 }),
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'rule_violation'],
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'rule_violation'],
      ['rejected', 'rule_violation'],
    ]);
    expect(await status(order.rowId)).toBe('paid');
  });

  it('F1: an issued or done order may be cancelled, and a cancelled one never comes back', async () => {
    const entry = ops.putLogEntry(dutyId, { kind: 'repair' });
    const first = orderOp(ops, entry.rowId, { number: 'B-1' });
    const second = orderOp(ops, entry.rowId, { number: 'B-2' });
    const res = await push(t, a.token, [
      entry,
      first,
      second,
      ops.op('serviceOrder', 'patch', first.rowId, { status: 'cancelled' }, { status: 1 }),
      ops.op('serviceOrder', 'patch', second.rowId, { status: 'done' }, { status: 1 }),
      ops.op('serviceOrder', 'patch', second.rowId, { status: 'cancelled' }, { status: 2 }),
      ops.op('serviceOrder', 'patch', first.rowId, { status: 'done' }, { status: 2 }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
    ]);
    expect([await status(first.rowId), await status(second.rowId)]).toEqual(['cancelled', 'cancelled']);
  });

  it('F1: a new order is issued, on an owner’s or tenant’s matter, and keeps its number and amount', async () => {
    const enquiry = ops.putLogEntry(dutyId, { kind: 'enquiry' });
    const anomaly = ops.putLogEntry(dutyId, { kind: 'anomaly' });
    const paidAtOnce = orderOp(ops, enquiry.rowId, { status: 'paid', number: 'C-1' });
    const onAnomaly = orderOp(ops, anomaly.rowId, { number: 'C-2' });
    const good = orderOp(ops, enquiry.rowId, { number: 'C-3' });
    const res = await push(t, a.token, [
      enquiry,
      anomaly,
      paidAtOnce,
      onAnomaly,
      good,
      ops.op('serviceOrder', 'patch', good.rowId, { amountCents: 1 }, { amountCents: 1 }),
    ]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'rule_violation'],
      ['rejected', 'rule_violation'],
      ['applied', undefined],
      ['rejected', 'rule_violation'],
    ]);
    expect((await storedRow(t.store, 'serviceOrder', good.rowId))?.row['amountCents']).toBe(35_000);
  });

  it('F1: a number is unique within the building, whichever tablet sent the first (two offline tablets)', async () => {
    const entry = ops.putLogEntry(dutyId, { kind: 'complaint' });
    const first = orderOp(ops, entry.rowId, { number: 'D-0007' });
    expect((await push(t, a.token, [entry, first])).results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const other = await secondTablet(t, a, a.adminStaffId);
    // The same number typed in full-width with spaces is the same number on the paper form.
    const again = orderOp(other.ops, entry.rowId, { number: ' Ｄ-0007 ' });
    const res = await push(t, other.token, [again]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expect(res.results[0]?.message).toContain('already used');
    expect(await storedRow(t.store, 'serviceOrder', again.rowId)).toBeUndefined();
  });
});
