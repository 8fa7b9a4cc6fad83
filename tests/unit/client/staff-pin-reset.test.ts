import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hashPin, PIN_MAX_ATTEMPTS, verifyPin } from '../../../src/domain/pin';
import { RowNotFoundError } from '../../../src/client/db/errors';
import { signInWithPin } from '../../../src/client/db/repos/pin-repo';
import { resetStaffPin } from '../../../src/client/db/repos/staff-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { enrolledDb, T0 } from './helpers';

/** An enrolled tablet with an admin (the actor) and Li Na, whose PIN is 4711, as a pull leaves them. */
async function setup() {
  const e = await enrolledDb();
  const liNa = crypto.randomUUID();
  const row = (id: string, name: string, role: 'admin' | 'desk', pin: string) =>
    hashPin(pin, 1000).then((pinHash) => ({
      id,
      siteId: e.siteId,
      updatedAt: '000000000000001-0000-server',
      deleted: false,
      name,
      role,
      pinHash,
      active: true,
      _versions: { name: 1, role: 1, pinHash: 1, active: 1 },
    }));
  await e.db.staff.bulkPut([
    await row(e.staffId, 'Wong Siu Ming', 'admin', '2468'),
    await row(liNa, 'Li Na', 'desk', '4711'),
  ]);
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  return { ...e, ctx, liNa };
}

describe('resetStaffPin (admin resets a forgotten PIN)', () => {
  it('refuses a PIN that is not 4 to 8 digits and writes nothing', async () => {
    const { db, ctx, liNa } = await setup();
    const before = await db.staff.get(liNa);
    for (const pin of ['', '123', '123456789', '12a4', ' 1234']) {
      expect(await resetStaffPin(db, ctx, liNa, pin)).toEqual({ ok: false, errors: { pin: 'invalid' } });
    }
    expect(await db.staff.get(liNa)).toEqual(before);
    expect(await db.outbox.count()).toBe(0);
  });

  it('patches only pinHash with its outbox op, never the PIN itself; the new PIN signs in, the old one not', async () => {
    const { db, ctx, liNa } = await setup();
    expect(await resetStaffPin(db, ctx, liNa, '86420')).toEqual({ ok: true, value: undefined });

    const stored = await db.staff.get(liNa);
    expect(stored && (await verifyPin('86420', stored.pinHash))).toBe(true);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      table: 'staff',
      rowId: liNa,
      kind: 'patch',
      actorStaffId: ctx.actorStaffId,
      baseVersion: { pinHash: 1 },
    });
    expect(Object.keys(ops[0]?.fields ?? {})).toEqual(['pinHash']);
    expect(ops[0]?.fields['pinHash']).toEqual(stored?.pinHash);
    expect(JSON.stringify(ops)).not.toContain('86420');
    expect(stored?.updatedAt).toBe(ops[0]?.hlc);

    expect(await signInWithPin(db, liNa, '4711', T0)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await signInWithPin(db, liNa, '86420', T0 + 1000)).toMatchObject({ ok: true, staff: { id: liNa } });
  });

  it('lifts the wrong-PIN lockout on this tablet, so the person can sign in at once', async () => {
    const { db, ctx, liNa } = await setup();
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) await signInWithPin(db, liNa, '0000', T0 + i * 1000);
    expect(await signInWithPin(db, liNa, '4711', T0 + 10_000)).toMatchObject({ ok: false, reason: 'lockedOut' });

    const res = await resetStaffPin(db, ctx, liNa, '1357');
    expect(res.ok).toBe(true);
    expect(await db.pinAttempts.get(liNa)).toBeUndefined();
    expect(await signInWithPin(db, liNa, '1357', T0 + 11_000)).toMatchObject({ ok: true });
  });

  it('throws RowNotFoundError for a person not on this tablet, and writes nothing', async () => {
    const { db, ctx } = await setup();
    await expect(resetStaffPin(db, ctx, crypto.randomUUID(), '1357')).rejects.toBeInstanceOf(RowNotFoundError);
    expect(await db.outbox.count()).toBe(0);
  });
});
