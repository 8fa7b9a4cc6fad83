import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { ItemMovement } from '../../../src/domain/item-entities';
import type { Op, PushResponse } from '../../../src/domain/sync-protocol';
import { OpBuilder, call, makeTestServer, pushBody, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;

const push = async (...batch: Op[]) =>
  (await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, batch), token: a.token }))
    .body as PushResponse;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
});
afterEach(() => t.dispose());

function movement(itemId: string, over: Partial<ItemMovement>): Op {
  const id = crypto.randomUUID();
  const now = t.clock.now;
  const fields: Omit<ItemMovement, 'updatedAt' | 'deleted'> = {
    id,
    siteId: a.siteId,
    itemId,
    kind: 'lend',
    quantity: 1,
    party: '明記工程',
    partyKind: 'contractor',
    fromParty: '',
    contact: '9123 4567',
    reason: '機房維修',
    checkedHow: '',
    dueAt: now + 3_600_000,
    closesId: null,
    occurredAt: now,
    staffId: a.adminStaffId,
    dutyId: null,
    recordedAt: now,
    deviceTime: now,
    ...over,
  };
  return ops.op('itemMovement', 'append', id, fields);
}

describe('a key return undone on the server (issue 7 §8, H8)', () => {
  it('an undo names a return of the same item, within a minute of its recording, and only once', async () => {
    const key = ops.putItem();
    const radio = ops.putItem({ category: 'radio' });
    const lend = movement(key.rowId, {});
    const ret = movement(key.rowId, { kind: 'return', closesId: lend.rowId, dueAt: null });
    const returnedAt = t.clock.now;
    t.clock.now += 40_000;
    const undo = movement(key.rowId, { kind: 'returnUndone', closesId: ret.rowId, dueAt: null });
    const again = movement(key.rowId, { kind: 'returnUndone', closesId: ret.rowId, dueAt: null });
    const ofLend = movement(key.rowId, { kind: 'returnUndone', closesId: lend.rowId, dueAt: null });
    const otherItem = movement(radio.rowId, { kind: 'returnUndone', closesId: ret.rowId, dueAt: null });
    const res = await push(key, radio, lend, ret, undo, again, ofLend, otherItem);
    expect(res.results.map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'rule_violation',
      'rule_violation',
      'rule_violation',
    ]);
    expect(res.results[5]?.message).toMatch(/undone already/);

    // The loan is open again and returned a second time; that return is undone too late.
    const ret2 = movement(key.rowId, { kind: 'return', closesId: lend.rowId, dueAt: null });
    t.clock.now += 61_000;
    const late = movement(key.rowId, { kind: 'returnUndone', closesId: ret2.rowId, dueAt: null });
    // The window is measured on the rows' own times: a row claiming to be recorded in time passes.
    const timely = movement(key.rowId, {
      kind: 'returnUndone',
      closesId: ret2.rowId,
      dueAt: null,
      recordedAt: returnedAt + 100_000,
    });
    const res2 = await push(ret2, late, timely);
    expect(res2.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'rule_violation', 'applied']);
    expect(res2.results[1]?.message).toMatch(/within one minute/);
  });
});
