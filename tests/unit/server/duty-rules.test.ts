/**
 * One duty at a time, begun and ended by the rules (H3, S1), enforced by the server whatever a
 * tablet sends: a duty starts only from the signed record that opened it, a tablet never ends or
 * rewrites a duty, the server ends the outgoing duty itself when it applies the record, and the
 * building never has two open duties.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../src/domain/sync-protocol';
import {
  call,
  countRows,
  makeTestServer,
  maxSeq,
  setupViaApi,
  type TestServer,
  storedRow,
  writeStoredRow,
} from './helpers';
import { buildRecord, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { expectApplied, pushOps } from './tablet-fixtures';
import { newDutyOp, signingOps } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
});
afterEach(() => t.dispose());

/** Rewrites a stored duty's end straight in the store, as a row written before the rule existed. */
async function endInStore(dutyId: string, endedAt: number): Promise<void> {
  const { siteId, table, id, row, versions, updatedHlc, deleted } = (await storedRow(t.store, 'duty', dutyId))!;
  await writeStoredRow(t.store, { siteId, table, id, row: { ...row, endedAt }, versions, updatedHlc, deleted });
}

const openDuties = async () => (await t.store.listRows(w.a.siteId, 'duty')).filter((d) => d.row.endedAt === null);

function dutyFields(staffId: string, overrides: Record<string, unknown> = {}) {
  const id = crypto.randomUUID();
  const fields = {
    id,
    siteId: w.a.siteId,
    staffId,
    deviceId: w.tablet.deviceId,
    shiftId: 'day',
    startedAt: t.clock.now,
    endedAt: null,
    handoverId: null,
    ...overrides,
  };
  return { id, fields };
}

describe('H3, S1: a duty begins only by the signed record that opened it', () => {
  it('H3: a duty started without a record is refused duty_rule (409); the duty a signed handover opened is applied', async () => {
    const bare = dutyFields(w.incomingId);
    const ended = dutyFields(w.incomingId, { endedAt: t.clock.now + 60_000 });
    const results = await pushOps(t, w.tablet, [
      w.tablet.ops.op('duty', 'put', bare.id, bare.fields),
      w.tablet.ops.op('duty', 'put', ended.id, ended.fields),
    ]);
    expect(results.map((r) => [r.code, r.httpStatus])).toEqual([
      ['duty_rule', 409],
      ['duty_rule', 409],
    ]);
    expect(results[0]?.message).toContain('H3');
    expect(await storedRow(t.store, 'duty', bare.id)).toBeUndefined();
    expect((await openDuties()).map((d) => d.id)).toEqual([w.dutyId]);

    const record = await buildRecord(w, { signedAt: t.clock.now });
    expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));
    expect((await openDuties()).map((d) => d.row)).toEqual([
      expect.objectContaining({ id: record.newDutyId, staffId: w.incomingId, handoverId: record.id }),
    ]);
  });

  it('H3: a second duty naming the opening that opened the open duty is refused duty_rule', async () => {
    const asOpener = dutyFields(w.incomingId, { handoverId: w.opening.id });
    const [result] = await pushOps(t, w.tablet, [w.tablet.ops.op('duty', 'put', asOpener.id, asOpener.fields)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'duty_rule' });
    expect(result?.message).toContain(String(w.opening.newDutyId));
    expect((await openDuties()).map((d) => d.id)).toEqual([w.dutyId]);
  });
});

describe('H3: a duty ends only by a signed handover or closing, which the server records', () => {
  it('H3: a patch of endedAt, startedAt, staffId or handoverId is refused duty_rule, even one that would lose to the server', async () => {
    const before = await storedRow(t.store, 'duty', w.dutyId);
    const patches = [
      { endedAt: t.clock.now },
      { startedAt: t.clock.now - 3_600_000 },
      { staffId: w.incomingId },
      { handoverId: null },
    ];
    const results = await pushOps(
      t,
      w.tablet,
      patches.map((fields) => w.tablet.ops.op('duty', 'patch', w.dutyId, fields, {})),
    );
    expect(results.map((r) => [r.code, r.httpStatus])).toEqual(patches.map(() => ['duty_rule', 409]));
    expect(results[0]?.message).toContain('endedAt');
    expect(await storedRow(t.store, 'duty', w.dutyId)).toEqual(before);
    expect(await countRows(t.store, 'conflict')).toBe(0);

    // What a tablet may change of its duty still applies.
    const [shift] = await pushOps(t, w.tablet, [
      w.tablet.ops.op('duty', 'patch', w.dutyId, { shiftId: 'night' }, { shiftId: 1 }),
    ]);
    expect(shift).toEqual({ counter: expect.any(Number), status: 'applied' });
  });

  it('H3: the signed handover ends the outgoing duty on the server, at the signing, pulled by every tablet', async () => {
    const cursor = await maxSeq(t.store);
    const record = await buildRecord(w, { signedAt: t.clock.now - 30_000 });
    expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));

    const duty = await storedRow(t.store, 'duty', w.dutyId);
    expect(duty?.row['endedAt']).toBe(record.signedAt);
    expect(duty?.versions['endedAt']).toBe(2);
    expect((await t.store.getLock(w.a.siteId, 'duty', w.dutyId))?.recordId).toBe(record.id);
    const pull = (await call(t, 'GET', `/api/v1/sync/pull?cursor=${cursor}&limit=1000`, { token: w.tablet.token }))
      .body as PullResponse;
    const ended = pull.changes.find((c) => c.table === 'duty' && c.id === w.dutyId);
    expect(ended?.row).toMatchObject({ endedAt: record.signedAt, staffId: w.outgoingId });
    expect(ended?.versions['endedAt']).toBe(2);
    // The record is applied before the duty ends, in the same push: the end comes after it.
    const recordSeq = pull.changes.find((c) => c.id === record.id)?.seq ?? Infinity;
    expect(ended?.seq).toBeGreaterThan(recordSeq);
    expect((await openDuties()).map((d) => d.id)).toEqual([record.newDutyId]);
  });

  it('H3: a record for a duty that already ended (a row from before the rule) is refused duty_rule', async () => {
    await endInStore(w.dutyId, t.clock.now - 60_000);
    const results = await pushOps(
      t,
      w.tablet,
      signingOps(w.tablet.ops, await buildRecord(w, { signedAt: t.clock.now })),
    );
    expect(results.map((r) => r.code)).toEqual([undefined, 'duty_rule', 'reference_unknown']);
    expect(results[1]?.message).toContain('already ended');
  });
});

describe('H3: never two open duties in one building', () => {
  it('H3: while another duty is open (one from before the rule), the duty a new record opens is refused duty_rule', async () => {
    // A duty a tablet started before the rule existed, still open, next to the outgoing one.
    const legacy = dutyFields(w.otherId);
    const seq = await writeStoredRow(t.store, {
      siteId: w.a.siteId,
      table: 'duty',
      id: legacy.id,
      row: { ...legacy.fields, updatedAt: '000000000000000-0000-legacy', deleted: false },
      versions: {},
      updatedHlc: '000000000000000-0000-legacy',
      deleted: false,
    });
    expect(seq).toBeGreaterThan(0);
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const results = await pushOps(t, w.tablet, signingOps(w.tablet.ops, record));
    expect(results.map((r) => r.code)).toEqual([undefined, undefined, 'duty_rule']);
    expect(results[2]?.message).toContain(legacy.id);
    expect(results[2]?.message).toContain('張志強');
    expect((await openDuties()).map((d) => d.id)).toEqual([legacy.id]);

    // Once that duty is handed over too, the duty the record opened can start.
    await endInStore(legacy.id, t.clock.now);
    const [retry] = await pushOps(t, w.tablet, [newDutyOp(w.tablet.ops, record)]);
    expect(retry).toEqual({ counter: expect.any(Number), status: 'applied' });
  });
});
