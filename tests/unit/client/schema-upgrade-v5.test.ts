import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { openHandoverDb } from '../../../src/client/db/open';
import { track } from './helpers';

/** Every store of versions 1 to 4 as shipped (schema.ts, never edited), flattened. */
const V4_STORES = {
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
  reviewFlag: 'id, siteId, rowId, kind, recordedAt',
  formDraft: '[staffId+formId], staffId',
  escalation: 'id, siteId, entryId, level, sentAt, acknowledgedAt, decidedAt',
  dayReview: 'id, siteId, day, signedAt, hash',
  spotCheck: 'id, siteId, checkedAt',
  conflictResolution: 'id, siteId, conflictId',
  dailyReport: 'id, siteId, day',
  serviceOrder: 'id, siteId, entryId, status, issuedAt',
};

describe('schema upgrade to version 5 (issue 9 §1, STYLE.md #3)', () => {
  it('opens a version-4 database as version 5: queued ops and meta kept; acknowledged ops kept by device, counter and age', async () => {
    const name = `upgrade-v5-${process.pid}-${Math.random()}`;
    const entryId = newId();
    const old = new Dexie(name);
    old.version(4).stores(V4_STORES);
    await old.table('outbox').put({ counter: 7, table: 'logEntry', rowId: entryId, kind: 'put', fields: {} });
    await old.table('meta').put({ key: 'cursor', value: 42 });
    expect(old.verno).toBe(4);
    old.close();

    const db = track(openHandoverDb(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect((await db.outbox.get(7))?.rowId).toBe(entryId);
    expect((await db.meta.get('cursor'))?.value).toBe(42);
    // Ops acknowledged before version 5 were not kept: the new table starts empty.
    expect(await db.sentOps.count()).toBe(0);
    const op = { deviceId: 'dev-a', table: 'logEntry' as const, rowId: entryId, kind: 'put' as const, fields: {} };
    const sent = { ...op, baseVersion: {}, hlc: '000000000000001-0000-dev-a', deviceTime: 1, actorStaffId: 's' };
    await db.sentOps.bulkPut([
      { ...sent, counter: 1, ackedAt: 100 },
      { ...sent, counter: 2, ackedAt: 200 },
      { ...sent, deviceId: 'dev-b', counter: 1, ackedAt: 300 },
    ]);
    expect((await db.sentOps.get(['dev-a', 2]))?.ackedAt).toBe(200);
    expect(await db.sentOps.where('ackedAt').below(250).count()).toBe(2);
  });
});
