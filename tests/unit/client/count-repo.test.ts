import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HandoverActorError } from '../../../src/client/db/errors';
import { openHandoverDb } from '../../../src/client/db/open';
import { countView } from '../../../src/client/db/queries/handover-queries';
import { FOUND_AT_COUNT_RESULT, markAllPresent, recordCountTap } from '../../../src/client/db/repos/count-repo';
import { openHandover } from '../../../src/client/db/repos/handover-repo';
import { preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { joinHandover } from '../../../src/client/db/repos/desk-repo';
import { building, CHANGE_AT, HOUR, incomingCtx, putItem, putMovement, type Building } from './handover-fixtures';
import { track } from './helpers';

/** The handover at the change of shift, joined by the incoming person, who counts (H8). */
async function counting(b: Building) {
  b.clock.now = CHANGE_AT - 10 * 60_000;
  const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
  const joined = await joinHandover(b.db, await incomingCtx(b), h.id);
  if (!joined.ok) throw new Error(joined.errors);
  return joined.value;
}

async function tap(
  b: Building,
  handoverId: string,
  itemId: string,
  over: Partial<Parameters<typeof recordCountTap>[2]> = {},
) {
  const r = await recordCountTap(b.db, await incomingCtx(b), {
    handoverId,
    itemId,
    state: 'present',
    quantity: 1,
    explanation: '',
    ...over,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('count taps (H8)', () => {
  it('H8: the incoming person counts: before they join nobody taps, after it only they do', async () => {
    const b = await building();
    b.clock.now = CHANGE_AT - 10 * 60_000;
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    const present = {
      handoverId: h.id,
      itemId: b.items.key.id,
      state: 'present' as const,
      quantity: 1,
      explanation: '',
    };
    await expect(recordCountTap(b.db, b.ctx, present)).rejects.toBeInstanceOf(HandoverActorError);
    await expect(recordCountTap(b.db, await incomingCtx(b), present)).rejects.toBeInstanceOf(HandoverActorError);
    const joined = await joinHandover(b.db, await incomingCtx(b), h.id);
    if (!joined.ok) throw new Error(joined.errors);
    await expect(recordCountTap(b.db, b.ctx, present)).rejects.toBeInstanceOf(HandoverActorError);
    await expect(markAllPresent(b.db, b.ctx, { handoverId: h.id, itemIds: [b.items.key.id] })).rejects.toBeInstanceOf(
      HandoverActorError,
    );
    expect(await b.db.countLine.count()).toBe(0);
    const line = await tap(b, h.id, b.items.key.id);
    expect(line.staffId).toBe(b.people.incoming);
  });

  it('H8: a tap is in IndexedDB with its outbox op as soon as the call resolves', async () => {
    const b = await building();
    const h = await counting(b);
    const line = await tap(b, h.id, b.items.key.id);
    // A second connection to the same database (a reload) sees the line and its op.
    const reopened = track(openHandoverDb(b.db.name));
    expect(await reopened.countLine.get(line.id)).toMatchObject({
      handoverId: h.id,
      itemId: b.items.key.id,
      state: 'present',
      quantity: 1,
      staffId: b.people.incoming,
      explainedBy: null,
      recordedAt: CHANGE_AT - 10 * 60_000,
    });
    const ops = await reopened.outbox.where('[table+rowId]').equals(['countLine', line.id]).toArray();
    expect(ops.map((o) => [o.kind, o.actorStaffId])).toEqual([['append', b.people.incoming]]);
    expect((await countView(reopened, h.id, b.clock.now)).progress.done).toBe(1);
  });

  it('H8: missing, damaged or short without an explanation is refused and writes nothing', async () => {
    const b = await building();
    const h = await counting(b);
    const before = await b.db.outbox.count();
    for (const over of [
      { state: 'missing' as const, quantity: 0 },
      { state: 'damaged' as const, quantity: 1 },
      { state: 'present' as const, quantity: 1, itemId: b.items.radio.id, explanation: '  ' },
    ]) {
      const r = await recordCountTap(b.db, await incomingCtx(b), {
        handoverId: h.id,
        itemId: b.items.key.id,
        explanation: '',
        ...over,
      });
      expect(r).toEqual({ ok: false, errors: { explanation: 'required' } });
    }
    const tooMany = await recordCountTap(b.db, await incomingCtx(b), {
      handoverId: h.id,
      itemId: b.items.radio.id,
      state: 'present',
      quantity: 3,
      explanation: '',
    });
    expect(tooMany).toEqual({ ok: false, errors: { quantity: 'tooHigh' } });
    expect(await b.db.countLine.count()).toBe(0);
    expect(await b.db.task.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(before);
  });

  it('H8: a discrepancy opens exactly one follow-up task; a later clear tap closes it', async () => {
    const b = await building();
    const h = await counting(b);
    const missing = await tap(b, h.id, b.items.radio.id, {
      state: 'missing',
      quantity: 1,
      explanation: 'Lent to security at 14:00, not back',
    });
    const tasks = await b.db.task.toArray();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'followUp',
      status: 'open',
      title: 'Radio (R1)',
      cause: 'Lent to security at 14:00, not back',
      sourceTable: 'countLine',
      sourceId: missing.id,
      itemId: b.items.radio.id,
      dutyId: b.duty.id,
      createdBy: b.people.incoming,
    });
    // H8 (由交班人說明): the incoming person tapped; the explanation is the outgoing person's.
    expect(missing).toMatchObject({ staffId: b.people.incoming, explainedBy: b.people.outgoing });
    // The line and its task went out in the same write: their ops are consecutive.
    const ops = await b.db.outbox.orderBy('counter').toArray();
    expect(ops.slice(-2).map((o) => `${o.table}:${o.kind}`)).toEqual(['countLine:append', 'task:put']);

    // Still a discrepancy (short by one): no second task.
    await tap(b, h.id, b.items.radio.id, { state: 'present', quantity: 1, explanation: 'One still with security' });
    expect(await b.db.task.count()).toBe(1);
    // Another item's discrepancy gets its own task.
    await tap(b, h.id, b.items.key.id, { state: 'damaged', quantity: 1, explanation: 'Bent tooth' });
    expect(await b.db.task.count()).toBe(2);

    await tap(b, h.id, b.items.radio.id, { state: 'present', quantity: 2 });
    const radioTask = await b.db.task.get(tasks[0]!.id);
    expect(radioTask).toMatchObject({
      status: 'done',
      result: FOUND_AT_COUNT_RESULT,
      closedBy: b.people.incoming,
      closedAt: b.clock.now,
    });
    const last = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(last).toMatchObject({ table: 'task', kind: 'patch', rowId: radioTask!.id });
    // The key's task stays open.
    expect((await b.db.task.where('status').equals('open').toArray()).map((t) => t.itemId)).toEqual([b.items.key.id]);
  });

  it('H8: a photo of a damaged item is stored with its line in the same write', async () => {
    const b = await building();
    const h = await counting(b);
    const photo = await preparePhoto({
      data: new Uint8Array([1, 2, 3, 4]).buffer,
      mime: 'image/jpeg',
      width: 4,
      height: 1,
    });
    const line = await tap(b, h.id, b.items.key.id, { state: 'damaged', explanation: 'Cracked', photo });
    expect(await b.db.photo.where('[ownerTable+ownerId]').equals(['countLine', line.id]).count()).toBe(1);
    expect((await b.db.photoBlob.get(photo.sha256))?.uploaded).toBe(0);
    const view = await countView(b.db, h.id, b.clock.now);
    const key = view.groups.flatMap((g) => g.items).find((v) => v.item.id === b.items.key.id);
    expect(key?.photos.map((p) => p.sha256)).toEqual([photo.sha256]);
  });

  it('H8: "all present" writes one line per item at the quantity expected at the desk, skipping wholly lent items', async () => {
    const b = await building();
    const h = await counting(b);
    await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.radio.id,
      kind: 'lend',
      dueAt: CHANGE_AT + HOUR,
    });
    await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.key2.id,
      kind: 'lend',
      dueAt: CHANGE_AT + HOUR,
    });
    const before = await b.db.outbox.count();
    const ids = Object.values(b.items).map((i) => i.id);
    const lines = await markAllPresent(b.db, await incomingCtx(b), { handoverId: h.id, itemIds: ids });
    expect(lines.map((l) => [l.itemId, l.state, l.quantity])).toEqual([
      [b.items.radio.id, 'present', 1],
      [b.items.key.id, 'present', 1],
      [b.items.book.id, 'present', 1],
    ]);
    expect(await b.db.outbox.count()).toBe(before + 3);
    const view = await countView(b.db, h.id, b.clock.now);
    expect(view.progress).toEqual({ total: 4, done: 4, discrepancies: 0, complete: true });
  });

  it('the count view groups items by category, shows loans and counts custody items only while held', async () => {
    const b = await building();
    const h = await counting(b);
    const bag = await putItem(b.db, b.siteId, { category: 'custody', code: 'C1', label: 'Found bag' });
    const intake = await putMovement(b.db, b.siteId, b.people.outgoing, { itemId: bag.id, kind: 'custodyIn' });
    await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.key2.id,
      kind: 'lend',
      party: 'Tenant 12F',
      dueAt: b.clock.now - HOUR,
    });
    let view = await countView(b.db, h.id, b.clock.now);
    expect(view.groups.map((g) => g.category)).toEqual(['radio', 'key', 'recordBook', 'custody']);
    const roof = view.groups[1]!.items.find((v) => v.item.code === 'K2');
    expect(roof).toMatchObject({
      lent: 1,
      borrowers: ['Tenant 12F'],
      overdue: true,
      accountedWithoutTap: true,
      expectedAtDesk: 0,
    });
    expect(view).toMatchObject({ startedAt: null, locked: false, progress: { total: 5, done: 1, complete: false } });

    await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: bag.id,
      kind: 'custodyOut',
      closesId: intake.id,
      checkedHow: 'HKID',
    });
    const first = await tap(b, h.id, b.items.book.id);
    view = await countView(b.db, h.id, b.clock.now);
    expect(view.groups.map((g) => g.category)).toEqual(['radio', 'key', 'recordBook']);
    expect(view.startedAt).toBe(first.recordedAt);
    expect(view.groups[2]!.items[0]!.line?.id).toBe(first.id);
  });

  it('the newest tap of an item is its state', async () => {
    const b = await building();
    const h = await counting(b);
    await tap(b, h.id, b.items.key.id, { state: 'missing', quantity: 0, explanation: 'Not on the hook' });
    b.clock.now += 1000;
    const found = await tap(b, h.id, b.items.key.id);
    const view = await countView(b.db, h.id, b.clock.now);
    expect(view.groups[1]!.items[0]!.line?.id).toBe(found.id);
    expect(view.progress.discrepancies).toBe(0);
  });
});
