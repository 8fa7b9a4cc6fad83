/**
 * Issue 10 §1: one company above its buildings. The admin creates buildings (a name taken is 409),
 * assigns a chief or manager to several of them (one staff row per building, linked by personId,
 * the same PIN), and a person signed in on an office device sees their buildings side by side and
 * opens another on this device; a desk tablet of one building never receives a row of another, and
 * every cross-building request is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildingSummary } from '../../../src/domain/api';
import {
  ADMIN_PATHS,
  BuildingListResponse,
  CreateEnrolmentCodeResponse,
  EnrolResponse,
  OFFICE_BUILDINGS_PATH,
  officeDevicePath,
  type SetupResponse,
} from '../../../src/domain/api';
import type { PullResponse } from '../../../src/domain/sync-protocol';
import { newId } from '../../../src/domain/ids';
import { dayKeyOf, shiftDayKey } from '../../../src/domain/building-day';
import { ServerClock } from '../../../src/server/sync/server-clock';
import {
  OpBuilder,
  TEST_PINS,
  addTestStaff,
  call,
  createOtherSite,
  itemFields,
  makeTestServer,
  pushBody,
  rememberTestKey,
  setupViaApi,
  testKeyOf,
  testSecrets,
  writeStoredRow,
  type TestServer,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

const asAdmin = (method: string, path: string, body?: unknown) =>
  call(t, method, path, {
    token: a.token,
    ...(body === undefined ? {} : { body }),
    actor: { deviceId: a.deviceId, staffId: a.adminStaffId },
  });

async function createBuilding(name: string, timeZone?: string): Promise<BuildingSummary> {
  const res = await asAdmin('POST', ADMIN_PATHS.buildings, { name, ...(timeZone ? { timeZone } : {}) });
  expect(res.status).toBe(201);
  const { building } = res.body as { building: BuildingSummary };
  // The admin's row there has the same PIN, so the same proof key.
  rememberTestKey(building.staffId, testKeyOf(a.adminStaffId) as Uint8Array);
  return building;
}

/** An office device of building A, enrolled with an admin's code. */
async function officeDevice(): Promise<EnrolResponse> {
  const created = await asAdmin('POST', '/api/v1/enrolment-codes', { deviceKind: 'office' });
  const { code } = CreateEnrolmentCodeResponse.parse(created.body);
  const enrolled = await call(t, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'Property office PC' } });
  return EnrolResponse.parse(enrolled.body);
}

async function pullAll(token: string): Promise<PullResponse['changes']> {
  const res = await call(t, 'GET', '/api/v1/sync/pull?cursor=0&limit=1000', { token });
  expect(res.status).toBe(200);
  return (res.body as PullResponse).changes;
}

describe('issue 10 §1: the admin creates buildings', () => {
  it('a new building copies the settings of the admin’s, with its own name and zone; the admin is its first admin, linked by personId', async () => {
    const b = await createBuilding('Kowloon Bay Tower', 'Asia/Shanghai');
    expect(b).toMatchObject({ name: 'Kowloon Bay Tower', timeZone: 'Asia/Shanghai', role: 'admin' });
    const site = await t.store.getRow(b.siteId, 'site', b.siteId);
    const home = await t.store.getRow(a.siteId, 'site', a.siteId);
    expect(site?.row).toMatchObject({ name: 'Kowloon Bay Tower', timeZone: 'Asia/Shanghai', shifts: home?.row.shifts });
    const admin = await t.store.getRow(b.siteId, 'staff', b.staffId);
    const original = await t.store.getRow(a.siteId, 'staff', a.adminStaffId);
    expect(admin?.row).toMatchObject({ role: 'admin', name: original?.row.name, personId: a.adminStaffId });
    expect(admin?.row.pinHash).toEqual(original?.row.pinHash);
    expect((await t.store.getStaffKey(b.siteId, b.staffId))?.proofKey).toEqual(testKeyOf(a.adminStaffId));
    const list = BuildingListResponse.parse((await asAdmin('GET', ADMIN_PATHS.buildings)).body);
    expect(list.buildings.map((x) => x.name).sort()).toEqual(['Harbour Centre', 'Kowloon Bay Tower']);
  });

  it('a name the company already has (any case, spacing or width) is 409 building_name_taken, and nothing is written', async () => {
    await createBuilding('Kowloon Bay Tower');
    const before = await t.store.listSiteIds();
    for (const name of ['Kowloon Bay Tower', '  kowloon  bay TOWER ', 'ｈａｒｂｏｕｒ Centre']) {
      const res = await asAdmin('POST', ADMIN_PATHS.buildings, { name });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'building_name_taken', details: { field: 'name' } } });
    }
    expect(await t.store.listSiteIds()).toEqual(before);
  });

  it('bad input: an empty name or an unknown time zone is 400; a chief may not create buildings (403)', async () => {
    expect((await asAdmin('POST', ADMIN_PATHS.buildings, { name: ' ' })).status).toBe(400);
    const zone = await asAdmin('POST', ADMIN_PATHS.buildings, { name: 'Tsuen Wan Plaza', timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body).toMatchObject({ error: { details: { field: 'timeZone' } } });
    const chiefId = await addTestStaff(t, a.siteId, 'chief', '陳國華');
    const res = await call(t, 'POST', ADMIN_PATHS.buildings, {
      token: a.token,
      body: { name: 'Tsuen Wan Plaza' },
      actor: { deviceId: a.deviceId, staffId: chiefId },
    });
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
    expect(await t.store.listSiteIds()).toHaveLength(1);
  });
});

describe('issue 10 §1: a chief or manager assigned to several buildings', () => {
  it('assigning copies the person with the same role and PIN; twice is 409 already_assigned; desk staff are refused', async () => {
    const b = await createBuilding('Kowloon Bay Tower');
    const managerId = await addTestStaff(t, a.siteId, 'manager', '梁美玲');
    const res = await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: b.siteId });
    expect(res.status).toBe(201);
    const { buildings } = BuildingListResponse.parse(res.body);
    expect(buildings.map((x) => [x.name, x.role])).toEqual([
      ['Harbour Centre', 'manager'],
      ['Kowloon Bay Tower', 'manager'],
    ]);
    const there = buildings.find((x) => x.siteId === b.siteId);
    const row = await t.store.getRow(b.siteId, 'staff', there?.staffId ?? '');
    expect(row?.row).toMatchObject({ name: '梁美玲', role: 'manager', personId: managerId, active: true });

    const again = await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: b.siteId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_assigned' } });

    const deskId = await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    const desk = await asAdmin('POST', ADMIN_PATHS.staffBuildings(deskId), { siteId: b.siteId });
    expect(desk.status).toBe(400);
    expect(await t.store.listRows(b.siteId, 'staff')).toHaveLength(2);
  });

  it('a building the admin does not administer is 403, an unknown one 404: nothing is written there', async () => {
    const other = await createOtherSite(t, 'Other Tower');
    const managerId = await addTestStaff(t, a.siteId, 'manager', '梁美玲');
    const res = await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: other.siteId });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden', message: 'you are not an admin of that building' } });
    expect(await t.store.listRows(other.siteId, 'staff')).toHaveLength(1);
    const unknown = await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: newId() });
    expect(unknown.status).toBe(404);
    // Another building's person cannot be named from here either.
    const foreign = await asAdmin('POST', ADMIN_PATHS.staffBuildings(other.adminStaffId), { siteId: other.siteId });
    expect(foreign.status).toBe(404);
  });

  it('a PIN reset or a new name in one building reaches the person’s rows in the others; the role stays per building', async () => {
    const b = await createBuilding('Kowloon Bay Tower');
    const chiefId = await addTestStaff(t, a.siteId, 'chief', '陳國華');
    const assigned = await asAdmin('POST', ADMIN_PATHS.staffBuildings(chiefId), { siteId: b.siteId });
    const bId = BuildingListResponse.parse(assigned.body).buildings.find((x) => x.siteId === b.siteId)?.staffId ?? '';
    expect((await asAdmin('POST', ADMIN_PATHS.staffPin(chiefId), { pin: '246810' })).status).toBe(200);
    const [inA, inB] = [await t.store.getRow(a.siteId, 'staff', chiefId), await t.store.getRow(b.siteId, 'staff', bId)];
    expect(inB?.row.pinHash).toEqual(inA?.row.pinHash);
    expect((await t.store.getStaffKey(b.siteId, bId))?.proofKey).toEqual(
      (await t.store.getStaffKey(a.siteId, chiefId))?.proofKey,
    );
    expect((await asAdmin('PATCH', ADMIN_PATHS.staffOne(chiefId), { name: '陳國強', role: 'manager' })).status).toBe(
      200,
    );
    expect((await t.store.getRow(b.siteId, 'staff', bId))?.row).toMatchObject({ name: '陳國強', role: 'chief' });
  });
});

describe('issue 10 §1: changing a person of several buildings', () => {
  it('an admin who does not administer every one of their buildings may not reset their PIN nor rename them (403), nothing changes', async () => {
    const b = await createBuilding('Kowloon Bay Tower');
    const managerId = await addTestStaff(t, a.siteId, 'manager', '梁美玲');
    expect((await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: b.siteId })).status).toBe(201);
    // A second admin of building A only.
    const otherAdmin = await addTestStaff(t, a.siteId, 'admin', '王小明');
    const asOther = (method: string, path: string, body: unknown) =>
      call(t, method, path, { token: a.token, body, actor: { deviceId: a.deviceId, staffId: otherAdmin } });
    const before = JSON.stringify(await t.store.listRows(b.siteId, 'staff'));
    const pin = await asOther('POST', ADMIN_PATHS.staffPin(managerId), { pin: '135790' });
    expect(pin.status).toBe(403);
    expect(pin.body).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/do not administer/) },
    });
    const rename = await asOther('PATCH', ADMIN_PATHS.staffOne(managerId), { name: '梁美美' });
    expect(rename.status).toBe(403);
    expect(JSON.stringify(await t.store.listRows(b.siteId, 'staff'))).toBe(before);
    expect((await t.store.getRow(a.siteId, 'staff', managerId))?.row.name).toBe('梁美玲');
    // Their role in building A is still theirs to change: it stays per building.
    expect((await asOther('PATCH', ADMIN_PATHS.staffOne(managerId), { role: 'chief' })).status).toBe(200);
  });
});

describe('issue 10 §1: the office overview and opening another building', () => {
  async function managerInTwo() {
    const b = await createBuilding('Kowloon Bay Tower');
    const managerId = await addTestStaff(t, a.siteId, 'manager', '梁美玲');
    const res = await asAdmin('POST', ADMIN_PATHS.staffBuildings(managerId), { siteId: b.siteId });
    const bStaffId = BuildingListResponse.parse(res.body).buildings.find((x) => x.siteId === b.siteId)?.staffId ?? '';
    rememberTestKey(bStaffId, (await testSecrets(TEST_PINS.other)).proofKey);
    return { b, managerId, bStaffId, office: await officeDevice() };
  }

  it('the manager sees both buildings with each one’s figures: days awaiting review, escalations, open entries', async () => {
    const { b, managerId, office } = await managerInTwo();
    // Building B: an entry two days ago (awaiting review, overdue) and an escalation to the manager.
    const day = t.clock.now - 2 * 86_400_000;
    const hlc = new ServerClock().next(t.clock.now);
    const entryId = newId();
    const base = { siteId: b.siteId, versions: {}, updatedHlc: hlc, deleted: false };
    await writeStoredRow(t.store, {
      ...base,
      table: 'logEntry',
      id: entryId,
      row: { id: entryId, siteId: b.siteId, occurredAt: day, status: 'open', kind: 'complaint' } as never,
    });
    const escId = newId();
    await writeStoredRow(t.store, {
      ...base,
      table: 'escalation',
      id: escId,
      row: {
        id: escId,
        siteId: b.siteId,
        entryId,
        level: 'manager',
        sentAt: day,
        acknowledgedBy: null,
        decidedAt: null,
      } as never,
    });
    // O2: yesterday's daily report of building B.
    const reportId = newId();
    const yesterday = shiftDayKey(dayKeyOf(t.clock.now, 'Asia/Hong_Kong'), -1);
    await writeStoredRow(t.store, {
      ...base,
      table: 'dailyReport',
      id: reportId,
      row: { id: reportId, siteId: b.siteId, day: yesterday, staffId: managerId, submittedAt: t.clock.now } as never,
    });
    const res = await call(t, 'GET', OFFICE_BUILDINGS_PATH, {
      token: office.token,
      actor: { deviceId: office.deviceId, staffId: managerId },
    });
    expect(res.status).toBe(200);
    const { buildings } = BuildingListResponse.parse(res.body);
    expect(buildings.map((x) => [x.name, x.figures?.awaitingReview, x.figures?.escalationsToManager])).toEqual([
      ['Harbour Centre', 0, 0],
      ['Kowloon Bay Tower', 1, 1],
    ]);
    expect(buildings[1]?.figures).toMatchObject({
      overdueReview: 1,
      reviewDays: [{ day: dayKeyOf(day, 'Asia/Hong_Kong'), overdue: true }],
      escalationsToChief: 0,
      openEntriesToday: 0,
      dailyReportsYesterday: 1,
    });
    expect(buildings[0]?.figures?.dailyReportsYesterday).toBe(0);
  });

  it('opening building B gives this office device a device of B: it pulls B’s rows and none of A’s, and is listed in B', async () => {
    const { b, managerId, bStaffId, office } = await managerInTwo();
    const res = await call(t, 'POST', officeDevicePath(b.siteId), {
      token: office.token,
      body: {},
      actor: { deviceId: office.deviceId, staffId: managerId },
    });
    expect(res.status).toBe(201);
    const opened = res.body as EnrolResponse & { staffId: string };
    expect(opened).toMatchObject({ siteId: b.siteId, deviceKind: 'office', staffId: bStaffId });
    expect(await t.store.getDevice(opened.deviceId)).toMatchObject({
      siteId: b.siteId,
      kind: 'office',
      name: 'Property office PC',
    });
    const changes = await pullAll(opened.token);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => (c.row as { siteId: string }).siteId === b.siteId)).toBe(true);
    // The manager's B row is proven on B's device with the same PIN.
    const overview = await call(t, 'GET', OFFICE_BUILDINGS_PATH, {
      token: opened.token,
      actor: { deviceId: opened.deviceId, staffId: bStaffId },
    });
    expect(BuildingListResponse.parse(overview.body).buildings).toHaveLength(2);
    // A write of building A from B's device is refused, op by op.
    const ops = new OpBuilder(opened.deviceId, a.siteId, bStaffId, () => t.clock.now);
    const itemId = newId();
    const push = await call(t, 'POST', '/api/v1/sync/push', {
      token: opened.token,
      body: pushBody(opened.deviceId, [ops.op('item', 'put', itemId, itemFields(a.siteId, itemId))]),
    });
    expect(push.status).toBe(200);
    // As for any tablet since issue 9 §5: a row claiming another building is refused alone.
    expect((push.body as { results: { status: string; httpStatus: number }[] }).results[0]).toMatchObject({
      status: 'rejected',
      code: 'validation_failed',
      message: 'siteId: must be this building',
    });
    expect(await t.store.getRowSiteId('item', itemId)).toBeUndefined();
  });

  it('a desk tablet is refused the overview and the opening; a person not in the building is refused opening it', async () => {
    const { b, managerId, office } = await managerInTwo();
    const desk = await call(t, 'GET', OFFICE_BUILDINGS_PATH, {
      token: a.token,
      actor: { deviceId: a.deviceId, staffId: managerId },
    });
    expect(desk.status).toBe(403);
    const deskOpen = await call(t, 'POST', officeDevicePath(b.siteId), {
      token: a.token,
      body: {},
      actor: { deviceId: a.deviceId, staffId: managerId },
    });
    expect(deskOpen.status).toBe(403);
    const chiefId = await addTestStaff(t, a.siteId, 'chief', '陳國華');
    const notThere = await call(t, 'POST', officeDevicePath(b.siteId), {
      token: office.token,
      body: {},
      actor: { deviceId: office.deviceId, staffId: chiefId },
    });
    expect(notThere.status).toBe(403);
    expect(notThere.body).toMatchObject({ error: { message: 'you do not work in that building' } });
    const deskPerson = await addTestStaff(t, a.siteId, 'desk', '李嘉欣');
    const deskRole = await call(t, 'GET', OFFICE_BUILDINGS_PATH, {
      token: office.token,
      actor: { deviceId: office.deviceId, staffId: deskPerson },
    });
    expect(deskRole.body).toMatchObject({ error: { code: 'forbidden_role' } });
    expect((await t.store.listDevices(b.siteId)).length).toBe(0);
  });

  it('a desk tablet of building A never receives a row of building B', async () => {
    const b = await createBuilding('Kowloon Bay Tower');
    await addTestStaff(t, b.siteId, 'desk', '黃志明');
    const changes = await pullAll(a.token);
    expect(changes.some((c) => (c.row as { siteId: string }).siteId === b.siteId)).toBe(false);
    expect(changes.some((c) => c.id === b.siteId)).toBe(false);
  });
});
