import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ReviewFlag } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { openHandoverDb } from '../../../src/client/db/open';
import { entriesForDuty } from '../../../src/client/db/queries';
import { openTasksCarried } from '../../../src/client/db/queries/task-queries';
import { flagsForRow } from '../../../src/client/db/queries/review-flags';
import { track } from './helpers';

/** The stores of versions 1 and 2 exactly as issues 2 and 3 shipped them (schema.ts, never edited). */
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

describe('schema upgrade to version 3 (STYLE.md #3, T1)', () => {
  it('opens a version-2 database as the current version (4): every row and queued op kept, the reviewFlag table usable', async () => {
    const name = `upgrade-v3-${process.pid}-${Math.random()}`;
    const siteId = newId();
    const staffId = newId();
    const dutyId = newId();
    const entryId = newId();
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
      _versions: { staffId: 1 },
    });
    // An entry as issue 3 wrote it: none of the issue-7 fields (referredTo, operationEndedAt, backdateReason).
    await old.table('logEntry').put({
      id: entryId,
      siteId,
      updatedAt: HLC,
      deleted: false,
      kind: 'repair',
      severity: 'major',
      status: 'open',
      cause: 'Lift 2 stuck at 5/F',
      process: 'Called the lift company',
      result: '',
      party: '',
      contact: '',
      location: 'Lift 2',
      occurredAt: 1200,
      dutyId,
      staffId,
      recordedAt: 1200,
      deviceTime: 1200,
      _versions: { cause: 1 },
    });
    await old.table('task').put({
      id: taskId,
      siteId,
      updatedAt: HLC,
      deleted: false,
      kind: 'unfinished',
      title: 'Call the plumber back',
      cause: 'Leak in B2',
      process: '',
      result: '',
      important: false,
      status: 'open',
      createdBy: staffId,
      createdAt: 1300,
      dutyId,
      sourceTable: null,
      sourceId: null,
      itemId: null,
      closedBy: null,
      closedAt: null,
      _versions: {},
    });
    await old.table('outbox').put({ counter: 4, table: 'task', rowId: taskId, kind: 'put', fields: {} });
    await old.table('meta').put({ key: 'cursor', value: 42 });
    expect(old.verno).toBe(2);
    old.close();

    const db = track(openHandoverDb(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect((await entriesForDuty(db, dutyId)).map((e) => e.cause)).toEqual(['Lift 2 stuck at 5/F']);
    expect((await db.logEntry.get(entryId))?._versions).toEqual({ cause: 1 });
    expect((await openTasksCarried(db)).map((t) => t.id)).toEqual([taskId]);
    expect((await db.outbox.get(4))?.rowId).toBe(taskId);
    expect((await db.meta.get('cursor'))?.value).toBe(42);

    // The new table takes pulled flags and answers by its indexes.
    const flag: ReviewFlag = {
      id: newId(),
      siteId,
      updatedAt: HLC,
      deleted: false,
      kind: 'clockSkew',
      table: 'logEntry',
      rowId: entryId,
      field: 'recordedAt',
      deviceId: newId(),
      counter: 3,
      actorStaffId: staffId,
      stampedAt: 1200,
      expectedAt: 5000,
      receivedAt: 5000,
      recordedAt: 5000,
    };
    await db.reviewFlag.put({ ...flag, _versions: {} });
    expect(await flagsForRow(db, 'logEntry', entryId)).toEqual([flag]);
    expect(await db.reviewFlag.where('kind').equals('clockSkew').count()).toBe(1);
    expect(await db.reviewFlag.where('recordedAt').between(4000, 6000).count()).toBe(1);
  });
});
