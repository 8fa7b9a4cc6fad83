/**
 * Issue 9 §3, §6 (docs/security.md): the admin API. The admin's PIN is checked by the server
 * through the request proof, with an attempt limit and lockout; every action is recorded with its
 * device; revocation cuts a tablet off at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PATHS,
  AdminStaffResponse,
  DeviceListResponse,
  OUTBOX_PENDING_HEADER,
  PIN_CHECK_PATH,
  type SetupResponse,
} from '../../../src/domain/api';
import { PIN_LOCKOUT_MS, checkPin } from '../../../src/domain/pin';
import { secondTablet } from './tablet-fixtures';
import { actorHeaders, addTestStaff, call, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

const admin = () => ({ deviceId: a.deviceId, staffId: a.adminStaffId });
const wrongKey = new Uint8Array(32).fill(7);

function adminCall(method: string, path: string, body?: unknown, key?: Uint8Array) {
  return call(t, method, path, {
    token: a.token,
    ...(body === undefined ? {} : { body }),
    actor: { ...admin(), ...(key ? { key } : {}) },
  });
}

describe('issue 9 §3: the admin proven by the server, with lockout', () => {
  it('a wrong proof is 403 actor_unproven with the attempts left; the 5th wrong within 5 minutes is 429 locked_out, and a right one stays 429 until the end', async () => {
    for (const left of [4, 3, 2, 1]) {
      const res = await adminCall('GET', ADMIN_PATHS.devices, undefined, wrongKey);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'actor_unproven', details: { attemptsLeft: left } } });
    }
    const fifth = await adminCall('GET', ADMIN_PATHS.devices, undefined, wrongKey);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toMatchObject({
      error: { code: 'locked_out', details: { lockedUntil: t.clock.now + PIN_LOCKOUT_MS } },
    });
    // Locked out: even the right PIN is refused until the lockout ends.
    expect((await adminCall('GET', ADMIN_PATHS.devices)).status).toBe(429);
    t.clock.now += PIN_LOCKOUT_MS + 1;
    expect((await adminCall('GET', ADMIN_PATHS.devices)).status).toBe(200);
  });

  it('a proof of another time, path or body, or missing headers, is refused actor_unproven', async () => {
    const stale = await call(t, 'GET', ADMIN_PATHS.devices, {
      token: a.token,
      actor: { ...admin(), at: t.clock.now - 6 * 60_000 },
    });
    expect(stale.body).toMatchObject({ error: { code: 'actor_unproven' } });
    const bare = await call(t, 'GET', ADMIN_PATHS.devices, { token: a.token });
    expect(bare.body).toMatchObject({ error: { code: 'actor_unproven' } });
    const res = await call(t, 'POST', ADMIN_PATHS.staff, {
      token: a.token,
      rawBody: JSON.stringify({ name: '劉子軒', role: 'admin', pin: '444444' }),
      headers: actorHeaders(
        t,
        admin(),
        'POST',
        ADMIN_PATHS.staff,
        JSON.stringify({ name: '劉子軒', role: 'desk', pin: '4444' }),
      ),
    });
    expect(res.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect(await t.store.listRows(a.siteId, 'staff')).toHaveLength(1);
  });

  it('a desk person with a right proof is 403 forbidden_role on the admin API', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    const res = await call(t, 'GET', ADMIN_PATHS.devices, {
      token: a.token,
      actor: { deviceId: a.deviceId, staffId: deskId },
    });
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
  });

  it('POST /auth/check answers the proven person; a wrong proof counts towards the lockout', async () => {
    const ok = await call(t, 'POST', PIN_CHECK_PATH, { token: a.token, body: {}, actor: admin() });
    expect(ok.body).toEqual({ staffId: a.adminStaffId, serverTime: t.clock.now });
    const bad = await call(t, 'POST', PIN_CHECK_PATH, {
      token: a.token,
      body: {},
      actor: { ...admin(), key: wrongKey },
    });
    expect(bad.status).toBe(403);
    expect((await t.store.getStaffKey(a.siteId, a.adminStaffId))?.failedAt).toEqual([t.clock.now]);
  });
});

describe('issue 9 §3, §6: staff, PINs and settings through the admin API', () => {
  it('creates staff with a server-hashed PIN (weak_pin 400 when too short for the role), recorded with the device', async () => {
    const weak = await adminCall('POST', ADMIN_PATHS.staff, { name: '梁美玲', role: 'manager', pin: '8888' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'weak_pin', details: { minLength: 6 } } });
    const res = await adminCall('POST', ADMIN_PATHS.staff, { name: '梁美玲', role: 'manager', pin: '123456' });
    expect(res.status).toBe(201);
    const { staff } = AdminStaffResponse.parse(res.body);
    expect(staff.pinHash).toMatchObject({ alg: 'PBKDF2-SHA256-v2', iterations: 600_000 });
    const check = await checkPin('123456', staff.pinHash);
    expect(check.ok && check.proofKey).toEqual((await t.store.getStaffKey(a.siteId, staff.id))?.proofKey);
    expect(await t.inspect.adminActions()).toEqual([
      { deviceId: a.deviceId, staffId: a.adminStaffId, action: 'staff.create', target: staff.id },
    ]);
    // Tablets pull the new person like any row.
    const pull = await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: a.token });
    expect(JSON.stringify(pull.body)).toContain(staff.id);
  });

  it('a new PIN resets the server lockout; a role change bumps the versions; site settings patch', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    await t.store.transaction(a.siteId, async (tx) => {
      for (let i = 0; i < 5; i++) await tx.recordProofFailure(a.siteId, deskId, t.clock.now);
    });
    expect((await t.store.getStaffKey(a.siteId, deskId))?.lockedUntil).not.toBeNull();
    expect((await adminCall('POST', ADMIN_PATHS.staffPin(deskId), { pin: '1234' })).status).toBe(200);
    expect(await t.store.getStaffKey(a.siteId, deskId)).toMatchObject({ failedAt: [], lockedUntil: null });
    const before = (await storedRow(t.store, 'staff', deskId))?.versions['role'] ?? 0;
    // Promoting to chief keeps a 4-digit PIN stored: the length rule applies to new PINs.
    expect((await adminCall('PATCH', ADMIN_PATHS.staffOne(deskId), { role: 'chief' })).status).toBe(200);
    expect((await storedRow(t.store, 'staff', deskId))?.versions['role']).toBe(before + 1);
    const site = await adminCall('PATCH', ADMIN_PATHS.site, { name: '海港中心' });
    expect(site.status).toBe(200);
    expect((await storedRow(t.store, 'site', a.siteId))?.row['name']).toBe('海港中心');
  });
});

describe('issue 9 §6: devices and revocation', () => {
  it('lists the devices with pending ops from X-Outbox-Pending; a revoked tablet gets 401 at once; self-revocation is 409', async () => {
    const other = await secondTablet(t, a, a.adminStaffId);
    await call(t, 'GET', '/api/v1/sync/pull?cursor=0', {
      token: other.token,
      headers: { [OUTBOX_PENDING_HEADER]: '12' },
    });
    const list = DeviceListResponse.parse((await adminCall('GET', ADMIN_PATHS.devices)).body);
    expect(list.devices.map((d) => [d.id, d.pendingOps, d.current, d.revokedAt])).toEqual([
      [a.deviceId, null, true, null],
      [other.deviceId, 12, false, null],
    ]);
    const self = await adminCall('POST', ADMIN_PATHS.revokeDevice(a.deviceId), {});
    expect(self.status).toBe(409);
    const res = await adminCall('POST', ADMIN_PATHS.revokeDevice(other.deviceId), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ device: { id: other.deviceId, revokedAt: t.clock.now } });
    const cut = await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: other.token });
    expect(cut.status).toBe(401);
    const row = (await t.store.listDevices(a.siteId)).find((d) => d.id === other.deviceId);
    expect(row).toMatchObject({ revoked: true, revokedAt: t.clock.now, revokedBy: a.adminStaffId });
  });
});
