import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { CLOCK_SKEW_WARN_MS } from '../../../src/domain/sync-protocol';
import { OpBuilder, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { pullAll, pulledRows, push, putTask } from './rules-fixtures';

const DAY = 86_400_000;

let t: TestServer;
let a: SetupResponse;
/** The tablet's own clock, set per test; the server's is `t.clock.now`. */
let deviceClock: number;
let ops: OpBuilder;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  deviceClock = t.clock.now;
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => deviceClock);
});
afterEach(() => t.dispose());

async function storedOp(counter: number) {
  const op = await t.store.getDeviceOp(a.deviceId, counter);
  return op && { receivedAt: op.receivedAt, deviceTime: op.deviceTime };
}

describe('T1: every op and row gets the server receipt time', () => {
  it('T1: a device time 3 days off is stored with the server receipt time and flagged clockSkew; the row is kept as sent', async () => {
    // The tablet's clock runs 3 days behind and it never learned the correction: it stamps its own time.
    deviceClock = t.clock.now - 3 * DAY;
    const task = putTask(ops);
    t.clock.now += 5_000; // received 5 s after the tablet made it
    const res = await push(t, a.token, [task], deviceClock + 5_000);
    expect(res.results).toEqual([{ counter: 1, status: 'applied' }]);

    expect(await storedRow(t.store, 'task', task.rowId)).toMatchObject({
      row: { createdAt: deviceClock },
      receivedAt: t.clock.now,
    });
    expect(await storedOp(1)).toEqual({ receivedAt: t.clock.now, deviceTime: deviceClock });

    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'clockSkew',
        table: 'task',
        rowId: task.rowId,
        field: 'createdAt',
        deviceId: a.deviceId,
        counter: 1,
        actorStaffId: a.adminStaffId,
        stampedAt: deviceClock,
        expectedAt: t.clock.now - 5_000,
        receivedAt: t.clock.now,
      }),
    ]);
  });

  it('T1: pull returns each row with its first receipt time; a later patch keeps it', async () => {
    const task = putTask(ops);
    const firstReceipt = t.clock.now;
    await push(t, a.token, [task], deviceClock);
    t.clock.now += 60_000;
    deviceClock = t.clock.now;
    await push(
      t,
      a.token,
      [ops.op('task', 'patch', task.rowId, { process: '已通知工程部' }, { process: 1 })],
      deviceClock,
    );

    const changes = await pullAll(t, a.token);
    const change = changes.find((c) => c.id === task.rowId);
    expect(change).toMatchObject({ row: { process: '已通知工程部' }, receivedAt: firstReceipt });
    // The server's own rows are received when it writes them.
    expect(changes.find((c) => c.table === 'site')?.receivedAt).toBe(firstReceipt);
    expect(await storedOp(2)).toEqual({ receivedAt: t.clock.now, deviceTime: deviceClock });
  });

  it('T1: a fresh op from a tablet with a right clock is not flagged', async () => {
    t.clock.now += 1_000;
    await push(t, a.token, [putTask(ops)], deviceClock + 1_000);
    expect(await pulledRows(t, a.token, 'reviewFlag')).toEqual([]);
  });

  it('T1: a tablet whose clock is wrong but whose stamps are corrected is not flagged', async () => {
    // The clock runs 3 days ahead; the tablet learned the offset and stamps server-corrected time.
    deviceClock = t.clock.now + 3 * DAY;
    const task = putTask(ops, { createdAt: t.clock.now });
    await push(t, a.token, [task], deviceClock);
    expect(await pulledRows(t, a.token, 'reviewFlag')).toEqual([]);
  });

  it('T1: an op queued offline for hours with a right clock is judged by its device time, not flagged', async () => {
    const task = putTask(ops);
    t.clock.now += 6 * 3_600_000;
    deviceClock = t.clock.now;
    await push(t, a.token, [task], deviceClock);
    expect(await pulledRows(t, a.token, 'reviewFlag')).toEqual([]);
  });

  it('T1: a stamp just inside the 2-minute tolerance is not flagged, just outside it is', async () => {
    const inside = putTask(ops, { createdAt: deviceClock - CLOCK_SKEW_WARN_MS });
    const outside = putTask(ops, { createdAt: deviceClock - CLOCK_SKEW_WARN_MS - 1 });
    await push(t, a.token, [inside, outside], deviceClock);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags.map((f) => f['rowId'])).toEqual([outside.rowId]);
  });

  it('T1: a clock going backwards between two ops is flagged clockBackwards, even across pushes', async () => {
    await push(t, a.token, [putTask(ops)], deviceClock);
    // Someone set the tablet's clock back 10 minutes; its stamps follow it, as does deviceNow.
    deviceClock -= 600_000;
    t.clock.now += 1_000;
    const later = putTask(ops, { createdAt: t.clock.now });
    await push(t, a.token, [later], deviceClock);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'clockBackwards',
        table: 'task',
        rowId: later.rowId,
        field: 'deviceTime',
        counter: 2,
        stampedAt: deviceClock,
        expectedAt: deviceClock + 600_000,
      }),
    ]);
  });

  it('T1: a refused op is not flagged, and a replayed op is not flagged twice', async () => {
    deviceClock = t.clock.now - 3 * DAY;
    const refused = putTask(ops, { cause: '' });
    const skewed = putTask(ops);
    const first = await push(t, a.token, [refused, skewed], deviceClock);
    expect(first.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    const again = await push(t, a.token, [refused, skewed], deviceClock);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags.map((f) => [f['kind'], f['rowId']])).toEqual([['clockSkew', skewed.rowId]]);
  });

  it('T1: a patch is judged on the stamps it sets, not on stamps it repeats unchanged', async () => {
    const task = putTask(ops);
    await push(t, a.token, [task], deviceClock);
    t.clock.now += 3_600_000;
    deviceClock = t.clock.now;
    const closedAt = deviceClock - 10 * 60_000; // stamped ten minutes before the op was made
    const close = ops.op(
      'task',
      'patch',
      task.rowId,
      { status: 'done', result: '已更換', closedBy: a.adminStaffId, closedAt, createdAt: task.fields['createdAt'] },
      { status: 1, result: 1, closedBy: 1, closedAt: 1, createdAt: 1 },
    );
    await push(t, a.token, [close], deviceClock);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags.map((f) => [f['kind'], f['field'], f['stampedAt']])).toEqual([['clockSkew', 'closedAt', closedAt]]);
  });
});

describe('T1: a push without deviceNow (older tablets)', () => {
  it('T1: uses the offset learned at the last push that had one', async () => {
    deviceClock = t.clock.now - 3 * DAY;
    await push(t, a.token, [putTask(ops, { createdAt: t.clock.now })], deviceClock);
    expect(await pulledRows(t, a.token, 'reviewFlag')).toEqual([]);

    // Same tablet, same offset, a push that does not say its clock: a stamp of its own raw time is caught.
    const raw = putTask(ops);
    await push(t, a.token, [raw]);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags).toEqual([
      expect.objectContaining({ kind: 'clockSkew', rowId: raw.rowId, stampedAt: deviceClock, expectedAt: t.clock.now }),
    ]);
  });

  it('T1: with no offset known, only a stamp later than the receipt time is flagged', async () => {
    const queuedLongAgo = putTask(ops, { createdAt: t.clock.now - 2 * DAY });
    const inTheFuture = putTask(ops, { createdAt: t.clock.now + DAY });
    await push(t, a.token, [queuedLongAgo, inTheFuture]);
    const flags = await pulledRows(t, a.token, 'reviewFlag');
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'clockSkew',
        rowId: inTheFuture.rowId,
        stampedAt: t.clock.now + DAY,
        expectedAt: null,
      }),
    ]);
  });
});
