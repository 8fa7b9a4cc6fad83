import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../src/domain/sync-protocol';
import { call, countRows, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { buildRecord, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { countLineOp, expectApplied, handoverOp, pushOps } from './tablet-fixtures';
import { signingOps } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
  const record = await buildRecord(w, { signedAt: t.clock.now });
  expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));
  t.clock.now += 60_000;
});
afterEach(() => t.dispose());

const ops = () => w.tablet.ops;

describe('H3: a signed handover locks the draft, its count and the outgoing duty', () => {
  it('a patch of the locked duty is refused with code locked and httpStatus 409; the row is unchanged', async () => {
    const before = await storedRow(t.store, 'duty', w.dutyId);
    const [result] = await pushOps(t, w.tablet, [
      ops().op('duty', 'patch', w.dutyId, { endedAt: null }, { endedAt: 2 }),
    ]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(result?.message).toContain('H3');
    expect(await storedRow(t.store, 'duty', w.dutyId)).toEqual(before);

    // The refusal is visible on every tablet of the building.
    const pull = (await call(t, 'GET', '/api/v1/sync/pull?cursor=0&limit=1000', { token: w.tablet.token }))
      .body as PullResponse;
    const errors = pull.changes.filter((c) => c.table === 'syncError').map((c) => c.row);
    expect(errors).toEqual([expect.objectContaining({ code: 'locked', table: 'duty', rowId: w.dutyId })]);
  });

  it('a patch of the signed handover draft is refused locked', async () => {
    const before = await storedRow(t.store, 'handover', w.handoverId);
    const [result] = await pushOps(t, w.tablet, [
      ops().op('handover', 'patch', w.handoverId, { synthesis: '改寫' }, { synthesis: 1 }),
    ]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(await storedRow(t.store, 'handover', w.handoverId)).toEqual(before);
  });

  it('a count line appended after signing is refused locked and not stored', async () => {
    const line = countLineOp(ops(), {
      handoverId: w.handoverId,
      itemId: w.itemId,
      staffId: w.outgoingId,
      state: 'missing',
      quantity: 0,
      explanation: '簽署後才發現不見了',
    });
    const before = await countRows(t.store, 'countLine');
    const [result] = await pushOps(t, w.tablet, [line]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(await countRows(t.store, 'countLine')).toBe(before);
  });

  it('H3: a new handover draft for the locked duty is refused locked and not stored', async () => {
    const before = await countRows(t.store, 'handover');
    const [result] = await pushOps(t, w.tablet, [handoverOp(ops(), w.dutyId, w.outgoingId)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(result?.message).toContain('H3');
    expect(await countRows(t.store, 'handover')).toBe(before);
  });

  it('a new log entry on the locked duty is refused locked', async () => {
    const [result] = await pushOps(t, w.tablet, [ops().putLogEntry(w.dutyId, { staffId: w.outgoingId })]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(await countRows(t.store, 'logEntry')).toBe(1);
  });

  it('an entry of a locked duty: a content patch is refused, a status + result patch is applied', async () => {
    const id = w.entry.id;
    const before = await storedRow(t.store, 'logEntry', id);
    const [content] = await pushOps(t, w.tablet, [
      ops().op('logEntry', 'patch', id, { cause: '改寫原因', status: 'resolved' }, { cause: 1, status: 1 }),
    ]);
    expect(content).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(content?.message).toContain('cause');
    expect(await storedRow(t.store, 'logEntry', id)).toEqual(before);

    const [followUp] = await pushOps(t, w.tablet, [
      ops().op(
        'logEntry',
        'patch',
        id,
        { status: 'resolved', result: '已回覆租戶', cause: w.entry.cause },
        { status: 1, result: 1, cause: 1 },
      ),
    ]);
    expect(followUp).toEqual({ counter: expect.any(Number), status: 'applied' });
    const row = (await storedRow(t.store, 'logEntry', id))?.row;
    expect(row).toMatchObject({
      status: 'resolved',
      result: '已回覆租戶',
      cause: w.entry.cause,
      process: w.entry.process,
    });
  });

  it('the rows of an unsigned duty stay writable (only what was signed is locked)', async () => {
    const newDuty = (await t.store.listRows(w.a.siteId, 'duty')).find((d) => d.id !== w.dutyId);
    expect(newDuty?.row['handoverId']).toEqual(expect.any(String));
    const results = await pushOps(t, w.tablet, [
      ops().putLogEntry(String(newDuty?.id), { staffId: w.incomingId }),
      ops().op('duty', 'patch', String(newDuty?.id), { shiftId: 'day' }, { shiftId: 1 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });
});
