/** A PIN lockout at the desk has a way forward (issue 7 §8): a chief's or manager's unlock, or the wait. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hashPin, PIN_LOCKOUT_MS } from '../../../src/domain/pin';
import { signInWithPin, unlockPin } from '../../../src/client/db/repos/pin-repo';
import { building } from './handover-fixtures';
import { T0 } from './helpers';

describe('a PIN lockout at the desk has a way forward (issue 7 §8)', () => {
  it('five wrong PINs lock a person out; a chief or manager unlocks with their PIN, a desk person cannot; the wait ends it too', async () => {
    const b = await building();
    const pinHash = await hashPin('1357', 1000);
    const incoming = await b.db.staff.get(b.people.incoming);
    await b.db.staff.put({ ...incoming!, pinHash });
    for (let i = 0; i < 5; i++) await signInWithPin(b.db, b.people.incoming, '0000', T0 + i);
    expect(await signInWithPin(b.db, b.people.incoming, '1357', T0 + 10)).toMatchObject({
      ok: false,
      reason: 'lockedOut',
    });

    expect(await unlockPin(b.db, { staffId: b.people.incoming, byStaffId: b.people.other, nowMs: T0 + 20 })).toEqual({
      ok: false,
      errors: 'role',
    });
    expect(await signInWithPin(b.db, b.people.incoming, '1357', T0 + 30)).toMatchObject({ reason: 'lockedOut' });
    expect(await unlockPin(b.db, { staffId: b.people.incoming, byStaffId: b.people.chief, nowMs: T0 + 40 })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await signInWithPin(b.db, b.people.incoming, '1357', T0 + 50)).toMatchObject({ ok: true });
    // Recorded on this tablet: who lifted the lockout and when; kept after the person signs in.
    expect((await b.db.pinAttempts.get(b.people.incoming))?.unlocks).toEqual([{ by: b.people.chief, at: T0 + 40 }]);

    for (let i = 0; i < 5; i++) await signInWithPin(b.db, b.people.incoming, '0000', T0 + 100 + i);
    expect(await signInWithPin(b.db, b.people.incoming, '1357', T0 + 200)).toMatchObject({ reason: 'lockedOut' });
    expect(await signInWithPin(b.db, b.people.incoming, '1357', T0 + 104 + PIN_LOCKOUT_MS)).toMatchObject({ ok: true });
  });
});
