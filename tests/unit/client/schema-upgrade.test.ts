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

/** The stores version 2 added, exactly as issue 3 shipped them (schema.ts, never edited). */
const V2_STORES = {
  itemMovement: 'id, siteId, itemId, kind, closesId, occurredAt',
  task: 'id, siteId, status, kind, sourceId',
  taskNote: 'id, taskId, recordedAt',
  acknowledgement: 'id, taskId, staffId, handoverId',
  rotaShift: 'id, siteId, day, staffId, startsAt',
  swapRequest: 'id, siteId, status, rotaShiftId, requesterId',
  handover: 'id, siteId, outgoingDutyId, status, openedAt',
  countLine: 'id, handoverId, itemId, recordedAt, [handoverId+itemId]',
  handoverRecord: 'id, siteId, handoverId, outgoingDutyId, signedAt, hash',
  photo: 'id, sha256, ownerId, [ownerTable+ownerId]',
  photoBlob: 'sha256, uploaded',
};

const HLC = '000000000000001-0000-server';

describe('schema upgrade (STYLE.md #3)', () => {
  it('opens a version-1 database as the current version (4): rows kept, duties get handoverId null, new tables usable', async () => {
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
    // Upgraded through every later version (3: review flags and the local drafts) in one open.
    expect(db.verno).toBe(5);
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
  });

  it('opens a version-2 database as the current version (4) (issue 7): every row kept, the form drafts table usable', async () => {
    const name = `upgrade-${process.pid}-${Math.random()}`;
    const siteId = newId();
    const staffId = newId();
    const dutyId = newId();
    const taskId = newId();
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    old.version(2).stores(V2_STORES);
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
      handoverId: null,
      _versions: { staffId: 2 },
    });
    await old.table('task').put({
      id: taskId,
      siteId,
      updatedAt: HLC,
      deleted: false,
      kind: 'unfinished',
      title: 'Lift 3 door',
      cause: 'Closes slowly',
      process: '',
      result: '',
      important: true,
      status: 'open',
      createdBy: staffId,
      createdAt: 900,
      dutyId,
      sourceTable: null,
      sourceId: null,
      itemId: null,
      closedBy: null,
      closedAt: null,
      _versions: { important: 1 },
    });
    await old.table('outbox').put({ counter: 3, table: 'task', rowId: taskId, kind: 'put', fields: {} });
    await old.table('meta').put({ key: 'counter', value: 3 });
    await old
      .table('photoBlob')
      .put({ sha256: 'b'.repeat(64), mime: 'image/jpeg', data: new ArrayBuffer(2), uploaded: 0 });
    expect(old.verno).toBe(2);
    old.close();

    const db = track(openHandoverDb(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.duty.get(dutyId)).toMatchObject({ id: dutyId, handoverId: null, _versions: { staffId: 2 } });
    expect(await db.task.get(taskId)).toMatchObject({
      title: 'Lift 3 door',
      important: true,
      _versions: { important: 1 },
    });
    expect(await db.task.where('status').equals('open').count()).toBe(1);
    expect((await db.outbox.get(3))?.rowId).toBe(taskId);
    expect((await db.meta.get('counter'))?.value).toBe(3);
    expect(await db.photoBlob.where('uploaded').equals(0).count()).toBe(1);
    // The drafts table: one row per person and form, found by the person too.
    await db.formDraft.put({ staffId, formId: 'log-entry', value: { cause: 'Half' }, savedAt: 5 });
    expect((await db.formDraft.get([staffId, 'log-entry']))?.value).toEqual({ cause: 'Half' });
    expect(await db.formDraft.where('staffId').equals(staffId).count()).toBe(1);
  });
});
