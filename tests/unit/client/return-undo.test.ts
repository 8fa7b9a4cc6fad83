import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { loansNow, movementsForItem } from '../../../src/client/db/queries/register-queries';
import { lendItem, returnItem, saveItem } from '../../../src/client/db/repos/item-repo';
import { undoReturn } from '../../../src/client/db/repos/return-undo-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { enrolledDb, T0 } from './helpers';

const HOUR = 3_600_000;

/** A tablet with a chief, a key lent until T0 + 2 h and returned at T0; `clock.now` moves the tablet's time. */
async function returnedKey() {
  const e = await enrolledDb();
  await e.db.staff.put({
    id: e.staffId,
    siteId: e.siteId,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    name: 'Lee Mei Ling',
    role: 'chief',
    pinHash: {
      alg: 'PBKDF2-SHA256',
      iterations: 1000,
      salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
      hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    },
    active: true,
    _versions: {},
  });
  const clock = { now: T0 - HOUR };
  const ctx = await makeWriteContext(e.db, e.staffId, () => clock.now);
  const key = await saveItem(e.db, ctx, {
    category: 'key',
    label: 'Plant room key',
    code: 'K-101',
    expectedQuantity: 1,
    location: '',
    active: true,
  });
  if (!key.ok) throw new Error(JSON.stringify(key.errors));
  const lend = await lendItem(e.db, ctx, {
    itemId: key.value.id,
    quantity: 1,
    party: 'Ace Lifts',
    partyKind: 'contractor',
    contact: '2345 6789',
    reason: 'Lift machine room',
    dueAt: T0 + HOUR,
    dutyId: null,
  });
  if (!lend.ok) throw new Error(JSON.stringify(lend.errors));
  clock.now = T0;
  const ret = await returnItem(e.db, ctx, { loanId: lend.value.id, dutyId: null });
  if (!ret.ok) throw new Error(JSON.stringify(ret.errors));
  return { ...e, ctx, clock, key: key.value, lend: lend.value, ret: ret.value };
}

describe('undoing a return within the minute (issue 7 §8, H8)', () => {
  it('appends a returnUndone naming the return: the loan is open again, nothing is deleted, and it can be returned again', async () => {
    const { db, ctx, clock, key, lend, ret } = await returnedKey();
    expect(await loansNow(db, T0)).toEqual([]);
    clock.now = T0 + 45_000;
    const undone = await undoReturn(db, ctx, { returnId: ret.id, dutyId: null });
    if (!undone.ok) throw new Error(JSON.stringify(undone.errors));
    expect(undone.value).toMatchObject({
      kind: 'returnUndone',
      closesId: ret.id,
      itemId: key.id,
      party: 'Ace Lifts',
      recordedAt: T0 + 45_000,
    });
    expect((await loansNow(db, T0 + 45_000)).map((l) => l.lend.id)).toEqual([lend.id]);
    // An op of its own: the return is still there, the undo is appended after it.
    expect((await movementsForItem(db, key.id)).map((m) => m.kind)).toEqual(['returnUndone', 'return', 'lend']);
    expect((await db.outbox.orderBy('counter').toArray()).map((o) => `${o.table}:${o.kind}`).slice(-2)).toEqual([
      'itemMovement:append',
      'itemMovement:append',
    ]);

    // The reopened loan is returned again like any other, and that return closes it.
    clock.now = T0 + 5 * 60_000;
    const again = await returnItem(db, ctx, { loanId: lend.id, dutyId: null });
    expect(again.ok).toBe(true);
    expect(await loansNow(db, clock.now)).toEqual([]);
  });

  it('refuses a second undo, an undo after the minute, and an undo of something that is not a return, writing nothing', async () => {
    const { db, ctx, clock, lend, ret } = await returnedKey();
    clock.now = T0 + 60_001;
    const before = await db.outbox.count();
    expect(await undoReturn(db, ctx, { returnId: ret.id, dutyId: null })).toEqual({
      ok: false,
      errors: { closesId: 'tooLate' },
    });
    expect(await undoReturn(db, ctx, { returnId: lend.id, dutyId: null })).toEqual({
      ok: false,
      errors: { closesId: 'notReturn' },
    });
    clock.now = T0 + 10_000;
    expect((await undoReturn(db, ctx, { returnId: ret.id, dutyId: null })).ok).toBe(true);
    expect(await undoReturn(db, ctx, { returnId: ret.id, dutyId: null })).toEqual({
      ok: false,
      errors: { closesId: 'alreadyUndone' },
    });
    expect(await db.outbox.count()).toBe(before + 1);
    await expect(undoReturn(db, ctx, { returnId: newId(), dutyId: null })).rejects.toThrow(/not found/);
  });
});
