import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { openHandoverDb } from '../../../src/client/db/open';
import { entriesForDuty, openDutyFor } from '../../../src/client/db/queries';
import { track } from './helpers';

/** The stores of version 1 exactly as issue 2 shipped them (schema.ts, never edited). */
const V1_STORES = {
  site: 'id',
  staff: 'id, siteId, name',
  duty: 'id, siteId, staffId, startedAt, endedAt',
  logEntry: 'id, siteId, dutyId, occurredAt, kind, severity, status',
  logAmendment: 'id, entryId, recordedAt',
  item: 'id, siteId, category, code',
  syncError: 'id, recordedAt, deviceId, [deviceId+counter]',
  conflict: 'id, recordedAt',
  outbox: 'counter, [table+rowId]',
  meta: 'key',
  pinAttempts: 'staffId',
};

const HLC = '000000000000001-0000-server';

describe('schema upgrade (STYLE.md #3)', () => {
  it('opens a version-1 database as the current version: rows kept, duties get handoverId null, new tables usable', async () => {
    const name = `upgrade-${process.pid}-${Math.random()}`;
    const siteId = newId();
    const staffId = newId();
    const dutyId = newId();
    const entryId = newId();
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    // A duty as issue 2 wrote it: no handoverId field at all.
    await old.table('duty').put({
      id: dutyId,
      siteId,
      updatedAt: HLC,
      deleted: false,
      staffId,
      deviceId: newId(),
      shiftId: 'day',
      startedAt: 1000,
      endedAt: null,
      _versions: { staffId: 1 },
    });
    await old.table('logEntry').put({
      id: entryId,
      siteId,
      updatedAt: HLC,
      deleted: false,
      kind: 'enquiry',
      severity: 'routine',
      status: 'open',
      cause: 'Parcel',
      process: '',
      result: '',
      party: '',
      contact: '',
      location: '',
      occurredAt: 900,
      dutyId,
      staffId,
      recordedAt: 900,
      deviceTime: 900,
      _versions: {},
    });
    await old.table('item').put({
      id: newId(),
      siteId,
      updatedAt: HLC,
      deleted: false,
      category: 'key',
      label: 'Key',
      code: 'K-1',
      expectedQuantity: 1,
      location: '',
      active: true,
      _versions: {},
    });
    await old.table('outbox').put({ counter: 7, table: 'logEntry', rowId: entryId, kind: 'put', fields: {} });
    await old.table('meta').put({ key: 'counter', value: 7 });
    expect(old.verno).toBe(1);
    old.close();

    const db = track(openHandoverDb(name));
    await db.open();
    expect(db.verno).toBe(3);
    const duty = await db.duty.get(dutyId);
    expect(duty).toMatchObject({ id: dutyId, staffId, startedAt: 1000, handoverId: null, _versions: { staffId: 1 } });
    expect((await openDutyFor(db, staffId))?.id).toBe(dutyId);
    expect((await entriesForDuty(db, dutyId)).map((e) => e.id)).toEqual([entryId]);
    expect(await db.item.count()).toBe(1);
    expect((await db.outbox.get(7))?.rowId).toBe(entryId);
    expect((await db.meta.get('counter'))?.value).toBe(7);
    // The version 2 tables exist, with their indexes.
    await db.photoBlob.put({ sha256: 'a'.repeat(64), mime: 'image/jpeg', data: new ArrayBuffer(3), uploaded: 0 });
    expect(await db.photoBlob.where('uploaded').equals(0).count()).toBe(1);
    expect(await db.itemMovement.where('itemId').equals(newId()).count()).toBe(0);
    expect(await db.countLine.where('[handoverId+itemId]').equals([newId(), newId()]).count()).toBe(0);
    // Version 3's table of review flags (T1, H3) exists too, with its index.
    expect(await db.reviewFlag.where('recordedAt').above(0).count()).toBe(0);
  });
});
