import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareHlc, parseHlc } from '../../../src/domain/hlc';
import { openHandoverDb } from '../../../src/client/db/open';
import { QuotaError } from '../../../src/client/db/errors';
import { amendLogEntry, createLogEntry } from '../../../src/client/db/repos/log-repo';
import { endDuty, startDuty } from './duty-fixture';
import { makeWriteContext, NotEnrolledError } from '../../../src/client/db/repos/write-context';
import { pendingOpCount } from '../../../src/client/db/queries';
import { enrolledDb, fields, T0, track } from './helpers';

async function setup() {
  const e = await enrolledDb();
  let clock = T0;
  const ctx = await makeWriteContext(e.db, e.staffId, () => clock);
  return { ...e, ctx, tick: (ms = 1) => (clock += ms) };
}

describe('outbox ordering', () => {
  it('gives every write the next counter, with consecutive counters and increasing HLCs', async () => {
    const { db, ctx, tick } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: 'day' });
    const a = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    if (!a.ok) throw new Error('entry refused');
    await amendLogEntry(db, ctx, {
      entryId: a.value.id,
      text: 'Walked them over',
      statusChange: 'resolved',
      result: 'Done',
    });
    tick(-5_000); // the tablet clock steps back: the HLC must still grow
    await endDuty(db, ctx, duty.id);

    const ops = await db.outbox.orderBy('counter').toArray();
    expect(ops.map((o) => o.counter)).toEqual([1, 2, 3, 4, 5]);
    expect(ops.map((o) => `${o.table}:${o.kind}`)).toEqual([
      'duty:put',
      'logEntry:put',
      'logAmendment:append',
      'logEntry:patch',
      'duty:patch',
    ]);
    for (let i = 1; i < ops.length; i++) expect(compareHlc(ops[i - 1]!.hlc, ops[i]!.hlc)).toBe(-1);
    expect(ops.every((o) => o.deviceId === ctx.deviceId && o.actorStaffId === ctx.actorStaffId)).toBe(true);
    expect((await db.meta.get('counter'))?.value).toBe(5);
    expect(await pendingOpCount(db)).toBe(5);
  });

  it('keeps counting from the persisted counter after the database is reopened', async () => {
    const { db, ctx } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    db.close();

    const reopened = openHandoverDb(db.name);
    track(reopened);
    const ctx2 = await makeWriteContext(reopened, ctx.actorStaffId, () => T0 + 10);
    await createLogEntry(reopened, ctx2, { dutyId: duty.id, fields: fields({ cause: 'second' }) });
    const counters = (await reopened.outbox.orderBy('counter').toArray()).map((o) => o.counter);
    expect(counters).toEqual([1, 2, 3]);
    // The HLC was persisted too: the new op is later than the ones before the reopen.
    const hlcs = (await reopened.outbox.orderBy('counter').toArray()).map((o) => o.hlc);
    expect(compareHlc(hlcs[1]!, hlcs[2]!)).toBe(-1);
  });

  it('writes the entity row and its op atomically: a failing transaction leaves neither', async () => {
    const { db, ctx } = await setup();
    // Occupy the next counter behind the repository's back: the op's `add` must fail.
    await db.outbox.add({
      deviceId: ctx.deviceId,
      counter: 1,
      table: 'duty',
      rowId: ctx.siteId,
      kind: 'patch',
      fields: {},
      baseVersion: {},
      hlc: '000000000000001-0000-x',
      deviceTime: 0,
      actorStaffId: ctx.actorStaffId,
    });
    await expect(createLogEntry(db, ctx, { dutyId: ctx.siteId, fields: fields() })).rejects.toThrow();
    expect(await db.logEntry.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get('counter'))?.value).toBe(0);
  });

  it('stores a new row with all versions 0 and its op carrying the whole row', async () => {
    const { db, ctx } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: 'day' });
    const local = await db.duty.get(duty.id);
    expect(local?._versions).toEqual({ staffId: 0, deviceId: 0, shiftId: 0, startedAt: 0, endedAt: 0, handoverId: 0 });
    const [op] = await db.outbox.toArray();
    expect(op?.fields).toEqual({
      id: duty.id,
      siteId: ctx.siteId,
      staffId: ctx.actorStaffId,
      deviceId: ctx.deviceId,
      shiftId: 'day',
      startedAt: T0,
      endedAt: null,
      handoverId: null,
    });
    expect(local?.updatedAt).toBe(op?.hlc);
    expect(parseHlc(op!.hlc)?.node).toBe(ctx.deviceId);
  });

  it("patch baseVersion counts this tablet's own queued writes, so offline edits never conflict with each other", async () => {
    const { db, ctx } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: 'day' });
    const e = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    if (!e.ok) throw new Error('refused');
    await amendLogEntry(db, ctx, { entryId: e.value.id, text: 'fixed', statusChange: 'resolved', result: 'ok' });
    await amendLogEntry(db, ctx, { entryId: e.value.id, text: 'came back', statusChange: 'open' });
    const patches = (await db.outbox.toArray()).filter((o) => o.kind === 'patch');
    // put makes the server's status version 1; the first patch makes it 2.
    expect(patches.map((p) => p.baseVersion['status'])).toEqual([1, 2]);
    expect(patches[0]?._prev).toEqual({ status: 'open', result: '', process: '' });
    // The stored versions stay the ones last seen from the server (the row is new: 0).
    expect((await db.logEntry.get(e.value.id))?._versions['status']).toBe(0);
  });

  it('surfaces a full disk as QuotaError and keeps the earlier write (docs/architecture.md Storage)', async () => {
    const { db, ctx } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    db.logEntry.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() })).rejects.toBeInstanceOf(QuotaError);
    expect(await db.duty.get(duty.id)).toBeDefined();
    expect(await db.logEntry.count()).toBe(0);
    expect((await db.outbox.toArray()).map((o) => o.counter)).toEqual([1]);
  });

  it('refuses to build a write context before enrolment', async () => {
    const db = track(openHandoverDb(`unenrolled-${Math.random()}`));
    await expect(makeWriteContext(db, 'someone')).rejects.toBeInstanceOf(NotEnrolledError);
  });
});
