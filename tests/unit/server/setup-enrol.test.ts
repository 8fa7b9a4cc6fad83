import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENROLMENT_CODE_ALPHABET,
  CreateEnrolmentCodeResponse,
  EnrolResponse,
  HealthResponse,
  SetupResponse,
  StaffListResponse,
} from '../../../src/domain/api';
import { parseHlc } from '../../../src/domain/hlc';
import { verifyPin } from '../../../src/domain/pin';
import { updateStaff } from '../../../src/server/auth/staff-admin';
import { hashSecret } from '../../../src/server/site/secrets';
import { ServerClock } from '../../../src/server/sync/server-clock';
import {
  TEST_PINS,
  addTestStaff,
  call,
  makeTestServer,
  setupRequest,
  setupViaApi,
  snapshot,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await makeTestServer();
});
afterEach(() => t.dispose());

/** Issue 9 §3: the admin is proven by the request's proof headers, not named in the body. */
async function newCode(a: SetupResponse, actorStaffId: string) {
  return call(t, 'POST', '/api/v1/enrolment-codes', {
    body: {},
    token: a.token,
    actor: { deviceId: a.deviceId, staffId: actorStaffId },
  });
}

describe('health and first-run setup', () => {
  it('health reports setUp false, then true after setup; every response carries serverTime (T1)', async () => {
    const before = await call(t, 'GET', '/api/v1/health');
    expect(HealthResponse.parse(before.body)).toEqual({
      status: 'ok',
      version: 'test',
      setUp: false,
      serverTime: t.clock.now,
      // Issue 9 §1: the database's generation, also in the header of every answer.
      generation: t.store.generation(),
    });
    expect(before.headers.get('X-Server-Time')).toBe(String(t.clock.now));
    expect(before.headers.get('Cache-Control')).toBe('no-store');
    await setupViaApi(t);
    expect((await call(t, 'GET', '/api/v1/health')).body).toMatchObject({ setUp: true });
  });

  it('setup creates the building, its admin and a device; a second setup is 409 already_set_up', async () => {
    const res = await call(t, 'POST', '/api/v1/setup', { body: await setupRequest() });
    expect(res.status).toBe(201);
    const created = SetupResponse.parse(res.body);
    const site = await storedRow(t.store, 'site', created.siteId);
    expect(site?.row).toMatchObject({
      id: created.siteId,
      siteId: created.siteId,
      name: 'Harbour Centre',
      deleted: false,
    });
    expect(parseHlc(String(site?.row['updatedAt']))?.node).toBe('server');
    expect((await storedRow(t.store, 'staff', created.adminStaffId))?.row).toMatchObject({
      role: 'admin',
      active: true,
    });
    expect(await t.store.getDevice(created.deviceId)).toMatchObject({
      siteId: created.siteId,
      lastCounter: 0,
      revoked: false,
    });

    const before = await snapshot(t.store);
    const again = await call(t, 'POST', '/api/v1/setup', { body: await setupRequest('Second') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_set_up' } });
    expect(await snapshot(t.store)).toBe(before);
  });
});

describe('enrolment codes (docs/architecture.md "Auth")', () => {
  it('an admin gets an 8-character code valid 24 h; it enrols one device once, then 400 invalid_enrolment_code', async () => {
    const a = await setupViaApi(t);
    const res = await newCode(a, a.adminStaffId);
    expect(res.status).toBe(201);
    const { code, expiresAt } = CreateEnrolmentCodeResponse.parse(res.body);
    expect(code).toHaveLength(8);
    expect([...code].every((ch) => ENROLMENT_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(expiresAt).toBe(t.clock.now + 24 * 3_600_000);
    // Stored hashed: the plain code is nowhere in the database.
    expect(await snapshot(t.store)).not.toContain(code);
    expect(await snapshot(t.store)).toContain(hashSecret(code));

    // Typed with a dash and in lower case, as a person would.
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const enrol = await call(t, 'POST', '/api/v1/enrol', { body: { code: typed, deviceName: 'Back office' } });
    expect(enrol.status).toBe(201);
    const device = EnrolResponse.parse(enrol.body);
    expect(device.siteId).toBe(a.siteId);
    expect(device.token).not.toBe(a.token);
    expect((await call(t, 'GET', '/api/v1/sync/pull', { token: device.token })).status).toBe(200);

    const reuse = await call(t, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'Thief' } });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ error: { code: 'invalid_enrolment_code' } });
  });

  it('an expired or unknown code -> 400 invalid_enrolment_code and no device is created', async () => {
    const a = await setupViaApi(t);
    const { code } = CreateEnrolmentCodeResponse.parse((await newCode(a, a.adminStaffId)).body);
    t.clock.now += 24 * 3_600_000 + 1;
    const before = await snapshot(t.store);
    const expired = await call(t, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'Late' } });
    expect(expired.body).toMatchObject({ error: { code: 'invalid_enrolment_code' } });
    const unknown = await call(t, 'POST', '/api/v1/enrol', { body: { code: 'ABCDEFGH', deviceName: 'Guess' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'invalid_enrolment_code' } });
    expect(await snapshot(t.store)).toBe(before);
  });

  it('issue 9 §3: only a proven, active admin of the building may create codes (403 otherwise)', async () => {
    const a = await setupViaApi(t);
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李小明');

    expect((await newCode(a, deskId)).body).toMatchObject({ error: { code: 'forbidden_role' } });
    // Someone unknown has no key: the request cannot be proven at all.
    const unknown = crypto.randomUUID();
    const stranger = await call(t, 'POST', '/api/v1/enrolment-codes', {
      body: {},
      token: a.token,
      actor: { deviceId: a.deviceId, staffId: unknown, key: new Uint8Array(32) },
    });
    expect(stranger.body).toMatchObject({ error: { code: 'actor_unproven' } });
    // The old body field names nobody any more: without proof headers the request is refused.
    const claimed = await call(t, 'POST', '/api/v1/enrolment-codes', {
      body: { actorStaffId: a.adminStaffId },
      token: a.token,
    });
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject({ error: { code: 'actor_unproven' } });

    await t.store.transaction(a.siteId, (tx) =>
      updateStaff(tx, new ServerClock(), a.siteId, a.adminStaffId, { active: false }, t.clock.now),
    );
    expect((await newCode(a, a.adminStaffId)).body).toMatchObject({ error: { code: 'forbidden_role' } });
  });
});

describe('staff list for offline sign-in', () => {
  it('returns every staff row with its pinHash (issue 9: desk staff and chiefs) and no token hash or other secret', async () => {
    const a = await setupViaApi(t);
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李小明');
    const res = await call(t, 'GET', `/api/v1/sites/${a.siteId}/staff`, { token: a.token });
    expect(res.status).toBe(200);
    const list = StaffListResponse.parse(res.body);
    expect(list.staff).toHaveLength(2);
    const admin = list.staff.find((s) => s.id === a.adminStaffId);
    expect(admin).toMatchObject({ role: 'admin', active: true });
    const desk = list.staff.find((s) => s.id === deskId);
    expect(desk && (await verifyPin(TEST_PINS.desk, desk.pinHash))).toBe(true);

    const text = JSON.stringify(res.body);
    // The token's hash as the store keeps it (site/secrets.ts), never sent back.
    const tokenHash = hashSecret(a.token);
    expect(text).not.toContain(tokenHash);
    expect(text).not.toContain(a.token);
    expect(text.toLowerCase()).not.toContain('token');
  });
});
