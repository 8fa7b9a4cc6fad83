/**
 * Issue 9 §3, §7 (docs/security.md): first-run setup needs the code printed on the server console;
 * admin and manager PIN hashes never reach a desk tablet; a hash from before issue 9 is upgraded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EnrolResponse,
  PIN_UPGRADE_PATH,
  PinUpgradeResponse,
  StaffListResponse,
  type SetupResponse,
} from '../../../src/domain/api';
import type { PullResponse } from '../../../src/domain/sync-protocol';
import { checkPin, hashPinLegacy } from '../../../src/domain/pin';
import {
  TEST_PINS,
  addTestStaff,
  call,
  makeTestServer,
  setupRequest,
  setupViaApi,
  snapshot,
  testKeyOf,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await makeTestServer();
});
afterEach(() => t.dispose());

describe('issue 9 §7: setup needs the one-time setup code', () => {
  it('setup without the code, or with a wrong one, is 403 setup_code_invalid and creates nothing', async () => {
    const before = await snapshot(t.store);
    const { setupCode: _code, ...withoutCode } = await setupRequest();
    const missing = await call(t, 'POST', '/api/v1/setup', { body: withoutCode });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: { code: 'setup_code_invalid' } });
    const wrong = await call(t, 'POST', '/api/v1/setup', {
      body: { ...(await setupRequest()), setupCode: 'AAAAAAAA' },
    });
    expect(wrong.body).toMatchObject({ error: { code: 'setup_code_invalid' } });
    expect(await snapshot(t.store)).toBe(before);
    expect(await t.store.hasAnySite()).toBe(false);
  });

  it('a cross-site text/plain post without the code is refused and no building appears', async () => {
    const { setupCode: _code, ...withoutCode } = await setupRequest();
    const res = await call(t, 'POST', '/api/v1/setup', {
      rawBody: JSON.stringify(withoutCode),
      headers: { 'Content-Type': 'text/plain', Origin: 'http://evil.example' },
    });
    // 415 once JSON endpoints require application/json (§7); the missing code alone refuses it.
    expect([403, 415]).toContain(res.status);
    expect(await t.store.hasAnySite()).toBe(false);
  });

  it('an admin PIN shorter than 6 digits is 400 weak_pin; the stored hash is v2 at 600,000 iterations', async () => {
    const req = await setupRequest();
    const weak = await call(t, 'POST', '/api/v1/setup', { body: { ...req, admin: { ...req.admin, pin: '1234' } } });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'weak_pin' } });
    const a = await setupViaApi(t);
    expect((await storedRow(t.store, 'staff', a.adminStaffId))?.row['pinHash']).toMatchObject({
      alg: 'PBKDF2-SHA256-v2',
      iterations: 600_000,
    });
    expect((await t.store.getStaffKey(a.siteId, a.adminStaffId))?.proofKey).toEqual(testKeyOf(a.adminStaffId));
  });
});

describe('issue 9 §3: admin and manager hashes never reach a desk tablet', () => {
  let a: SetupResponse;
  let office: EnrolResponse;
  beforeEach(async () => {
    a = await setupViaApi(t);
    await addTestStaff(t, a.siteId, 'manager', '梁美玲');
    await addTestStaff(t, a.siteId, 'chief', '陳國華');
    await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    const actor = { deviceId: a.deviceId, staffId: a.adminStaffId };
    const code = await call(t, 'POST', '/api/v1/enrolment-codes', {
      body: { deviceKind: 'office' },
      token: a.token,
      actor,
    });
    const enrol = await call(t, 'POST', '/api/v1/enrol', {
      body: { ...(code.body as object), deviceName: 'Office PC' },
    });
    office = EnrolResponse.parse(enrol.body);
  });

  const hashes = (staff: ReadonlyArray<{ role: string; pinHash: { hash?: string | undefined; salt: string } }>) =>
    Object.fromEntries(staff.map((s) => [s.role, [s.pinHash.hash !== undefined, s.pinHash.salt.length > 0]]));

  it('the staff list and the pull give a desk tablet no admin or manager verifier (salt and cost still travel)', async () => {
    const list = StaffListResponse.parse(
      (await call(t, 'GET', `/api/v1/sites/${a.siteId}/staff`, { token: a.token })).body,
    );
    const expected = { admin: [false, true], manager: [false, true], chief: [true, true], desk: [true, true] };
    expect(hashes(list.staff)).toEqual(expected);
    const pull = (await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: a.token })).body as PullResponse;
    const pulled = pull.changes.filter((c) => c.table === 'staff').map((c) => c.row);
    expect(hashes(pulled as never)).toEqual(expected);
  });

  it('an office device gets every verifier', async () => {
    const list = StaffListResponse.parse(
      (await call(t, 'GET', `/api/v1/sites/${a.siteId}/staff`, { token: office.token })).body,
    );
    const all = { admin: [true, true], manager: [true, true], chief: [true, true], desk: [true, true] };
    expect(hashes(list.staff)).toEqual(all);
    const pull = (await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: office.token })).body as PullResponse;
    expect(hashes(pull.changes.filter((c) => c.table === 'staff').map((c) => c.row) as never)).toEqual(all);
  });
});

describe('issue 9 §3: a hash from before issue 9 is upgraded at the next online sign-in', () => {
  it('the right PIN against the legacy hash stores a v2 hash and key; wrong ones count towards the lockout', async () => {
    const a = await setupViaApi(t);
    const deskId = await addTestStaff(t, a.siteId, 'desk', '張偉明');
    const legacy = await hashPinLegacy(TEST_PINS.desk, 1000);
    const row = await storedRow(t.store, 'staff', deskId);
    await t.inspect.tamper.rowField(deskId, 'pinHash', legacy);
    await t.inspect.tamper.deleteStaffKey(deskId);
    expect(row).toBeDefined();

    const wrong = await call(t, 'POST', PIN_UPGRADE_PATH, { token: a.token, body: { staffId: deskId, pin: '9999' } });
    expect(wrong.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect((await t.store.getStaffKey(a.siteId, deskId))?.failedAt).toEqual([t.clock.now]);

    const res = await call(t, 'POST', PIN_UPGRADE_PATH, {
      token: a.token,
      body: { staffId: deskId, pin: TEST_PINS.desk },
    });
    expect(res.status).toBe(200);
    const { pinHash } = PinUpgradeResponse.parse(res.body);
    expect(pinHash).toMatchObject({ alg: 'PBKDF2-SHA256-v2', iterations: 600_000 });
    const check = await checkPin(TEST_PINS.desk, pinHash);
    expect(check.ok && check.proofKey).toEqual((await t.store.getStaffKey(a.siteId, deskId))?.proofKey);
    expect((await storedRow(t.store, 'staff', deskId))?.row['pinHash']).toEqual(pinHash);
    expect((await t.store.getStaffKey(a.siteId, deskId))?.failedAt).toEqual([]);
  });
});
