/**
 * The count view is read again after every tap (useLiveQuery): it reads the last closing count
 * through the signedAt index and every tap's photos in one query, never a whole table.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { GENESIS_HASH } from '../../../src/domain/chain';
import type { HandoverRecord } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import { countView, listRecords } from '../../../src/client/db/queries/handover-queries';
import { newestRecord } from '../../../src/client/db/queries/record-chain';
import { chainHead } from '../../../src/client/db/repos/sign-record';
import { recordCountTap } from '../../../src/client/db/repos/count-repo';
import { openHandover } from '../../../src/client/db/repos/handover-repo';
import { preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { building, CHANGE_AT, HOUR, preparedHandover, signInput, type Building } from './handover-fixtures';

async function photo(seed: number) {
  return preparePhoto({ data: new Uint8Array([seed, 2, 3, 4]).buffer, mime: 'image/jpeg', width: 4, height: 1 });
}

async function damaged(b: Building, handoverId: string, itemId: string, seed: number) {
  const r = await recordCountTap(b.db, b.ctx, {
    handoverId,
    itemId,
    state: 'damaged',
    quantity: 1,
    explanation: `Cracked ${seed}`,
    photo: await photo(seed),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** A copy of `record` as another handover's, for the index reads (its hash is not checked here). */
async function putCopy(b: Building, record: HandoverRecord, over: Partial<HandoverRecord>) {
  const row = { ...record, id: newId(), handoverId: newId(), ...over, _versions: {} };
  await b.db.handoverRecord.put(row);
  return row;
}

describe('count view reads (H8)', () => {
  it("each item's newest tap shows its own photos, all read in one query; no whole table is loaded", async () => {
    const b = await building();
    b.clock.now = CHANGE_AT - 10 * 60_000;
    // A closing: the person on duty counts alone (H8), so the taps are theirs.
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'closing' });
    await damaged(b, h.id, b.items.key.id, 1);
    b.clock.now += 1000;
    const key = await damaged(b, h.id, b.items.key.id, 2);
    const radio = await damaged(b, h.id, b.items.radio.id, 3);

    const photoWhere = vi.spyOn(b.db.photo, 'where');
    const recordsLoaded = vi.spyOn(b.db.handoverRecord, 'toArray');
    const view = await countView(b.db, h.id, b.clock.now);
    expect(photoWhere.mock.calls).toEqual([['ownerId']]);
    expect(recordsLoaded).not.toHaveBeenCalled();

    const byItem = new Map(view.groups.flatMap((g) => g.items).map((v) => [v.item.id, v]));
    expect(byItem.get(b.items.key.id)?.line?.id).toBe(key.id);
    expect(byItem.get(b.items.key.id)?.photos.map((p) => p.ownerId)).toEqual([key.id]);
    expect(byItem.get(b.items.key.id)?.photos.map((p) => p.sha256)).toEqual([(await photo(2)).sha256]);
    expect(byItem.get(b.items.radio.id)?.photos.map((p) => p.ownerId)).toEqual([radio.id]);
    expect(byItem.get(b.items.book.id)?.photos).toEqual([]);
  });

  it('the last closing count is the newest live record of another handover, by signedAt', async () => {
    const b = await building();
    const h1 = await preparedHandover(b);
    const signed = await signHandover(b.db, b.ctx, signInput(b, h1.id));
    if (!signed.ok) throw new Error(signed.errors);
    const first = signed.value.record;
    b.clock.now = CHANGE_AT + 7 * HOUR;
    const ctx2 = await makeWriteContext(b.db, b.people.incoming, () => b.clock.now);
    const newDuty = signed.value.newDuty;
    if (!newDuty) throw new Error('a handover opens a new duty');
    const h2 = await openHandover(b.db, ctx2, { outgoingDutyId: newDuty.id, scheduledAt: null, kind: 'handover' });

    const radioOf = (count: HandoverRecord['count']) =>
      count.map((l) =>
        l.itemId === b.items.radio.id ? { ...l, state: 'missing' as const, quantity: 0, explanation: 'Gone' } : l,
      );
    // A deleted newer record and a record of this very handover (an addendum, say) are passed over.
    await putCopy(b, first, { signedAt: first.signedAt + 2, deleted: true, count: radioOf(first.count) });
    await putCopy(b, first, { signedAt: first.signedAt + 3, handoverId: h2.id, count: radioOf(first.count) });
    let view = await countView(b.db, h2.id, b.clock.now);
    const radio = () => view.groups.flatMap((g) => g.items).find((v) => v.item.id === b.items.radio.id);
    expect(radio()?.lastClosing).toMatchObject({ state: 'present', quantity: 2 });

    const newer = await putCopy(b, first, { signedAt: first.signedAt + 1, count: radioOf(first.count) });
    view = await countView(b.db, h2.id, b.clock.now);
    expect(radio()?.lastClosing).toMatchObject({ state: 'missing', explanation: 'Gone' });
    expect((await newestRecord(b.db, { exceptHandoverId: h2.id }))?.id).toBe(newer.id);
  });

  it('listRecords reads the newest `limit` live records through the index; the chain head is the newest', async () => {
    const b = await building();
    expect(await chainHead(b.db)).toBe(GENESIS_HASH);
    const h = await preparedHandover(b);
    const signed = await signHandover(b.db, b.ctx, signInput(b, h.id));
    if (!signed.ok) throw new Error(signed.errors);
    const first = signed.value.record;
    const second = await putCopy(b, first, { signedAt: first.signedAt + 10, hash: 'b'.repeat(64) });
    await putCopy(b, first, { signedAt: first.signedAt + 20, hash: 'c'.repeat(64), deleted: true });
    const third = await putCopy(b, first, { signedAt: first.signedAt + 30, hash: 'd'.repeat(64) });

    const recordsLoaded = vi.spyOn(b.db.handoverRecord, 'toArray');
    expect((await listRecords(b.db, 2)).map((r) => r.id)).toEqual([third.id, second.id]);
    expect((await listRecords(b.db, 10)).map((r) => r.id)).toEqual([third.id, second.id, first.id]);
    expect(await listRecords(b.db, 0)).toEqual([]);
    expect(recordsLoaded).not.toHaveBeenCalled();
    // Returned as signed: without the tablet's version bookkeeping.
    expect((await listRecords(b.db, 1))[0]).not.toHaveProperty('_versions');
    expect(await chainHead(b.db)).toBe(third.hash);
  });
});
