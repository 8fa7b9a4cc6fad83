import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hashPin, PIN_MAX_ATTEMPTS } from '../../../src/domain/pin';
import { signInWithPin } from '../../../src/client/db/repos/pin-repo';
import { liftPinLockout } from '../../../src/client/db/repos/staff-repo';
import { enrolledDb, T0 } from './helpers';

/** An enrolled tablet holding Li Na, whose PIN is 4711, as a pull leaves her. */
async function setup() {
  const e = await enrolledDb();
  const liNa = crypto.randomUUID();
  const staffRow = async (pin: string, version: number) => ({
    id: liNa,
    siteId: e.siteId,
    updatedAt: `00000000000000${version}-0000-server`,
    deleted: false,
    name: 'Li Na',
    role: 'desk' as const,
    pinHash: await hashPin(pin, 1000),
    active: true,
    _versions: { name: 1, role: 1, pinHash: version, active: 1 },
  });
  await e.db.staff.put(await staffRow('4711', 1));
  return { ...e, liNa, staffRow };
}

describe('liftPinLockout (issue 9 §3: the admin reset a forgotten PIN on the server)', () => {
  it('lifts the wrong-PIN lockout on this tablet, so the new PIN the pull brings signs in at once; nothing is queued', async () => {
    const { db, liNa, staffRow } = await setup();
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) await signInWithPin(db, liNa, '0000', T0 + i * 1000);
    expect(await signInWithPin(db, liNa, '4711', T0 + 10_000)).toMatchObject({ ok: false, reason: 'lockedOut' });

    await liftPinLockout(db, liNa);
    // The server wrote the new hash; the pull stores it as is.
    await db.staff.put(await staffRow('1357', 2));
    expect(await db.pinAttempts.get(liNa)).toBeUndefined();
    expect(await signInWithPin(db, liNa, '4711', T0 + 11_000)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await signInWithPin(db, liNa, '1357', T0 + 12_000)).toMatchObject({ ok: true, staff: { id: liNa } });
    expect(await db.outbox.count()).toBe(0);
  });

  it('is harmless for a person with no lockout', async () => {
    const { db, liNa } = await setup();
    await liftPinLockout(db, liNa);
    expect(await db.pinAttempts.get(liNa)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });
});
