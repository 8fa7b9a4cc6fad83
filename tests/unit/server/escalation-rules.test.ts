/**
 * D2, D3 on the server: the escalation rules hold whatever a tablet sends (an old or altered tablet
 * cannot acknowledge, decide, forward or rewrite an escalation it has no right to).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { Escalation } from '../../../src/domain/review-entities';
import type { Op } from '../../../src/domain/sync-protocol';
import { OpBuilder, makeTestServer, setupViaApi, type TestServer } from './helpers';
import { pulledRows, push, seedDuty, seedEntry, seedStaff } from './rules-fixtures';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let deskId: string;
let chiefId: string;
let managerId: string;
let entryId: string;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  deskId = await seedStaff(t, a, 'desk', '李嘉欣');
  chiefId = await seedStaff(t, a, 'chief', '陳國華');
  managerId = await seedStaff(t, a, 'manager', '梁美玲');
  ops = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now);
  const dutyId = await seedDuty(t, a, deskId, t.clock.now - 3_600_000);
  entryId = await seedEntry(t, a, { dutyId, staffId: deskId });
});
afterEach(() => t.dispose());

function sendOp(overrides: Partial<Escalation> = {}): Op {
  const id = newId();
  return ops.op('escalation', 'put', id, {
    id,
    siteId: a.siteId,
    entryId,
    level: 'chief',
    forwardedFromId: null,
    reason: '冷氣漏水影響租戶，需科長決定',
    sentBy: ops.actorStaffId,
    sentAt: t.clock.now,
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  });
}

/** Push one op as `actor`; its result. */
async function pushAs(actor: string, make: () => Op) {
  ops.actorStaffId = actor;
  const [result] = (await push(t, a.token, [make()])).results;
  return result;
}

async function sent(level: 'chief' | 'manager' = 'chief'): Promise<string> {
  const op = sendOp({ level });
  const [result] = (await push(t, a.token, [op])).results;
  expect(result?.status).toBe('applied');
  return op.rowId;
}

/** A patch whose base versions are the server's current ones (1 for fields never changed, else 2). */
const patch =
  (id: string, fields: Partial<Escalation>, changedOnce: readonly string[] = []) =>
  () =>
    ops.op(
      'escalation',
      'patch',
      id,
      fields,
      Object.fromEntries(Object.keys(fields).map((k) => [k, changedOnce.includes(k) ? 2 : 1])),
    );
const SET = ['acknowledgedBy', 'acknowledgedAt', 'decision', 'decidedBy', 'decidedAt'];

describe('escalation rules on the server (D2, D3)', () => {
  it('D3: refuses a send in another name or without a reason', async () => {
    expect(await pushAs(deskId, () => sendOp({ sentBy: chiefId }))).toMatchObject({
      status: 'rejected',
      code: 'rule_violation',
    });
    expect(await pushAs(deskId, () => sendOp({ reason: '  ' }))).toMatchObject({
      status: 'rejected',
      code: 'validation_failed',
    });
    expect(await pulledRows(t, a.token, 'escalation')).toEqual([]);
  });

  it('D3: a desk person cannot acknowledge or decide; a chief cannot act on a manager-level escalation', async () => {
    const id = await sent();
    const ack = (by: string) => patch(id, { acknowledgedBy: by, acknowledgedAt: t.clock.now });
    expect(await pushAs(deskId, ack(deskId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(deskId, ack(chiefId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    const major = await sent('manager');
    const ackMajor = patch(major, { acknowledgedBy: chiefId, acknowledgedAt: t.clock.now });
    expect(await pushAs(chiefId, ackMajor)).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    const [row] = (await pulledRows(t, a.token, 'escalation')).filter((r) => r.id === id);
    expect(row?.acknowledgedBy).toBeNull();
  });

  it('D2, D3: the chief acknowledges and decides; the decision then stays as recorded', async () => {
    const id = await sent();
    const now = t.clock.now;
    expect(await pushAs(chiefId, patch(id, { acknowledgedBy: chiefId, acknowledgedAt: now }))).toMatchObject({
      status: 'applied',
    });
    expect(
      await pushAs(chiefId, patch(id, { decision: '通知工程部即日更換', decidedBy: chiefId, decidedAt: now })),
    ).toMatchObject({ status: 'applied' });
    expect(await pushAs(managerId, patch(id, { decision: '改為明日處理' }, SET))).toMatchObject({
      status: 'rejected',
      code: 'rule_violation',
    });
    expect(await pushAs(chiefId, patch(id, { acknowledgedBy: null }, SET))).toMatchObject({ status: 'rejected' });
    expect(await pushAs(chiefId, patch(id, { reason: '改寫' }))).toMatchObject({ status: 'rejected' });
    const [row] = await pulledRows(t, a.token, 'escalation');
    expect(row).toMatchObject({ acknowledgedBy: chiefId, decision: '通知工程部即日更換', decidedBy: chiefId });
  });

  it('D2: a decision before any acknowledgement, or an empty one, is refused', async () => {
    const id = await sent();
    const decide = (decision: string) => patch(id, { decision, decidedBy: chiefId, decidedAt: t.clock.now });
    expect(await pushAs(chiefId, decide('停機'))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(chiefId, decide(''))).toMatchObject({ status: 'rejected' });
  });

  it('D3: the chief forwards to the manager; a desk person cannot forward', async () => {
    const id = await sent();
    const forward = (by: string) => () => sendOp({ level: 'manager', forwardedFromId: id, sentBy: by });
    expect(await pushAs(deskId, forward(deskId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(chiefId, forward(chiefId))).toMatchObject({ status: 'applied' });
    const major = (await pulledRows(t, a.token, 'escalation')).find((r) => r.level === 'manager');
    expect(major).toMatchObject({ forwardedFromId: id, sentBy: chiefId });
  });
});
