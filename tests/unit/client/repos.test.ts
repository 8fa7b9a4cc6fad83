import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { PIN_LOCKOUT_MS } from '../../../src/domain/pin';
import { hashPin } from '../../../src/domain/pin';
import { openHandoverDb } from '../../../src/client/db/open';
import {
  amendmentsFor,
  entriesForDuty,
  getEntry,
  getStaff,
  listStaff,
  openDutyFor,
} from '../../../src/client/db/queries';
import { startDuty } from './duty-fixture';
import { amendLogEntry, createLogEntry } from '../../../src/client/db/repos/log-repo';
import { signInWithPin } from '../../../src/client/db/repos/pin-repo';
import { createStaff } from '../../../src/client/db/repos/staff-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { enrolledDb, fields, T0, track } from './helpers';

async function setup() {
  const e = await enrolledDb();
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  const duty = await startDuty(e.db, ctx, { shiftId: 'day' });
  return { ...e, ctx, duty };
}

describe('log entries (H6, D5)', () => {
  it('H6: refuses an entry without a cause and writes nothing', async () => {
    const { db, ctx, duty } = await setup();
    const before = await db.outbox.count();
    const r = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields({ cause: ' ' }) });
    expect(r).toEqual({ ok: false, errors: { cause: 'required' } });
    expect(await db.logEntry.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
  });

  it('T1: stamps recordedAt with server-corrected time and keeps the device time', async () => {
    const e = await enrolledDb({ serverTime: T0 + 600_000, nowMs: T0 }); // tablet 10 min slow
    const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
    const r = await createLogEntry(e.db, ctx, { dutyId: e.siteId, fields: fields({ occurredAt: T0 + 590_000 }) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.recordedAt).toBe(T0 + 600_000);
    expect(r.value.deviceTime).toBe(T0);
  });

  it("lists a duty's entries newest first, with filters", async () => {
    const { db, ctx, duty } = await setup();
    await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields({ occurredAt: T0 + 1000, cause: 'a' }) });
    await createLogEntry(db, ctx, {
      dutyId: duty.id,
      fields: fields({ occurredAt: T0 + 3000, cause: 'b', kind: 'repair', severity: 'major', process: 'called' }),
    });
    await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields({ occurredAt: T0 + 2000, cause: 'c' }) });
    expect((await entriesForDuty(db, duty.id)).map((e) => e.cause)).toEqual(['b', 'c', 'a']);
    expect((await entriesForDuty(db, duty.id, { kind: 'repair' })).map((e) => e.cause)).toEqual(['b']);
    expect((await entriesForDuty(db, duty.id, { severity: 'routine', status: 'open' })).map((e) => e.cause)).toEqual([
      'c',
      'a',
    ]);
  });

  it('H6: resolving needs a result unless the entry already has one', async () => {
    const { db, ctx, duty } = await setup();
    const r = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    if (!r.ok) throw new Error('refused');
    const refused = await amendLogEntry(db, ctx, { entryId: r.value.id, text: 'done', statusChange: 'resolved' });
    expect(refused).toEqual({ ok: false, errors: { result: 'required' } });
    expect(await amendmentsFor(db, r.value.id)).toEqual([]);
    expect(await amendLogEntry(db, ctx, { entryId: r.value.id, text: ' ', statusChange: null })).toEqual({
      ok: false,
      errors: { text: 'required' },
    });

    const okay = await amendLogEntry(db, ctx, {
      entryId: r.value.id,
      text: 'Walked them to the parcel room',
      statusChange: 'resolved',
      result: 'Parcel collected',
    });
    expect(okay.ok).toBe(true);
    const entry = await getEntry(db, r.value.id);
    // The amendment text becomes the process (H6) because none had been written.
    expect(entry).toMatchObject({
      status: 'resolved',
      result: 'Parcel collected',
      process: 'Walked them to the parcel room',
    });
    // The original cause is untouched; amendments are append-only (D5).
    expect(entry?.cause).toBe(r.value.cause);
    const reopen = await amendLogEntry(db, ctx, { entryId: r.value.id, text: 'Came back', statusChange: 'open' });
    expect(reopen.ok).toBe(true);
    const again = await amendLogEntry(db, ctx, { entryId: r.value.id, text: 'Sorted', statusChange: 'resolved' });
    expect(again.ok).toBe(true); // a result already exists
    expect((await amendmentsFor(db, r.value.id)).map((a) => a.text)).toEqual([
      'Walked them to the parcel room',
      'Came back',
      'Sorted',
    ]);
  });
});

describe('duties', () => {
  it('finds the open duty by its person, whichever tablet opened it (H3: a duty belongs to its person)', async () => {
    const { db, ctx, duty } = await setup();
    const elsewhere = { ...duty, id: newId(), staffId: newId(), deviceId: newId(), _versions: {} };
    await db.duty.put(elsewhere); // opened on another tablet of the building, as pulled
    expect((await openDutyFor(db, ctx.actorStaffId))?.id).toBe(duty.id);
    expect((await openDutyFor(db, elsewhere.staffId))?.id).toBe(elsewhere.id);
    await db.duty.put({ ...elsewhere, endedAt: T0 + 1 });
    expect(await openDutyFor(db, elsewhere.staffId)).toBeUndefined();
  });
});

describe('staff and PIN sign-in', () => {
  it('creates staff with a hashed PIN, validates input, sorts by name and hides inactive people', async () => {
    const { db, ctx } = await setup();
    expect(await createStaff(db, ctx, { name: ' ', role: 'desk', pin: '12' })).toEqual({
      ok: false,
      errors: { name: 'required', pin: 'invalid' },
    });
    const b = await createStaff(db, ctx, { name: 'Wang Fang', role: 'desk', pin: '2468' });
    const a = await createStaff(db, ctx, { name: 'Chen Jie', role: 'chief', pin: '1357' });
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(JSON.stringify(a.value)).not.toContain('1357');
    expect((await listStaff(db)).map((s) => s.name)).toEqual(['Chen Jie', 'Wang Fang']);
    // Issue 9 §3: the admin deactivates on the server; the pull brings the row.
    await db.staff.update(b.value.id, { active: false });
    expect((await listStaff(db)).map((s) => s.name)).toEqual(['Chen Jie']);
    expect((await listStaff(db, { includeInactive: true })).length).toBe(2);
    expect(await signInWithPin(db, a.value.id, '1357', T0)).toMatchObject({ ok: true });
    expect(await signInWithPin(db, b.value.id, '2468', T0)).toEqual({ ok: false, reason: 'inactive' });
  });

  it('five wrong PINs lock the person out for five minutes, and a reload does not reset it', async () => {
    const { db, staffId, siteId } = await setup();
    const pinHash = await hashPin('4711', 1000);
    await db.staff.put({
      id: staffId,
      siteId,
      updatedAt: '000000000000001-0000-server',
      deleted: false,
      name: 'Li Na',
      role: 'desk',
      pinHash,
      active: true,
      _versions: {},
    });
    expect(await signInWithPin(db, 'nobody', '4711', T0)).toEqual({ ok: false, reason: 'unknown' });
    for (let i = 0; i < 4; i++) {
      expect(await signInWithPin(db, staffId, '0000', T0 + i * 1000)).toEqual({
        ok: false,
        reason: 'wrongPin',
        attemptsLeft: 4 - i,
      });
    }
    const fifth = await signInWithPin(db, staffId, '0000', T0 + 4000);
    expect(fifth).toEqual({ ok: false, reason: 'lockedOut', lockedUntil: T0 + 4000 + PIN_LOCKOUT_MS });

    db.close();
    const reopened = openHandoverDb(db.name);
    track(reopened);
    // Even the right PIN is refused during the lockout, after a reload too.
    expect(await signInWithPin(reopened, staffId, '4711', T0 + 60_000)).toMatchObject({
      ok: false,
      reason: 'lockedOut',
    });
    const after = await signInWithPin(reopened, staffId, '4711', T0 + 4000 + PIN_LOCKOUT_MS);
    expect(after.ok).toBe(true);
    expect(await reopened.pinAttempts.get(staffId)).toBeUndefined();
    expect((await getStaff(reopened, staffId))?.name).toBe('Li Na');
  });
});
