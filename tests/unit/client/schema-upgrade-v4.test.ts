import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Escalation, ServiceOrder } from '../../../src/domain/review-entities';
import { newId } from '../../../src/domain/ids';
import { openHandoverDb } from '../../../src/client/db/open';
import { track } from './helpers';

/** Every store of versions 1 to 3 as shipped (schema.ts, never edited), flattened. */
const V3_STORES = {
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
};

const HLC = '000000000000001-0000-server';

describe('schema upgrade to version 4 (issue 8, STYLE.md #3)', () => {
  it('opens a version-3 database as version 4: rows, drafts and queued ops kept; escalations and service orders answer by their indexes', async () => {
    const name = `upgrade-v4-${process.pid}-${Math.random()}`;
    const siteId = newId();
    const staffId = newId();
    const entryId = newId();
    const old = new Dexie(name);
    old.version(3).stores(V3_STORES);
    await old
      .table('logEntry')
      .put({ id: entryId, siteId, updatedAt: HLC, deleted: false, cause: '水管漏水', _versions: {} });
    await old.table('formDraft').put({ staffId, formId: 'entry', value: { cause: '半寫' }, savedAt: 1 });
    await old.table('outbox').put({ counter: 7, table: 'logEntry', rowId: entryId, kind: 'put', fields: {} });
    expect(old.verno).toBe(3);
    old.close();

    const db = track(openHandoverDb(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect((await db.logEntry.get(entryId))?.cause).toBe('水管漏水');
    expect((await db.formDraft.get([staffId, 'entry']))?.value).toEqual({ cause: '半寫' });
    expect((await db.outbox.get(7))?.rowId).toBe(entryId);

    const escalation: Escalation = {
      id: newId(),
      siteId,
      updatedAt: HLC,
      deleted: false,
      entryId,
      level: 'chief',
      forwardedFromId: null,
      reason: '租戶要求賠償',
      sentBy: staffId,
      sentAt: 1000,
      acknowledgedBy: null,
      acknowledgedAt: null,
      decision: '',
      decidedBy: null,
      decidedAt: null,
    };
    await db.escalation.put({ ...escalation, _versions: {} });
    const order: ServiceOrder = {
      id: newId(),
      siteId,
      updatedAt: HLC,
      deleted: false,
      entryId,
      number: 'S-0001',
      service: '更換門鎖',
      amountCents: 35000,
      status: 'issued',
      staffId,
      issuedAt: 1000,
    };
    await db.serviceOrder.put({ ...order, _versions: {} });
    expect((await db.escalation.where('entryId').equals(entryId).toArray()).map((e) => e.reason)).toEqual([
      '租戶要求賠償',
    ]);
    expect((await db.serviceOrder.where('status').equals('issued').toArray()).map((o) => o.number)).toEqual(['S-0001']);
  });
});
