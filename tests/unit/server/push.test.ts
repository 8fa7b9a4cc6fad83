import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { parseHlc } from '../../../src/domain/hlc';
import type { PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import {
  OpBuilder,
  call,
  countRows,
  makeTestServer,
  maxSeq,
  pushBody,
  setupViaApi,
  snapshot,
  testPinHash,
  addTestStaff,
  signed,
  type TestServer,
  storedRow,
} from './helpers';
import { rotaOp } from './tablet-fixtures';
import { dutyOpenedElsewhere } from './handover-fixtures';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
});
afterEach(() => t.dispose());

const push = (body: unknown, token = a.token) => call(t, 'POST', '/api/v1/sync/push', { body, token });
const pull = async (cursor = 0, limit = 500) =>
  (await call(t, 'GET', `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token: a.token })).body as PullResponse;

describe('push: exactly once, in device order (docs/architecture.md "Push")', () => {
  it('the same op replayed is applied once and acknowledged both times', async () => {
    const op = ops.putItem();
    const first = await push(pushBody(a.deviceId, [op]));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ackedThrough: 1, results: [{ counter: 1, status: 'applied' }] });
    const rowsAfterFirst = await countRows(t.store);
    const seqAfterFirst = await maxSeq(t.store);
    const stateAfterFirst = await snapshot(t.store);

    // The response was lost; the tablet sends the very same op again.
    const again = await push(pushBody(a.deviceId, [op]));
    expect(again.status).toBe(200);
    const res = again.body as PushResponse;
    expect(res.ackedThrough).toBe(1);
    expect(res.results).toEqual([{ counter: 1, status: 'duplicate' }]);
    expect(await countRows(t.store)).toBe(rowsAfterFirst);
    expect(await maxSeq(t.store)).toBe(seqAfterFirst);
    expect(await snapshot(t.store)).toBe(stateAfterFirst);
  });

  it('a replay inside a longer push is acknowledged and only the new ops are applied', async () => {
    const op1 = ops.putItem();
    const op2 = ops.putItem();
    await push(pushBody(a.deviceId, [op1]));
    const res = (await push(pushBody(a.deviceId, [op1, op2]))).body as PushResponse;
    expect(res.ackedThrough).toBe(2);
    expect(res.results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
    expect(await countRows(t.store, 'item')).toBe(2);
  });

  it('a gap in the device counter is refused with 409 counter_gap and nothing is applied', async () => {
    await push(pushBody(a.deviceId, [ops.putItem()]));
    const before = await snapshot(t.store);
    ops.putItem(); // counter 2 is lost on the tablet side
    const res = await push(pushBody(a.deviceId, [ops.putItem(), ops.putItem()]));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: { code: 'counter_gap', message: expect.any(String), details: { expected: 2, got: 3 } },
    });
    expect(await snapshot(t.store)).toBe(before);
  });

  it('a replayed op with different content under a used counter is rejected as counter_reused and flagged', async () => {
    await push(pushBody(a.deviceId, [ops.putItem()]));
    // The tablet's storage was wiped: its counter restarts at 1 with a different op.
    const wiped = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    const res = (await push(pushBody(a.deviceId, [wiped.putItem()]))).body as PushResponse;
    expect(res.ackedThrough).toBe(1);
    expect(res.results).toEqual([
      { counter: 1, status: 'rejected', code: 'counter_reused', message: expect.any(String), httpStatus: 409 },
    ]);
    expect(await countRows(t.store, 'item')).toBe(1);
    const errors = (await pull()).changes.filter((c) => c.table === 'syncError');
    expect(errors.map((c) => c.row['code'])).toEqual(['counter_reused']);
  });
});

describe('rejected ops advance the counter and leave a syncError row', () => {
  it('H6: an emergency log entry with no cause is rejected, the counter advances, the syncError row is pulled', async () => {
    const dutyId = await dutyOpenedElsewhere(t, a, a.adminStaffId);
    const bad = ops.putLogEntry(dutyId, {
      kind: 'emergency',
      severity: 'emergency',
      status: 'open',
      cause: '',
      process: '已通知保安及工程部',
    });
    const res = (await push(pushBody(a.deviceId, [bad]))).body as PushResponse;
    expect(res.ackedThrough).toBe(1);
    expect(res.results[0]).toMatchObject({ counter: 1, status: 'rejected', code: 'validation_failed' });
    expect(res.results[0]?.message).toContain('cause: required');
    expect(await countRows(t.store, 'logEntry')).toBe(0);

    const errors = (await pull()).changes.filter((c) => c.table === 'syncError');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.row).toMatchObject({
      siteId: a.siteId,
      deviceId: a.deviceId,
      counter: 1,
      table: 'logEntry',
      rowId: bad.rowId,
      opKind: 'put',
      code: 'validation_failed',
      actorStaffId: a.adminStaffId,
      fields: bad.fields,
      deleted: false,
    });
    expect(parseHlc(String(errors[0]?.row['updatedAt']))?.node).toBe('server');

    // The queue does not jam: the next op applies, and the rejected one replays as a duplicate.
    const next = (await push(pushBody(a.deviceId, [bad, ops.putItem()]))).body as PushResponse;
    expect(next.results).toEqual([
      { counter: 1, status: 'duplicate', code: 'validation_failed', message: res.results[0]?.message, httpStatus: 400 },
      { counter: 2, status: 'applied' },
    ]);
  });

  it('D5: an entry for a duty the server does not have, or an amendment for an unknown entry, is refused as reference_unknown', async () => {
    const dutyId = await dutyOpenedElsewhere(t, a, a.adminStaffId);
    const orphanEntry = ops.putLogEntry(crypto.randomUUID());
    const entry = ops.putLogEntry(dutyId);
    const amendment = (entryId: string) => {
      const id = crypto.randomUUID();
      return ops.op('logAmendment', 'append', id, {
        id,
        siteId: a.siteId,
        entryId,
        staffId: a.adminStaffId,
        text: '已跟進',
        statusChange: null,
        recordedAt: t.clock.now,
        deviceTime: t.clock.now,
      });
    };
    const orphanAmendment = amendment(crypto.randomUUID());
    const goodAmendment = amendment(entry.rowId);
    const res = (await push(pushBody(a.deviceId, [orphanEntry, entry, orphanAmendment, goodAmendment])))
      .body as PushResponse;
    expect(res.ackedThrough).toBe(4);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'reference_unknown'],
      ['applied', undefined],
      ['rejected', 'reference_unknown'],
      ['applied', undefined],
    ]);
    expect(res.results[0]?.message).toContain('dutyId');
    expect(await countRows(t.store, 'logEntry')).toBe(1);
    expect(await countRows(t.store, 'logAmendment')).toBe(1);
    expect(await countRows(t.store, 'syncError')).toBe(2);
  });

  it('WRITE_POLICY: a wrong op kind is kind_not_allowed, a desk actor on the rota is forbidden_role, on a key item rule_violation, a stranger is staff_unknown; issue 9 §3: staff ops are online_only', async () => {
    const deskId = await addTestStaff(t, a.siteId, 'desk', '李小明');
    const staffId = crypto.randomUUID();
    // Issue 9 §3: even the admin's staff op is refused; staff change only through the admin API.
    const adminOnStaff = ops.op('staff', 'put', staffId, {
      id: staffId,
      siteId: a.siteId,
      name: '黃志明',
      role: 'desk',
      pinHash: await testPinHash(),
      active: true,
    });
    // A well-formed claim on this building, so only the kind check decides.
    const wrongKind = ops.op('logAmendment', 'put', crypto.randomUUID(), { siteId: a.siteId });
    ops.actorStaffId = deskId;
    const deskOnRota = rotaOp(ops, deskId, t.clock.now, t.clock.now + 8 * 3_600_000);
    // WRITE_POLICY lets desk staff write items (custody ones); the register itself stays the chief's (row-rules.ts).
    const deskItem = ops.putItem();
    ops.actorStaffId = crypto.randomUUID();
    const stranger = ops.putLogEntry(crypto.randomUUID());
    const res = (await push(pushBody(a.deviceId, [adminOnStaff, wrongKind, deskOnRota, deskItem, stranger])))
      .body as PushResponse;
    expect(res.results.map((r) => r.code ?? r.status)).toEqual([
      'online_only',
      'kind_not_allowed',
      'forbidden_role',
      'rule_violation',
      'staff_unknown',
    ]);
    expect(res.results.map((r) => r.httpStatus)).toEqual([403, 405, 403, 403, 403]);
    expect(res.ackedThrough).toBe(5);
    expect(await countRows(t.store, 'syncError')).toBe(5);
    expect(await countRows(t.store, 'item')).toBe(0);
    expect(await storedRow(t.store, 'staff', staffId)).toBeUndefined();
  });
});

describe('patch: per-field versions decide (docs/architecture.md "Conflicts")', () => {
  it('a patch with a stale baseVersion keeps the server value and records a conflict row', async () => {
    const put = ops.putItem({ label: '對講機 R-01' });
    await push(pushBody(a.deviceId, [put]));
    const fresh = ops.op('item', 'patch', put.rowId, { label: '對講機 R-01（已維修）' }, { label: 1 });
    const first = (await push(pushBody(a.deviceId, [fresh]))).body as PushResponse;
    expect(first.results).toEqual([{ counter: 2, status: 'applied' }]);

    // Another tablet edited the same field from version 1 while offline.
    const stale = ops.op(
      'item',
      'patch',
      put.rowId,
      { label: '對講機 R-01（遺失）', location: '控制室' },
      { label: 1, location: 1 },
    );
    const res = (await push(pushBody(a.deviceId, [stale]))).body as PushResponse;
    expect(res.results[0]).toMatchObject({ counter: 3, status: 'conflict', code: 'conflict' });

    const row = await storedRow(t.store, 'item', put.rowId);
    expect(row?.row['label']).toBe('對講機 R-01（已維修）');
    expect(row?.row['location']).toBe('控制室');
    expect(row?.versions).toMatchObject({ label: 2, location: 2 });

    const conflicts = (await pull()).changes.filter((c) => c.table === 'conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.row).toMatchObject({
      table: 'item',
      rowId: put.rowId,
      field: 'label',
      losingValue: '對講機 R-01（遺失）',
      winningValue: '對講機 R-01（已維修）',
      deviceId: a.deviceId,
      counter: 3,
      actorStaffId: a.adminStaffId,
    });
  });

  it('a patch that would make the row invalid is rejected and changes nothing', async () => {
    const put = ops.putItem();
    await push(pushBody(a.deviceId, [put]));
    const before = await storedRow(t.store, 'item', put.rowId);
    const res = (
      await push(
        pushBody(a.deviceId, [ops.op('item', 'patch', put.rowId, { expectedQuantity: -3 }, { expectedQuantity: 1 })]),
      )
    ).body as PushResponse;
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(await storedRow(t.store, 'item', put.rowId)).toEqual(before);
  });

  it('a patch may not touch identity or sync fields (IMMUTABLE_FIELDS)', async () => {
    const put = ops.putItem();
    await push(pushBody(a.deviceId, [put]));
    const res = (
      await push(pushBody(a.deviceId, [ops.op('item', 'patch', put.rowId, { deleted: true }, { deleted: 1 })]))
    ).body as PushResponse;
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect((await storedRow(t.store, 'item', put.rowId))?.deleted).toBe(false);
  });
});

describe('T1: the server clamps HLCs from the future', () => {
  it('an op stamped a day ahead is stored at most 60 s ahead of server time', async () => {
    const op = ops.putItem();
    op.hlc = `${String(t.clock.now + 86_400_000).padStart(15, '0')}-0003-${a.deviceId}`;
    await push(pushBody(a.deviceId, [signed(op)]));
    const stored = await storedRow(t.store, 'item', op.rowId);
    const hlc = parseHlc(String(stored?.row['updatedAt']));
    expect(hlc).toEqual({ wallMs: t.clock.now + 60_000, counter: 3, node: a.deviceId });
    expect(stored?.updatedHlc).toBe(stored?.row['updatedAt']);
  });
});
