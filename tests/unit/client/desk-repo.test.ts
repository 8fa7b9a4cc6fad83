/**
 * One duty at a time (H3, S1): the desk is closed when no shift follows and opened by the person
 * rostered now when no duty is open.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deskState } from '../../../src/client/db/queries/desk-queries';
import { countView, gateFor } from '../../../src/client/db/queries/handover-queries';
import { markAllPresent, recordCountTap } from '../../../src/client/db/repos/count-repo';
import { openDesk } from '../../../src/client/db/repos/desk-repo';
import { openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { building, CHANGE_AT, HOUR, incomingCtx, putRota, signature, type Building } from './handover-fixtures';
import { T0 } from './helpers';

const SITE = { incomingLeadMinutes: 5 };

/** The building's settings as pulled (the gate reads the lead time H1 from them). */
async function putSite(b: Building) {
  await b.db.site.put({
    id: b.siteId,
    siteId: b.siteId,
    updatedAt: '001748854800000-0000-server',
    deleted: false,
    _versions: {},
    name: 'Harbour Centre',
    timeZone: 'Asia/Hong_Kong',
    shifts: [{ id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' }],
    incomingLeadMinutes: 5,
    outgoingLeadMinutes: 15,
    retentionDays: 730,
    idleSignOutMinutes: 10,
    localWindowDays: 90,
  });
}

/** The outgoing person closes the desk: no shift is rostered to follow (H3). */
async function closeDesk(b: Building) {
  b.clock.now = CHANGE_AT - 10 * 60_000;
  const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'closing' });
  await updateHandover(b.db, b.ctx, h.id, { recordReviewed: true, equipmentChecked: true, pendingReviewed: true });
  const items = await b.db.item.toArray();
  await markAllPresent(b.db, b.ctx, { handoverId: h.id, itemIds: items.map((i) => i.id) });
  return h;
}

describe('closing the desk (H3)', () => {
  it('H3: with a shift rostered to follow the desk is handed over, not closed', async () => {
    const b = await building();
    const h = await closeDesk(b);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([{ code: 'nextShiftRostered', refs: [] }]);
    const closing = {
      handoverId: h.id,
      signatures: [signature('outgoing', b.people.outgoing, b.clock.now)],
      blockersSeen: [],
    };
    expect(await signHandover(b.db, b.ctx, closing)).toEqual({ ok: false, errors: 'blocked' });
  });

  it('H3: with no shift to follow, the person on duty closes the desk alone: record, no new duty, no duty-end op', async () => {
    const b = await building();
    await b.db.rotaShift.clear();
    const h = await closeDesk(b);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);
    // The count is the outgoing person's own at a closing (nobody takes over).
    expect((await b.db.countLine.toArray()).every((l) => l.staffId === b.people.outgoing)).toBe(true);
    const before = (await b.db.outbox.orderBy('counter').last())!.counter;
    const r = await signHandover(b.db, b.ctx, {
      handoverId: h.id,
      signatures: [signature('outgoing', b.people.outgoing, b.clock.now)],
      blockersSeen: [],
    });
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.newDuty).toBeNull();
    expect(r.value.record).toMatchObject({
      kind: 'closing',
      outgoingDutyId: b.duty.id,
      outgoingStaffId: b.people.outgoing,
      incomingStaffId: null,
      newDutyId: null,
      joinedAt: null,
      duty: { id: b.duty.id, endedAt: b.clock.now },
    });
    expect(r.value.record.signatures.map((s) => s.role)).toEqual(['outgoing']);
    const ops = await b.db.outbox.where('counter').above(before).sortBy('counter');
    expect(ops.map((o) => `${o.table}:${o.kind}`)).toEqual(['handover:patch', 'handoverRecord:put']);
    expect((await b.db.duty.get(b.duty.id))?.endedAt).toBe(b.clock.now);
    expect((await deskState(b.db, b.people.outgoing, b.clock.now, SITE)).openDuty).toBeNull();
  });
});

describe('opening the desk (H3, S1, H8)', () => {
  it('S1: only the person rostered now opens it, only while no duty is open; the count is against the last closing count', async () => {
    const b = await building();
    await putSite(b);
    await b.db.rotaShift.clear();
    // H3: a duty is open: nobody opens another.
    await putRota(b.db, b.siteId, b.people.next, T0);
    expect(await openDesk(b.db, await incomingCtx(b, b.people.next), SITE)).toEqual({ ok: false, errors: 'dutyOpen' });

    const closing = await closeDesk(b);
    const closed = await signHandover(b.db, b.ctx, {
      handoverId: closing.id,
      signatures: [signature('outgoing', b.people.outgoing, b.clock.now)],
      blockersSeen: [],
    });
    if (!closed.ok) throw new Error(closed.errors);

    b.clock.now = CHANGE_AT + HOUR;
    await putRota(b.db, b.siteId, b.people.next, CHANGE_AT + HOUR + 3 * 60_000); // starts in 3 min: arriving early
    expect(await openDesk(b.db, await incomingCtx(b, b.people.other), SITE)).toEqual({
      ok: false,
      errors: 'notRostered',
    });
    const opener = await incomingCtx(b, b.people.next);
    const opened = await openDesk(b.db, opener, SITE);
    if (!opened.ok) throw new Error(opened.errors);
    const h = opened.value;
    expect(h).toMatchObject({
      kind: 'opening',
      outgoingDutyId: null,
      outgoingStaffId: null,
      incomingStaffId: b.people.next,
      joinedAt: b.clock.now,
      scheduledAt: CHANGE_AT + HOUR + 3 * 60_000,
    });
    expect(await openDesk(b.db, opener, SITE)).toMatchObject({ ok: true, value: { id: h.id } }); // the same draft again

    // H8: each item against the last closing count; a discrepancy is explained by the opener.
    const view = await countView(b.db, h.id, b.clock.now);
    expect(view.groups.flatMap((g) => g.items).every((i) => i.lastClosing?.state === 'present')).toBe(true);
    const tap = await recordCountTap(b.db, opener, {
      handoverId: h.id,
      itemId: b.items.book.id,
      state: 'missing',
      quantity: 0,
      explanation: 'Not on the desk when I arrived',
    });
    expect(tap).toMatchObject({ ok: true, value: { staffId: b.people.next, explainedBy: b.people.next } });
    const items = await b.db.item.toArray();
    await markAllPresent(b.db, opener, {
      handoverId: h.id,
      itemIds: items.map((i) => i.id).filter((id) => id !== b.items.book.id),
    });
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);

    const before = (await b.db.outbox.orderBy('counter').last())!.counter;
    const r = await signHandover(b.db, opener, {
      handoverId: h.id,
      signatures: [signature('incoming', b.people.next, b.clock.now)],
      blockersSeen: [],
    });
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.record).toMatchObject({
      kind: 'opening',
      outgoingDutyId: null,
      outgoingStaffId: null,
      incomingStaffId: b.people.next,
      duty: null,
      prevHash: closed.value.record.hash,
    });
    expect(r.value.newDuty).toMatchObject({ staffId: b.people.next, handoverId: r.value.record.id, endedAt: null });
    const ops = await b.db.outbox.where('counter').above(before).sortBy('counter');
    expect(ops.map((o) => `${o.table}:${o.kind}:${o.actorStaffId}`)).toEqual([
      `handover:patch:${b.people.next}`,
      `handoverRecord:put:${b.people.next}`,
      `duty:put:${b.people.next}`,
    ]);
    // One duty at a time: now open, nobody opens the desk again.
    expect(await openDesk(b.db, await incomingCtx(b, b.people.other), SITE)).toEqual({ ok: false, errors: 'dutyOpen' });
  });

  it('H3: an opening is refused at signing when a duty has opened meanwhile (pulled from another tablet)', async () => {
    const b = await building();
    await b.db.rotaShift.clear();
    await putRota(b.db, b.siteId, b.people.next, T0);
    await b.db.duty.put({ ...(await b.db.duty.get(b.duty.id))!, endedAt: T0 }); // ended by an earlier closing
    const opener = await incomingCtx(b, b.people.next);
    const opened = await openDesk(b.db, opener, SITE);
    if (!opened.ok) throw new Error(opened.errors);
    const items = await b.db.item.toArray();
    await markAllPresent(b.db, opener, { handoverId: opened.value.id, itemIds: items.map((i) => i.id) });
    await b.db.duty.put({
      ...(await b.db.duty.get(b.duty.id))!,
      id: crypto.randomUUID(),
      staffId: b.people.other,
      endedAt: null,
    });
    const r = await signHandover(b.db, opener, {
      handoverId: opened.value.id,
      signatures: [signature('incoming', b.people.next, b.clock.now)],
      blockersSeen: [],
    });
    expect(r).toEqual({ ok: false, errors: 'dutyOpen' });
  });
});
