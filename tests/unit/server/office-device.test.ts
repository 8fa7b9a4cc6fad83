/**
 * Issue 8, "A home for each role": an office PC is enrolled like a tablet, as an office device
 * (an enrolment code of kind `office`), and the server holds what that means whatever the browser
 * sends: its ops that open or end a duty or write a handover draft, a count line or a signed
 * handover record are refused `office_device` (403), one by one, while its other ops apply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateEnrolmentCodeResponse, EnrolResponse, type SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import { OpBuilder, call, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { addStaff, countLineOp, handoverOp, pushOps, type Tablet } from './tablet-fixtures';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

/** An admin's code of `deviceKind` (none sent: the default), traded for a device. */
async function enrolWith(deviceKind: string | undefined): Promise<{ code: unknown; enrol: EnrolResponse }> {
  // Issue 9 §3: the admin is proven by the proof headers, not named in the body.
  const body = deviceKind === undefined ? {} : { deviceKind };
  const actor = { deviceId: a.deviceId, staffId: a.adminStaffId };
  const created = await call(t, 'POST', '/api/v1/enrolment-codes', { body, token: a.token, actor });
  expect(created.status).toBe(201);
  const { code } = CreateEnrolmentCodeResponse.parse(created.body);
  const enrolled = await call(t, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'Manager office PC' } });
  expect(enrolled.status).toBe(201);
  return { code: created.body, enrol: EnrolResponse.parse(enrolled.body) };
}

/** A chief and a desk person, written from the admin's desk tablet. */
async function seedPeople(): Promise<{ chiefId: string; deskId: string }> {
  const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  const chiefId = await addStaff(t, ops, 'chief', '陳國華');
  const deskId = await addStaff(t, ops, 'desk', '李嘉欣');
  return { chiefId, deskId };
}

describe('office devices (issue 8)', () => {
  it('an enrolment code of kind office enrols an office device: the code, the answer and the device say so', async () => {
    const { code, enrol } = await enrolWith('office');
    expect(code).toMatchObject({ deviceKind: 'office' });
    expect(enrol.deviceKind).toBe('office');
    expect(await t.store.getDevice(enrol.deviceId)).toMatchObject({ siteId: a.siteId, kind: 'office' });
  });

  it('a code without a kind enrols a desk tablet, as before issue 8; the first tablet of setup is a desk tablet', async () => {
    const { enrol } = await enrolWith(undefined);
    expect(enrol.deviceKind).toBe('desk');
    expect((await t.store.getDevice(enrol.deviceId))?.kind).toBe('desk');
    expect((await t.store.getDevice(a.deviceId))?.kind).toBe('desk');
  });

  it('a kind the server does not know is 400 bad_request, and no code is made', async () => {
    const res = await call(t, 'POST', '/api/v1/enrolment-codes', {
      body: { deviceKind: 'kiosk' },
      actor: { deviceId: a.deviceId, staffId: a.adminStaffId },
      token: a.token,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
  });

  it("H3, H8: an office device's duty, handover, count line and signed record ops are refused office_device (403) per op; its spot check applies", async () => {
    const { chiefId, deskId } = await seedPeople();
    const { enrol } = await enrolWith('office');
    const office: Tablet = {
      deviceId: enrol.deviceId,
      token: enrol.token,
      ops: new OpBuilder(enrol.deviceId, a.siteId, chiefId, () => t.clock.now),
    };
    const now = t.clock.now;
    const dutyId = newId();
    const duty = office.ops.op('duty', 'put', dutyId, {
      id: dutyId,
      siteId: a.siteId,
      staffId: chiefId,
      startedAt: now,
      endedAt: null,
      handoverId: null,
    });
    const draft = handoverOp(office.ops, null, null, 'opening');
    const line = countLineOp(office.ops, { handoverId: draft.rowId, itemId: newId(), staffId: chiefId });
    const recordId = newId();
    const record = office.ops.op('handoverRecord', 'put', recordId, { id: recordId, siteId: a.siteId });
    const spotId = newId();
    const spotCheck = office.ops.op('spotCheck', 'append', spotId, {
      id: spotId,
      siteId: a.siteId,
      staffId: chiefId,
      checkedAt: now,
      dutyId: null,
      inOrder: true,
      findings: '前台整潔，記錄完整',
    });

    const results = await pushOps(t, office, [duty, draft, line, record, spotCheck]);
    expect(results.map((r) => [r.status, r.code, r.httpStatus])).toEqual([
      ['rejected', 'office_device', 403],
      ['rejected', 'office_device', 403],
      ['rejected', 'office_device', 403],
      ['rejected', 'office_device', 403],
      ['applied', undefined, undefined],
    ]);
    for (const op of [duty, draft, line, record]) expect(await storedRow(t.store, op.table, op.rowId)).toBeUndefined();
    expect((await storedRow(t.store, 'spotCheck', spotId))?.row).toMatchObject({ staffId: chiefId, inOrder: true });
    // Each refusal is a syncError every tablet of the building pulls and shows.
    const errors = (await t.store.listRows(a.siteId, 'syncError')).map((r) => r.row);
    expect(errors.filter((e) => e['code'] === 'office_device')).toHaveLength(4);

    // The same kind of draft from the desk tablet, by the desk person, applies.
    const desk: Tablet = {
      deviceId: a.deviceId,
      token: a.token,
      ops: new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now),
    };
    const [deskDraft] = await pushOps(t, desk, [handoverOp(desk.ops, null, null, 'opening')]);
    expect(deskDraft).toMatchObject({ status: 'applied' });
  });
});
