import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import {
  amendLogEntry,
  createLogEntry,
  recordOperationEnd,
  referralTitle,
} from '../../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { enrolledDb, fields, T0 } from './helpers';

async function setup() {
  const e = await enrolledDb();
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  // A duty as a signed handover leaves it: begun at T0.
  const dutyId = newId();
  await e.db.duty.put({
    id: dutyId,
    siteId: e.siteId,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    staffId: e.staffId,
    deviceId: e.deviceId,
    shiftId: 'day',
    startedAt: T0,
    endedAt: null,
    handoverId: null,
    _versions: {},
  });
  return { ...e, ctx, dutyId };
}

describe('log entries, issue 7 (T1, H4, H11)', () => {
  it('T1: an occurred-at before the duty began is refused without a reason and written with one', async () => {
    const { db, ctx, dutyId } = await setup();
    const early = fields({ occurredAt: T0 - 20 * 60_000 });
    expect(await createLogEntry(db, ctx, { dutyId, fields: early })).toEqual({
      ok: false,
      errors: { backdateReason: 'required' },
    });
    expect(await db.outbox.count()).toBe(0);
    const r = await createLogEntry(db, ctx, { dutyId, fields: { ...early, backdateReason: 'Found the note late' } });
    expect(r.ok && r.value.backdateReason).toBe('Found the note late');
  });

  it('H4: referring again after a reopen keeps one open pending work for the entry', async () => {
    const { db, ctx, dutyId } = await setup();
    const r = await createLogEntry(db, ctx, {
      dutyId,
      fields: fields({ kind: 'repair', severity: 'major', cause: 'Lift 2 stuck', process: 'Called the company' }),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const id = r.value.id;
    const refer = (department: string) =>
      amendLogEntry(db, ctx, {
        entryId: id,
        text: 'Waiting for parts',
        statusChange: 'referred',
        referredTo: department,
      });
    expect((await refer('')).ok).toBe(false);
    expect((await refer('Engineering')).ok).toBe(true);
    expect((await amendLogEntry(db, ctx, { entryId: id, text: 'Back to the desk', statusChange: 'open' })).ok).toBe(
      true,
    );
    expect((await refer('Engineering')).ok).toBe(true);
    const tasks = await db.task.where('sourceId').equals(id).toArray();
    expect(tasks.map((t) => [t.status, t.sourceTable])).toEqual([['open', 'logEntry']]);
  });

  it('H11(a): an emergency cannot be referred, whatever the screen offered', async () => {
    const { db, ctx, dutyId } = await setup();
    const r = await createLogEntry(db, ctx, {
      dutyId,
      fields: fields({ kind: 'emergency', severity: 'emergency', cause: 'Fire alarm', process: 'Evacuated 3/F' }),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const refused = await amendLogEntry(db, ctx, {
      entryId: r.value.id,
      text: 'Passed on',
      statusChange: 'referred',
      referredTo: 'Fire services',
    });
    expect(refused).toEqual({ ok: false, errors: { status: 'emergencyNotReferable' } });
    expect(await db.task.count()).toBe(0);
    expect(await db.logAmendment.count()).toBe(0);
  });

  it('H11(b): the end of an operation is not before its start, and a recorded end stays as it was', async () => {
    const { db, ctx, dutyId } = await setup();
    const r = await createLogEntry(db, ctx, {
      dutyId,
      fields: fields({ kind: 'equipmentOp', cause: 'Chiller 2 stopped for service', occurredAt: T0 + 60_000 }),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const id = r.value.id;
    expect(await recordOperationEnd(db, ctx, { entryId: id, endedAt: T0 })).toEqual({
      ok: false,
      errors: { operationEndedAt: 'beforeStart' },
    });
    const ended = await recordOperationEnd(db, ctx, { entryId: id, endedAt: T0 + 120_000 });
    expect(ended.ok && ended.value.operationEndedAt).toBe(T0 + 120_000);
    const opsBefore = await db.outbox.count();
    const again = await recordOperationEnd(db, ctx, { entryId: id, endedAt: null });
    expect(again.ok && again.value.operationEndedAt).toBe(T0 + 120_000);
    expect(await db.outbox.count()).toBe(opsBefore);
  });

  it("H4: a pending work's title keeps the department whole and fits the task's 200 characters", () => {
    expect(referralTitle(' Lift 2 stuck ', 'Engineering')).toBe('Lift 2 stuck → Engineering');
    const long = referralTitle('電'.repeat(300), 'Building services department');
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('… → Building services department')).toBe(true);
    // A character outside the BMP is never cut in half.
    const astral = referralTitle('𠀋'.repeat(150), 'Engineering');
    expect(astral.length).toBeLessThanOrEqual(200);
    expect(astral).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
