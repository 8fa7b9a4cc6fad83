import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ItemCategory, Role } from '../../../src/domain/entities';
import { MAX_PHOTO_BYTES } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import { photosFor } from '../../../src/client/db/queries/photo-queries';
import {
  custodyHeldNow,
  itemByCode,
  listItems,
  loansNow,
  movementsForItem,
} from '../../../src/client/db/queries/register-queries';
import { InvalidPhotoError, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import {
  lendItem,
  releaseCustody,
  returnItem,
  saveItem,
  takeIntoCustody,
} from '../../../src/client/db/repos/item-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { enrolledDb, T0, typedPin } from './helpers';
import { jpeg } from './photo-fake-server';

const HOUR = 3_600_000;

async function addStaff(db: HandoverDb, siteId: string, role: Role, id = newId()) {
  typedPin(id);
  await db.staff.put({
    id,
    siteId,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    name: `${role} person`,
    role,
    pinHash: {
      alg: 'PBKDF2-SHA256',
      iterations: 1000,
      salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
      hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    },
    active: true,
    _versions: {},
  });
  return id;
}

async function setup() {
  const e = await enrolledDb();
  await addStaff(e.db, e.siteId, 'chief', e.staffId);
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  return { ...e, ctx };
}

const radio = {
  category: 'radio' as ItemCategory,
  label: 'Radio 1',
  code: 'R-01',
  expectedQuantity: 2,
  location: 'Desk drawer',
  active: true,
};

async function item(db: HandoverDb, ctx: Awaited<ReturnType<typeof setup>>['ctx'], over: Partial<typeof radio> = {}) {
  const r = await saveItem(db, ctx, { ...radio, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Nothing written: the tables and the outbox are as they were. */
async function snapshot(db: HandoverDb) {
  return {
    items: await db.item.count(),
    movements: await db.itemMovement.count(),
    photos: await db.photo.count(),
    blobs: await db.photoBlob.count(),
    ops: await db.outbox.count(),
  };
}

describe('item register (H8)', () => {
  it('adds an item with its put op, and updates it with a patch of the changed fields only', async () => {
    const { db, ctx } = await setup();
    const saved = await item(db, ctx, { label: '  Radio 1 ', code: ' R-01 ' });
    expect(saved).toMatchObject({ label: 'Radio 1', code: 'R-01', category: 'radio', active: true });
    const r = await saveItem(db, ctx, { ...radio, id: saved.id, expectedQuantity: 3 });
    expect(r.ok && r.value.expectedQuantity).toBe(3);
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => [o.table, o.kind])).toEqual([
      ['item', 'put'],
      ['item', 'patch'],
    ]);
    expect(ops[1]?.fields).toEqual({ expectedQuantity: 3 });
  });

  it('refuses missing fields, a bad quantity and a taken code (any case), writing nothing', async () => {
    const { db, ctx } = await setup();
    await item(db, ctx);
    const before = await snapshot(db);
    expect(await saveItem(db, ctx, { ...radio, label: ' ', code: '', expectedQuantity: -1 })).toEqual({
      ok: false,
      errors: { label: 'required', code: 'required', expectedQuantity: 'invalid' },
    });
    expect(await saveItem(db, ctx, { ...radio, code: 'r-01' })).toEqual({ ok: false, errors: { code: 'codeTaken' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('H8: a desk person may add custody items only (the domain row rule, as on the server)', async () => {
    const { db, siteId } = await setup();
    const deskId = await addStaff(db, siteId, 'desk');
    const desk = await makeWriteContext(db, deskId, () => T0);
    expect(await saveItem(db, desk, radio)).toEqual({ ok: false, errors: { category: 'invalid' } });
    expect(await db.outbox.count()).toBe(0);
    const custody = await saveItem(db, desk, { ...radio, category: 'custody', code: 'U-LOST1' });
    expect(custody.ok).toBe(true);
  });

  it('lists the register in category order, then code; finds an item by its scanned code', async () => {
    const { db, ctx } = await setup();
    await item(db, ctx, { category: 'key', code: 'K-10', label: 'Key 10' });
    await item(db, ctx, { category: 'key', code: 'K-2', label: 'Key 2' });
    await item(db, ctx, { code: 'R-01' });
    const off = await item(db, ctx, { category: 'document', code: 'D-1', label: 'Old', active: false });
    expect((await listItems(db)).map((i) => i.code)).toEqual(['R-01', 'K-2', 'K-10']);
    expect((await listItems(db, { includeInactive: true })).map((i) => i.code)).toEqual(['R-01', 'K-2', 'K-10', 'D-1']);
    expect((await itemByCode(db, ' K-2 '))?.label).toBe('Key 2');
    expect((await itemByCode(db, 'd-1'))?.id).toBe(off.id);
    expect(await itemByCode(db, 'nope')).toBeUndefined();
  });
});

describe('custody (H8)', () => {
  const intake = {
    label: 'Black umbrella',
    quantity: 1,
    party: 'Ms Chan, 12F',
    fromParty: 'Cleaner on 3F',
    contact: '9123 4567',
    reason: 'Found in the lift lobby',
    location: 'Cabinet B',
    occurredAt: T0 - 60_000,
    dutyId: null,
  };

  it('takes an item in: custody item, custodyIn movement and photo with their ops, in one write', async () => {
    const { db, ctx } = await setup();
    const photo = await preparePhoto({ data: jpeg('umbrella'), mime: 'image/jpeg', width: 10, height: 10 });
    const r = await takeIntoCustody(db, ctx, { ...intake, quantity: 2, photo });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { item: held, movement } = r.value;
    expect(held).toMatchObject({ category: 'custody', expectedQuantity: 2, active: true, label: 'Black umbrella' });
    expect(held.code).toMatch(/^U-[0-9A-Z]{6}$/);
    expect(movement).toMatchObject({ kind: 'custodyIn', itemId: held.id, quantity: 2, party: 'Ms Chan, 12F' });
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => [o.table, o.kind, o.rowId])).toEqual([
      ['item', 'put', held.id],
      ['itemMovement', 'append', movement.id],
      ['photo', 'append', (await photosFor(db, 'itemMovement', movement.id))[0]?.id],
    ]);
    expect(await custodyHeldNow(db)).toEqual([
      { movement: expect.objectContaining({ id: movement.id }), item: expect.objectContaining({ id: held.id }) },
    ]);
  });

  it('gives each custody item its own code', async () => {
    const { db, ctx } = await setup();
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const r = await takeIntoCustody(db, ctx, intake);
      if (r.ok) codes.add(r.value.item.code);
    }
    expect(codes.size).toBe(5);
  });

  it('refuses an intake without whose, from whom, why or a label, writing nothing', async () => {
    const { db, ctx } = await setup();
    const r = await takeIntoCustody(db, ctx, {
      ...intake,
      label: '',
      party: ' ',
      fromParty: '',
      reason: '',
      quantity: 0,
    });
    expect(r).toEqual({
      ok: false,
      errors: { label: 'required', party: 'required', fromParty: 'required', reason: 'required', quantity: 'required' },
    });
    expect(await snapshot(db)).toEqual({ items: 0, movements: 0, photos: 0, blobs: 0, ops: 0 });
  });

  it('an intake whose photo cannot be stored leaves no item and no movement behind (one transaction)', async () => {
    const { db, ctx } = await setup();
    const photo = await preparePhoto({
      data: jpeg('huge', MAX_PHOTO_BYTES + 1),
      mime: 'image/jpeg',
      width: 10,
      height: 10,
    });
    await expect(takeIntoCustody(db, ctx, { ...intake, photo })).rejects.toBeInstanceOf(InvalidPhotoError);
    expect(await snapshot(db)).toEqual({ items: 0, movements: 0, photos: 0, blobs: 0, ops: 0 });
  });

  it('gives it out: custodyOut closing the intake and the item made inactive; never twice', async () => {
    const { db, ctx } = await setup();
    const r = await takeIntoCustody(db, ctx, intake);
    if (!r.ok) throw new Error('refused');
    const before = await snapshot(db);
    const bad = await releaseCustody(db, ctx, {
      custodyInId: r.value.movement.id,
      party: '',
      checkedHow: '',
      occurredAt: T0,
      dutyId: null,
    });
    expect(bad).toEqual({ ok: false, errors: { party: 'required', checkedHow: 'required' } });
    expect(await snapshot(db)).toEqual(before);

    const out = await releaseCustody(db, ctx, {
      custodyInId: r.value.movement.id,
      party: 'Ms Chan',
      checkedHow: 'Staff card shown',
      occurredAt: T0,
      dutyId: null,
    });
    expect(out.ok && out.value).toMatchObject({ kind: 'custodyOut', closesId: r.value.movement.id, quantity: 1 });
    expect((await db.item.get(r.value.item.id))?.active).toBe(false);
    expect((await db.outbox.toArray()).slice(-2).map((o) => [o.table, o.kind])).toEqual([
      ['itemMovement', 'append'],
      ['item', 'patch'],
    ]);
    expect(await custodyHeldNow(db)).toEqual([]);
    const again = await releaseCustody(db, ctx, {
      custodyInId: r.value.movement.id,
      party: 'Ms Chan',
      checkedHow: 'Staff card shown',
      occurredAt: T0,
      dutyId: null,
    });
    expect(again).toEqual({ ok: false, errors: { closesId: 'alreadyClosed' } });
  });
});

describe('lending keys and radios (H8)', () => {
  const loan = (itemId: string, over: Partial<Parameters<typeof lendItem>[2]> = {}) => ({
    itemId,
    quantity: 1,
    party: 'Ace Lifts',
    partyKind: 'contractor' as const,
    contact: '2345 6789',
    reason: 'Lift machine room',
    dueAt: T0 + 2 * HOUR,
    dutyId: null,
    ...over,
  });

  it('lends, shows the loan (overdue after its due time), and records the return once', async () => {
    const { db, ctx } = await setup();
    const r1 = await item(db, ctx);
    const lent = await lendItem(db, ctx, loan(r1.id));
    if (!lent.ok) throw new Error(JSON.stringify(lent.errors));
    expect(lent.value).toMatchObject({ kind: 'lend', occurredAt: T0, dueAt: T0 + 2 * HOUR, partyKind: 'contractor' });
    expect((await loansNow(db, T0)).map((l) => [l.lend.id, l.overdue])).toEqual([[lent.value.id, false]]);
    expect((await loansNow(db, T0 + 3 * HOUR))[0]?.overdue).toBe(true);

    const back = await returnItem(db, ctx, { loanId: lent.value.id, dutyId: null });
    expect(back.ok && back.value).toMatchObject({ kind: 'return', closesId: lent.value.id, itemId: r1.id });
    expect(await loansNow(db, T0)).toEqual([]);
    expect(await returnItem(db, ctx, { loanId: lent.value.id, dutyId: null })).toEqual({
      ok: false,
      errors: { closesId: 'alreadyClosed' },
    });
    expect((await movementsForItem(db, r1.id)).map((m) => m.kind)).toEqual(['return', 'lend']);
    expect((await db.outbox.toArray()).map((o) => `${o.table}:${o.kind}`)).toEqual([
      'item:put',
      'itemMovement:append',
      'itemMovement:append',
    ]);
  });

  it('refuses a loan without borrower details, due in the past, of a non-lendable item or of more than are at the desk', async () => {
    const { db, ctx } = await setup();
    const r1 = await item(db, ctx);
    const book = await item(db, ctx, { category: 'recordBook', code: 'B-1', label: 'Duty book', expectedQuantity: 1 });
    const before = await snapshot(db);
    expect(await lendItem(db, ctx, loan(r1.id, { party: '', contact: ' ', dueAt: T0 - 1 }))).toEqual({
      ok: false,
      errors: { party: 'required', contact: 'required', dueAt: 'dueBeforeStart' },
    });
    expect(await lendItem(db, ctx, loan(book.id))).toEqual({ ok: false, errors: { itemId: 'notLendable' } });
    expect(await lendItem(db, ctx, loan(r1.id, { quantity: 3 }))).toEqual({
      ok: false,
      errors: { quantity: 'tooMany' },
    });
    expect(await snapshot(db)).toEqual(before);

    expect((await lendItem(db, ctx, loan(r1.id, { quantity: 2 }))).ok).toBe(true);
    // Both radios are out: none left at the desk to lend.
    expect(await lendItem(db, ctx, loan(r1.id))).toEqual({ ok: false, errors: { quantity: 'tooMany' } });
  });
});
