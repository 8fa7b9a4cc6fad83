/**
 * Issue 9 §3 (docs/security.md): every op is proven by its actor's proof key; staff and settings
 * ops are online only; §9: an inactive person's ops made before the deactivation still count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { PushResponse } from '../../../src/domain/sync-protocol';
import {
  OpBuilder,
  addTestStaff,
  adminPatchStaff,
  call,
  countRows,
  makeTestServer,
  pushBody,
  setupViaApi,
  signed,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
});
afterEach(() => t.dispose());

async function push(body: unknown): Promise<PushResponse> {
  const res = await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token });
  expect(res.status).toBe(200);
  return res.body as PushResponse;
}

describe('issue 9 §3: ops proven by their actor (actor_unproven, per op)', () => {
  it('a desk tablet naming the admin as actor without the admin PIN is refused actor_unproven; the rest of the batch applies', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    ops.actorStaffId = deskId;
    const mine = ops.putItem({ category: 'custody', label: '雨傘' });
    // The desk clerk's tablet names the admin but can only sign with the desk clerk's key.
    const claimed = signed({ ...ops.putItem({ category: 'custody', label: '手袋' }), actorStaffId: deskId });
    const forged = { ...claimed, actorStaffId: a.adminStaffId };
    const after = ops.putItem({ category: 'custody', label: '銀包' });
    const res = await push(pushBody(a.deviceId, [mine, forged, after]));
    expect(res.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'actor_unproven', 'applied']);
    expect(res.results[1]?.httpStatus).toBe(403);
    expect(res.ackedThrough).toBe(3);
    expect(await countRows(t.store, 'item')).toBe(2);
    const errors = (await t.store.listRows(a.siteId, 'syncError')).map((r) => r.row);
    expect(errors).toEqual([expect.objectContaining({ code: 'actor_unproven', counter: 2 })]);
  });

  it('an op with a missing, malformed or tampered proof is refused actor_unproven and the counter advances', async () => {
    const { proof: _none, ...missing } = ops.putItem();
    const malformed = { ...ops.putItem(), proof: 'not-a-proof' };
    const tampered = ops.putItem();
    tampered.fields['label'] = '改過的鎖匙';
    const res = await push(pushBody(a.deviceId, [missing, malformed, tampered]));
    expect(res.results.map((r) => r.code)).toEqual(['actor_unproven', 'actor_unproven', 'actor_unproven']);
    expect(res.ackedThrough).toBe(3);
    expect(await countRows(t.store, 'item')).toBe(0);
  });

  it('a person with only a hash from before issue 9 (no proof key) is actor_unproven until upgraded', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '張偉明');
    await t.inspect.tamper.deleteStaffKey(deskId);
    ops.actorStaffId = deskId;
    const res = await push(pushBody(a.deviceId, [ops.putItem({ category: 'custody', label: '雨傘' })]));
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'actor_unproven' });
  });

  it('issue 9 §6: every op records its actor, table and row with the device that wrote it', async () => {
    const put = ops.putItem();
    await push(pushBody(a.deviceId, [put]));
    const row = (await t.inspect.deviceOps()).find((o) => o.counter === 1);
    expect(row).toMatchObject({ deviceId: a.deviceId, actorStaffId: a.adminStaffId, table: 'item', rowId: put.rowId });
  });

  it('ops on staff and site are refused online_only (403), even from the proven admin', async () => {
    const site = ops.op('site', 'patch', a.siteId, { name: '新名字' }, { name: 1 });
    const staff = ops.op('staff', 'patch', a.adminStaffId, { role: 'desk' }, { role: 1 });
    const res = await push(pushBody(a.deviceId, [site, staff]));
    expect(res.results.map((r) => [r.code, r.httpStatus])).toEqual([
      ['online_only', 403],
      ['online_only', 403],
    ]);
    expect((await storedRow(t.store, 'staff', a.adminStaffId))?.row['role']).toBe('admin');
    expect((await storedRow(t.store, 'site', a.siteId))?.row['name']).toBe('Harbour Centre');
  });
});

describe('issue 9 §9: deactivation by server-corrected device time', () => {
  it('ops made before the deactivation are accepted, later ones refused forbidden_role; the tablet clock is corrected; reactivation clears it', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '何翠儀');
    ops.actorStaffId = deskId;
    // The tablet's clock runs 10 minutes slow; the push's deviceNow teaches the server so.
    const slow = 10 * 60_000;
    const deskOps = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now - slow);
    const before = deskOps.putItem({ category: 'custody', label: '雨傘' });
    t.clock.now += 60_000;
    await adminPatchStaff(t, a, deskId, { active: false });
    const deactivatedAt = (await storedRow(t.store, 'staff', deskId))?.row['deactivatedAt'];
    expect(deactivatedAt).toBe(t.clock.now);
    t.clock.now += 60_000;
    // Device time says "before" (slow clock), but corrected it is after the deactivation.
    const after = deskOps.putItem({ category: 'custody', label: '手袋' });
    const body = { ...pushBody(a.deviceId, [before, after]), deviceNow: t.clock.now - slow };
    const res = await push(body);
    expect(res.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'forbidden_role']);
    // Reactivation clears the recorded deactivation.
    await adminPatchStaff(t, a, deskId, { active: true });
    expect((await storedRow(t.store, 'staff', deskId))?.row['deactivatedAt']).toBeNull();
  });
});
