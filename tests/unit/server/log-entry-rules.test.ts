import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { LogEntry } from '../../../src/domain/entities';
import { OpBuilder, makeTestServer, setupViaApi, signed, type TestServer, storedRow } from './helpers';
import { pulledRows, push, seedDuty, seedEntry } from './rules-fixtures';

const HOUR = 3_600_000;

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let dutyId: string;
/** The duty began an hour ago. */
let dutyStart: number;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  dutyStart = t.clock.now - HOUR;
  dutyId = await seedDuty(t, a, a.adminStaffId, dutyStart);
});
afterEach(() => t.dispose());

const entry = (overrides: Partial<LogEntry> = {}) => ops.putLogEntry(dutyId, overrides);

/** The syncError rows of the building, as a tablet pulls them. */
const syncErrors = () => pulledRows(t, a.token, 'syncError');

describe('T1: an occurredAt earlier than the duty start needs its reason', () => {
  it('T1: a backdated occurredAt without a reason is refused validation_failed with the field issue; with a reason it is applied', async () => {
    const occurredAt = dutyStart - 30 * 60_000;
    const without = entry({ occurredAt });
    const withReason = entry({ occurredAt, backdateReason: '上一更未有記錄，接班時由保安告知' });
    const res = await push(t, a.token, [without, withReason]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'validation_failed'],
      ['applied', undefined],
    ]);
    expect(res.results[0]?.message).toContain('backdateReason: required');
    const errors = await syncErrors();
    expect(errors.map((e) => e['issues'])).toEqual([[{ path: 'backdateReason', code: 'required' }]]);
    expect((await storedRow(t.store, 'logEntry', withReason.rowId))?.row['backdateReason']).toBe(
      '上一更未有記錄，接班時由保安告知',
    );
  });

  it('T1: an occurredAt at or after the duty start needs no reason', async () => {
    const res = await push(t, a.token, [entry({ occurredAt: dutyStart }), entry({ occurredAt: t.clock.now })]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('T1: a patch moving occurredAt before the duty start needs the reason too', async () => {
    const put = entry();
    await push(t, a.token, [put]);
    const moved = ops.op('logEntry', 'patch', put.rowId, { occurredAt: dutyStart - 1 }, { occurredAt: 1 });
    const res = await push(t, a.token, [moved]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect((await storedRow(t.store, 'logEntry', put.rowId))?.row['occurredAt']).toBe(put.fields['occurredAt']);
  });

  it('T1: following up an entry written before the rule (backdated, no reason) is not refused for it', async () => {
    const old = await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, occurredAt: dutyStart - HOUR });
    const follow = ops.op(
      'logEntry',
      'patch',
      old,
      { status: 'resolved', process: '已更換燈管', result: '正常' },
      { status: 1, process: 1, result: 1 },
    );
    expect((await push(t, a.token, [follow])).results).toEqual([{ counter: 1, status: 'applied' }]);
  });
});

describe('H11(a), H4: a referred matter', () => {
  it('H11(a): an emergency cannot be referred (emergencyNotReferable); a major repair can, naming the department', async () => {
    const emergency = entry({
      kind: 'emergency',
      severity: 'emergency',
      status: 'referred',
      process: '已通知消防處',
      referredTo: '消防處',
    });
    const unnamed = entry({
      kind: 'repair',
      severity: 'major',
      status: 'referred',
      process: '已報工程部',
      referredTo: ' ',
    });
    const referred = entry({
      kind: 'repair',
      severity: 'major',
      status: 'referred',
      process: '已報工程部',
      referredTo: '工程部',
    });
    const res = await push(t, a.token, [emergency, unnamed, referred]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'validation_failed'],
      ['rejected', 'validation_failed'],
      ['applied', undefined],
    ]);
    expect((await syncErrors()).map((e) => e['issues'])).toEqual([
      [{ path: 'status', code: 'emergencyNotReferable' }],
      [{ path: 'referredTo', code: 'required' }],
    ]);
  });
});

describe('H11(b): an equipment operation ends when its end is recorded', () => {
  it('H11(b): an end on another kind, before the start, or an equipment operation closed without one is refused', async () => {
    const start = t.clock.now - 20 * 60_000;
    const notEquipment = entry({ kind: 'repair', occurredAt: start, operationEndedAt: t.clock.now });
    const endBeforeStart = entry({ kind: 'equipmentOp', occurredAt: start, operationEndedAt: start - 1 });
    const closedWithoutEnd = entry({
      kind: 'equipmentOp',
      occurredAt: start,
      status: 'resolved',
      process: '關閉冷氣主機',
      result: '完成',
    });
    const ended = entry({
      kind: 'equipmentOp',
      occurredAt: start,
      operationEndedAt: t.clock.now,
      status: 'resolved',
      process: '關閉冷氣主機',
      result: '完成',
    });
    const res = await push(t, a.token, [notEquipment, endBeforeStart, closedWithoutEnd, ended]);
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'applied']);
    expect((await syncErrors()).map((e) => e['issues'])).toEqual([
      [{ path: 'operationEndedAt', code: 'notEquipment' }],
      [{ path: 'operationEndedAt', code: 'beforeStart' }],
      [{ path: 'operationEndedAt', code: 'required' }],
    ]);
  });
});

describe('SyncError.issues: what exactly was wrong, field by field', () => {
  it('an over-long cause is refused with issues [{path: cause, code: too_big, limit: 2000}], the message kept for logs', async () => {
    const long = entry({ cause: '漏水'.repeat(1403) });
    const res = await push(t, a.token, [long]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    const [error] = await syncErrors();
    expect(error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('cause') });
    expect(error?.['issues']).toEqual([{ path: 'cause', code: 'too_big', limit: 2000 }]);
  });

  it('several fields at fault each get their issue; an unknown field is named too', async () => {
    const bad = entry({ party: 'x'.repeat(121), severity: 'catastrophic' as LogEntry['severity'] });
    const unknown = entry();
    unknown.fields['colour'] = 'red';
    // Re-signed: the actor's own tablet sends the extra field (issue 9 §3, the proof covers fields).
    await push(t, a.token, [bad, signed(unknown)]);
    const [first, second] = await syncErrors();
    expect(first?.['issues']).toEqual(
      expect.arrayContaining([
        { path: 'party', code: 'too_big', limit: 120 },
        { path: 'severity', code: 'invalid_value' },
      ]),
    );
    expect(second?.['issues']).toEqual([{ path: 'colour', code: 'unrecognized_keys' }]);
  });

  it('a refusal that is not about a field (a missing reference) names the reference field', async () => {
    await push(t, a.token, [ops.putLogEntry(crypto.randomUUID())]);
    const [error] = await syncErrors();
    expect(error).toMatchObject({ code: 'reference_unknown', issues: [{ path: 'dutyId', code: 'reference_unknown' }] });
  });
});

describe('H3 with H4, H11: a matter carried from a signed shift can still be closed truthfully', () => {
  it('H11(a), H11(b): on a locked duty, an entry may be referred and an equipment operation ended; its content stays locked', async () => {
    const major = await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      kind: 'repair',
      severity: 'major',
      process: '已報工程部',
    });
    const equipment = await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      kind: 'equipmentOp',
      occurredAt: dutyStart,
    });
    await t.store.transaction(a.siteId, (tx) =>
      tx.lockRow({ siteId: a.siteId, table: 'duty', id: dutyId, recordId: crypto.randomUUID() }),
    );

    const refer = ops.op(
      'logEntry',
      'patch',
      major,
      { status: 'referred', referredTo: '工程部' },
      { status: 1, referredTo: 1 },
    );
    const end = ops.op(
      'logEntry',
      'patch',
      equipment,
      { operationEndedAt: t.clock.now, status: 'resolved', process: '重開水泵', result: '運作正常' },
      { operationEndedAt: 1, status: 1, process: 1, result: 1 },
    );
    const rewrite = ops.op('logEntry', 'patch', major, { cause: '改寫原因' }, { cause: 1 });
    const res = await push(t, a.token, [refer, end, rewrite]);
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'locked'],
    ]);
    expect((await storedRow(t.store, 'logEntry', major))?.row).toMatchObject({
      status: 'referred',
      referredTo: '工程部',
    });
    expect((await storedRow(t.store, 'logEntry', equipment))?.row['operationEndedAt']).toBe(t.clock.now);
  });
});
