import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashRecord } from '../../../src/domain/chain';
import type { Op } from '../../../src/domain/sync-protocol';
import { countRows, makeTestServer, maxSeq, setupViaApi, signed, type TestServer, storedRow } from './helpers';
import { buildRecord, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { countLineOp, expectApplied, handoverOp, pushOps, secondTablet } from './tablet-fixtures';
import { signingOps, type RecordFields } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;
/** The records before the handover: the opening that opened the outgoing duty. */
let baseRecords: number;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
  baseRecords = await countRows(t.store, 'handoverRecord');
});
afterEach(() => t.dispose());

const putRecord = (record: RecordFields) => w.tablet.ops.op('handoverRecord', 'put', record.id, record);

async function signFirst(): Promise<RecordFields> {
  const record = await buildRecord(w, { signedAt: t.clock.now });
  expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));
  return record;
}

describe('H3: the signed record is insert-only', () => {
  it('the same record sent twice is a duplicate: applied, one row, nothing written again', async () => {
    const record = await signFirst();
    const stored = await storedRow(t.store, 'handoverRecord', record.id);
    expect(stored?.row['hash']).toBe(record.hash);
    const seq = await maxSeq(t.store);

    // The tablet queued it again (e.g. re-sent after a restore) under a new counter.
    const [again] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(again).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords + 1);
    expect(await storedRow(t.store, 'handoverRecord', record.id)).toEqual(stored);
    expect(await maxSeq(t.store)).toBe(seq);
    expect(await countRows(t.store, 'syncError')).toBe(0);
  });

  it('different content under the id of a signed record is refused immutable with httpStatus 409', async () => {
    const record = await signFirst();
    const { hash: _old, ...content } = { ...record, synthesis: '改過的內容' };
    const altered = { ...content, hash: await hashRecord(content) };
    const [result] = await pushOps(t, w.tablet, [putRecord(altered)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'immutable', httpStatus: 409 });
    expect((await storedRow(t.store, 'handoverRecord', record.id))?.row['synthesis']).toBe(record.synthesis);
  });

  it('a tampered record (content no longer matches its hash) is refused validation_failed: hash mismatch', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const tampered = { ...record, anomalyAnswer: '（已刪改）' };
    const [result] = await pushOps(t, w.tablet, [putRecord(tampered)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed', httpStatus: 400 });
    expect(result?.message).toContain('hash mismatch');
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
    expect(await t.store.getLock(w.a.siteId, 'duty', w.dutyId)).toBeUndefined();
    expect(await countRows(t.store, 'syncError')).toBe(1);
  });

  it('prevHash must be GENESIS_HASH or the hash of a record of this building', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now, prevHash: 'a'.repeat(64) });
    const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect(result?.message).toContain('prevHash');
  });

  it('an addendum (correctsId) chained on the first record is accepted while the duty stays locked', async () => {
    const first = await signFirst();
    t.clock.now += 3_600_000;
    const correction = await buildRecord(w, {
      signedAt: t.clock.now,
      prevHash: first.hash,
      correctsId: first.id,
      newDutyId: first.newDutyId,
      note: '更正：對講機其實借給了工程部',
    });
    const [result] = await pushOps(t, w.tablet, [putRecord(correction)]);
    expect(result).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords + 2);
    expect(await t.store.getChainRecordId(w.a.siteId, correction.hash)).toBe(correction.id);
    expect((await t.store.getLock(w.a.siteId, 'duty', w.dutyId))?.recordId).toBe(first.id);
  });
});

describe('a second tablet signing the same duty: never two open duties', () => {
  it('its record is refused handover_taken (naming who accepted, and when), its new duty reference_unknown', async () => {
    // Tablet B opened its own draft for the same outgoing duty while both were offline.
    const b = await secondTablet(t, w.a, w.outgoingId);
    const draftB = handoverOp(b.ops, w.dutyId, w.outgoingId);
    expectApplied(await pushOps(t, b, [draftB]));

    const first = await signFirst();
    t.clock.now += 120_000;
    const second = await buildRecord(w, {
      handoverId: draftB.rowId,
      incomingStaffId: w.otherId,
      signedAt: t.clock.now - 60_000,
    });
    const results = await pushOps(t, b, signingOps(b.ops, second, draftB.rowId));
    expect(results.map((r) => [r.status, r.code, r.httpStatus])).toEqual([
      ['applied', undefined, undefined],
      ['rejected', 'handover_taken', 409],
      ['rejected', 'reference_unknown', 409],
    ]);
    expect(results[1]?.message).toContain('李大明');
    expect(results[1]?.message).toContain(new Date(first.signedAt).toISOString());

    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords + 1);
    const duties = (await t.store.listRows(w.a.siteId, 'duty')).map((d) => d.row);
    const open = duties.filter((d) => d['endedAt'] === null);
    expect(open).toEqual([expect.objectContaining({ staffId: w.incomingId, handoverId: first.id })]);
    expect(duties.find((d) => d['id'] === w.dutyId)?.['endedAt']).toBe(first.signedAt);
  });

  it("H3: a count line for the second tablet's own signed draft (no lock row) is refused locked", async () => {
    const b = await secondTablet(t, w.a, w.outgoingId);
    const draftB = handoverOp(b.ops, w.dutyId, w.outgoingId);
    expectApplied(await pushOps(t, b, [draftB]));
    await signFirst();
    const second = await buildRecord(w, {
      handoverId: draftB.rowId,
      incomingStaffId: w.otherId,
      signedAt: t.clock.now,
    });
    const signing = await pushOps(t, b, signingOps(b.ops, second, draftB.rowId));
    expect(signing.map((r) => r.code)).toEqual([undefined, 'handover_taken', 'reference_unknown']);
    expect((await storedRow(t.store, 'handover', draftB.rowId))?.row['status']).toBe('signed');
    expect(await t.store.getLock(w.a.siteId, 'handover', draftB.rowId)).toBeUndefined();

    const line = countLineOp(b.ops, { handoverId: draftB.rowId, itemId: w.itemId, staffId: w.outgoingId });
    const [result] = await pushOps(t, b, [line]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect(result?.message).toContain('H3');
    expect(await storedRow(t.store, 'countLine', line.rowId)).toBeUndefined();
  });

  it('a record for a handover draft another record already locked is handover_taken too', async () => {
    const first = await signFirst();
    const again = await buildRecord(w, { incomingStaffId: w.otherId, signedAt: t.clock.now + 1, prevHash: first.hash });
    const [result] = await pushOps(t, w.tablet, [putRecord(again)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'handover_taken', httpStatus: 409 });
    expect(await storedRow(t.store, 'handoverRecord', again.id)).toBeUndefined();
  });

  it('H3: a second duty claiming the accepted record is refused duty_rule: only the duty the record opened', async () => {
    const first = await signFirst();
    const dutyId = crypto.randomUUID();
    const dutyOp = w.tablet.ops.op('duty', 'put', dutyId, {
      id: dutyId,
      siteId: w.a.siteId,
      staffId: w.otherId,
      deviceId: w.tablet.deviceId,
      shiftId: 'day',
      startedAt: first.signedAt,
      endedAt: null,
      handoverId: first.id,
    });
    const [result] = await pushOps(t, w.tablet, [dutyOp]);
    expect(result).toMatchObject({ status: 'rejected', code: 'duty_rule', httpStatus: 409 });
    expect(result?.message).toContain(String(first.newDutyId));
    const open = (await t.store.listRows(w.a.siteId, 'duty')).filter((d) => d.row['endedAt'] === null);
    expect(open.map((d) => d.id)).toEqual([first.newDutyId]);
  });

  it('H3: the duty a record opened must be for the person who took over (duty_rule)', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const [patchDraft, putRec, newDuty] = signingOps(w.tablet.ops, record) as [Op, Op, Op];
    const stranger = signed({ ...newDuty, fields: { ...newDuty.fields, staffId: w.otherId } });
    const results = await pushOps(t, w.tablet, [patchDraft, putRec, stranger]);
    expect(results.map((r) => r.code)).toEqual([undefined, undefined, 'duty_rule']);
    expect(results[2]?.message).toContain('H3');
    expect(results[2]?.message).toContain(w.incomingId);
    expect(await storedRow(t.store, 'duty', String(record.newDutyId))).toBeUndefined();
  });
});
