import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { attendanceBetween, listSwaps, rotaBetween } from '../../../src/client/db/queries/rota-queries';
import { decideSwap, removeRotaShift, requestSwap, saveRotaShift } from '../../../src/client/db/repos/rota-repo';
import { makeWriteContext, type WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { enrolledDb, T0, typedPin } from './helpers';

const HOUR = 3_600_000;
const DAY = '2025-06-02';
/** 09:00 in Hong Kong (UTC+8) on DAY. */
const DAY_START = Date.UTC(2025, 5, 2, 1, 0);

function site(siteId: string): Site {
  return {
    id: siteId,
    siteId,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    name: 'Harbour Tower',
    timeZone: 'Asia/Hong_Kong',
    shifts: [
      { id: 'day', name: 'Day', start: '09:00', end: '18:00' },
      { id: 'night', name: 'Night', start: '18:00', end: '09:00' },
    ],
    incomingLeadMinutes: 5,
    outgoingLeadMinutes: 15,
    retentionDays: 730,
    idleSignOutMinutes: 30,
    localWindowDays: 90,
  };
}

async function setup() {
  const e = await enrolledDb();
  // Issue 9: each person's PIN typed on this tablet, so their ops are signed.
  const as = (id: string) => (typedPin(id), makeWriteContext(e.db, id, () => T0));
  const chief = await as(e.staffId);
  const manager = await as(newId());
  const alice = await as(newId());
  const bob = await as(newId());
  return { ...e, site: site(e.siteId), chief, manager, alice, bob };
}

async function shift(db: HandoverDb, ctx: WriteContext, s: Site, staffId: string, day = DAY, shiftId = 'day') {
  const r = await saveRotaShift(db, ctx, { staffId, day, shiftId, note: '' }, s);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('rota (S1, S2)', () => {
  it("S2, T1: computes a shift's start and end in the building's zone, a night shift ending the next day", async () => {
    const { db, chief, alice, site: s } = await setup();
    const day = await shift(db, chief, s, alice.actorStaffId);
    expect(day).toMatchObject({ day: DAY, shiftId: 'day', startsAt: DAY_START, endsAt: DAY_START + 9 * HOUR });
    const night = await shift(db, chief, s, alice.actorStaffId, DAY, 'night');
    expect(night).toMatchObject({ startsAt: DAY_START + 9 * HOUR, endsAt: DAY_START + 24 * HOUR });
    expect((await db.outbox.toArray()).map((o) => `${o.table}:${o.kind}`)).toEqual(['rotaShift:put', 'rotaShift:put']);
  });

  it('refuses a second shift for the same person on the same day and shift, an unknown shift or no person', async () => {
    const { db, chief, alice, bob, site: s } = await setup();
    const first = await shift(db, chief, s, alice.actorStaffId);
    const ops = await db.outbox.count();
    expect(
      await saveRotaShift(db, chief, { staffId: alice.actorStaffId, day: DAY, shiftId: 'day', note: '' }, s),
    ).toEqual({
      ok: false,
      errors: { staffId: 'alreadyRostered' },
    });
    expect(await saveRotaShift(db, chief, { staffId: '', day: DAY, shiftId: 'late', note: '' }, s)).toEqual({
      ok: false,
      errors: { staffId: 'required', shiftId: 'invalid' },
    });
    expect(await db.rotaShift.count()).toBe(1);
    expect(await db.outbox.count()).toBe(ops);
    // Editing the shift itself is not a second shift; moving it to Bob is a patch.
    const moved = await saveRotaShift(
      db,
      chief,
      { id: first.id, staffId: bob.actorStaffId, day: DAY, shiftId: 'day', note: 'swap' },
      s,
    );
    expect(moved.ok && moved.value).toMatchObject({ id: first.id, staffId: bob.actorStaffId, note: 'swap' });
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({
      kind: 'patch',
      fields: { staffId: bob.actorStaffId, note: 'swap' },
    });
  });

  it('removes a shift as a tombstone with a delete op', async () => {
    const { db, chief, alice, site: s } = await setup();
    const sh = await shift(db, chief, s, alice.actorStaffId);
    await removeRotaShift(db, chief, sh.id);
    await removeRotaShift(db, chief, sh.id);
    expect((await db.rotaShift.get(sh.id))?.deleted).toBe(true);
    expect((await db.outbox.toArray()).map((o) => o.kind)).toEqual(['put', 'delete']);
    expect((await rotaBetween(db, DAY_START - HOUR, DAY_START + 24 * HOUR)).shifts).toEqual([]);
  });
});

describe('swaps and covers (S1)', () => {
  it('validates a request and writes nothing when refused', async () => {
    const { db, chief, alice, site: s } = await setup();
    const sh = await shift(db, chief, s, alice.actorStaffId);
    const ops = await db.outbox.count();
    const base = {
      kind: 'swap' as const,
      rotaShiftId: sh.id,
      substituteId: alice.actorStaffId,
      otherShiftId: null,
      reason: ' ',
    };
    expect(await requestSwap(db, alice, base)).toEqual({
      ok: false,
      errors: { reason: 'required', substituteId: 'same', otherShiftId: 'required' },
    });
    expect(await requestSwap(db, alice, { ...base, kind: 'cover', substituteId: '', reason: 'Doctor' })).toEqual({
      ok: false,
      errors: { substituteId: 'required' },
    });
    expect(await db.swapRequest.count()).toBe(0);
    expect(await db.outbox.count()).toBe(ops);
  });

  it('a cover changes the rota only once the chief confirmed and the manager approved', async () => {
    const { db, chief, manager, alice, bob, site: s } = await setup();
    const sh = await shift(db, chief, s, alice.actorStaffId);
    const req = await requestSwap(db, alice, {
      kind: 'cover',
      rotaShiftId: sh.id,
      substituteId: bob.actorStaffId,
      otherShiftId: 'ignored for a cover',
      reason: 'Medical appointment',
    });
    if (!req.ok) throw new Error(JSON.stringify(req.errors));
    expect(req.value).toMatchObject({ status: 'requested', requesterId: alice.actorStaffId, otherShiftId: null });
    const who = async () => (await rotaBetween(db, DAY_START, DAY_START + 9 * HOUR)).assignments.map((a) => a.staffId);
    const id = req.value.id;

    expect(await decideSwap(db, bob, { swapId: id, action: 'confirm', note: '' }, 'desk')).toEqual({
      ok: false,
      errors: { action: 'wrongRole' },
    });
    expect(await decideSwap(db, manager, { swapId: id, action: 'approve', note: '' }, 'manager')).toEqual({
      ok: false,
      errors: { action: 'outOfOrder' },
    });
    const confirmed = await decideSwap(db, chief, { swapId: id, action: 'confirm', note: '' }, 'chief');
    expect(confirmed.ok && confirmed.value).toMatchObject({
      status: 'confirmed',
      confirmedBy: chief.actorStaffId,
      confirmedAt: T0,
    });
    expect(await who()).toEqual([alice.actorStaffId]);

    const approved = await decideSwap(db, manager, { swapId: id, action: 'approve', note: 'OK' }, 'manager');
    expect(approved.ok && approved.value).toMatchObject({
      status: 'approved',
      approvedBy: manager.actorStaffId,
      approvedAt: T0,
    });
    expect(await who()).toEqual([bob.actorStaffId]);
    expect((await rotaBetween(db, DAY_START, DAY_START + HOUR)).assignments[0]?.viaSwapId).toBe(id);
    expect(await decideSwap(db, chief, { swapId: id, action: 'reject', note: 'late' }, 'chief')).toEqual({
      ok: false,
      errors: { action: 'outOfOrder' },
    });
    expect((await db.outbox.toArray()).filter((o) => o.table === 'swapRequest').map((o) => o.kind)).toEqual([
      'put',
      'patch',
      'patch',
    ]);
    expect((await listSwaps(db, { status: 'approved' })).map((x) => x.id)).toEqual([id]);
  });

  it('a swap exchanges two shifts; a chief or manager rejects with a note; only the requester withdraws', async () => {
    const { db, chief, manager, alice, bob, site: s } = await setup();
    const mine = await shift(db, chief, s, alice.actorStaffId);
    const theirs = await shift(db, chief, s, bob.actorStaffId, '2025-06-03');
    const ask = async () => {
      const r = await requestSwap(db, alice, {
        kind: 'swap',
        rotaShiftId: mine.id,
        substituteId: bob.actorStaffId,
        otherShiftId: theirs.id,
        reason: 'Family visit',
      });
      if (!r.ok) throw new Error('refused');
      return r.value.id;
    };
    const first = await ask();
    const rejected = await decideSwap(db, chief, { swapId: first, action: 'reject', note: ' Short-staffed ' }, 'chief');
    expect(rejected.ok && rejected.value).toMatchObject({
      status: 'rejected',
      decidedBy: chief.actorStaffId,
      decidedAt: T0,
      decisionNote: 'Short-staffed',
    });
    const second = await ask();
    expect(await decideSwap(db, bob, { swapId: second, action: 'withdraw', note: '' }, 'desk')).toEqual({
      ok: false,
      errors: { action: 'notRequester' },
    });
    const withdrawn = await decideSwap(db, alice, { swapId: second, action: 'withdraw', note: 'Not needed' }, 'desk');
    expect(withdrawn.ok && withdrawn.value.status).toBe('withdrawn');
    // Neither changed the rota; the swap is listed with Alice's shift.
    const { assignments, swaps } = await rotaBetween(db, DAY_START, DAY_START + 9 * HOUR);
    expect(assignments.map((a) => a.staffId)).toEqual([alice.actorStaffId]);
    expect(swaps.map((x) => x.id)).toEqual([first, second]);
    expect((await listSwaps(db)).map((x) => x.id)).toEqual([second, first]);

    // Confirmed and approved, the two people exchange their shifts.
    const third = await ask();
    await decideSwap(db, chief, { swapId: third, action: 'confirm', note: '' }, 'chief');
    await decideSwap(db, manager, { swapId: third, action: 'approve', note: '' }, 'manager');
    const both = await rotaBetween(db, DAY_START, DAY_START + 33 * HOUR);
    expect(both.assignments.map((a) => [a.rotaShiftId, a.staffId])).toEqual([
      [mine.id, bob.actorStaffId],
      [theirs.id, alice.actorStaffId],
    ]);
    // Seen from Bob's day only, the shift he gave away is still reported with its new holder.
    const secondDay = await rotaBetween(db, DAY_START + 24 * HOUR, DAY_START + 33 * HOUR);
    expect(secondDay.assignments.map((a) => a.staffId)).toEqual([alice.actorStaffId]);
  });
});

describe('attendance (S1)', () => {
  it('derives lateness and absence from the duties actually worked', async () => {
    const { db, chief, alice, bob, site: s, siteId } = await setup();
    await shift(db, chief, s, alice.actorStaffId);
    await shift(db, chief, s, bob.actorStaffId);
    await db.duty.put({
      id: newId(),
      siteId,
      updatedAt: '000000000000001-0000-server',
      deleted: false,
      staffId: alice.actorStaffId,
      deviceId: newId(),
      shiftId: 'day',
      startedAt: DAY_START + 10 * 60_000,
      endedAt: DAY_START + 9 * HOUR,
      handoverId: null,
      _versions: {},
    });
    const rows = await attendanceBetween(db, DAY_START, DAY_START + 24 * HOUR, DAY_START + 12 * HOUR);
    const byStaff = new Map(rows.map((r) => [r.assignment.staffId, r]));
    expect(byStaff.get(alice.actorStaffId)).toMatchObject({ lateMinutes: 10, earlyLeaveMinutes: 0, absent: false });
    expect(byStaff.get(bob.actorStaffId)).toMatchObject({ absent: true });
  });

  it('H1: a person who took over is late from when they joined the handover, not from the signing', async () => {
    const { db, chief, alice, site: s, siteId } = await setup();
    await shift(db, chief, s, alice.actorStaffId);
    const dutyId = newId();
    const recordId = newId();
    // Joined 7 minutes after the shift began; the signing (and so the duty) came 12 minutes later.
    await db.handoverRecord.put({
      id: recordId,
      siteId,
      updatedAt: '000000000000001-0000-server',
      deleted: false,
      newDutyId: dutyId,
      joinedAt: DAY_START + 7 * 60_000,
      _versions: {},
    } as never);
    await db.duty.put({
      id: dutyId,
      siteId,
      updatedAt: '000000000000001-0000-server',
      deleted: false,
      staffId: alice.actorStaffId,
      deviceId: newId(),
      shiftId: 'day',
      startedAt: DAY_START + 19 * 60_000,
      endedAt: null,
      handoverId: recordId,
      _versions: {},
    });
    const rows = await attendanceBetween(db, DAY_START, DAY_START + 24 * HOUR, DAY_START + 2 * HOUR);
    expect(rows.find((r) => r.assignment.staffId === alice.actorStaffId)).toMatchObject({
      lateMinutes: 7,
      startedAt: DAY_START + 7 * 60_000,
    });
  });
});
