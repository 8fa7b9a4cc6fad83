import { describe, expect, it } from 'vitest';
import type { Role, SyncError } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { startDuty } from './duty-fixture';
import { lendItem, saveItem } from '../../../src/client/db/repos/item-repo';
import { dismissRefusal } from '../../../src/client/db/repos/refusal-repo';
import { resendRefusal } from '../../../src/client/db/repos/resend-repo';
import { canResend, typedFields } from '../../../src/client/db/repos/resend-spec';
import { createTask } from '../../../src/client/db/repos/task-repo';
import { makeWriteContext, type WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { listSyncErrors } from '../../../src/client/db/queries';
import { entry, setup } from './engine-setup';
import { enrolledDb, T0, typedPin } from './helpers';

async function person(db: HandoverDb, siteId: string, role: Role, id = newId()): Promise<string> {
  typedPin(id);
  await db.staff.put({
    id,
    siteId,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    name: `${role} ${id.slice(-4)}`,
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

/** A refused op as the server's syncError row, on this tablet. */
async function refused(db: HandoverDb, ctx: WriteContext, over: Partial<SyncError>): Promise<SyncError> {
  const row: SyncError = {
    id: newId(),
    siteId: ctx.siteId,
    updatedAt: '000000000000002-0000-server',
    deleted: false,
    deviceId: ctx.deviceId,
    counter: 40,
    table: 'logEntry',
    rowId: newId(),
    opKind: 'put',
    code: 'validation_failed',
    message: '',
    actorStaffId: ctx.actorStaffId,
    fields: {},
    recordedAt: T0,
    issues: [],
    dismissedAt: null,
    dismissedBy: null,
    ...over,
  };
  await db.syncError.put({ ...row, _versions: { dismissedAt: 1, dismissedBy: 1 } });
  return row;
}

async function tablet() {
  const e = await enrolledDb();
  await person(e.db, e.siteId, 'desk', e.staffId);
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  return { ...e, ctx };
}

const lastOps = async (db: HandoverDb, n: number) =>
  (await db.outbox.orderBy('counter').toArray())
    .slice(-n)
    .map((o) => ({ table: o.table, kind: o.kind, rowId: o.rowId, fields: o.fields }));

describe('sending a refused change again (issue 7 §8)', () => {
  it('offers what a person typed: a new task has no result yet, a loan no custody fields, a patch what it changed', () => {
    const rowId = newId();
    const task = { title: 'Leak', cause: 'Tap', process: '', result: '' };
    expect(typedFields({ table: 'task', opKind: 'put', fields: task })).toEqual(['title', 'cause', 'process']);
    expect(typedFields({ table: 'task', opKind: 'patch', fields: { status: 'done', result: 'x' } })).toEqual([
      'result',
    ]);
    const lend = { kind: 'lend', party: 'Ace', fromParty: '', contact: '', reason: '', checkedHow: '' };
    expect(typedFields({ table: 'itemMovement', opKind: 'append', fields: lend })).toEqual([
      'party',
      'contact',
      'reason',
    ]);
    const base = { opKind: 'patch', code: 'rule_violation', rowId };
    // Nothing typed (a flag), a row the server holds already, a table no person types into: no resend.
    expect(canResend({ ...base, table: 'task', fields: { important: true } })).toBe(false);
    expect(canResend({ ...base, table: 'logEntry', opKind: 'put', code: 'row_exists', fields: { cause: 'x' } })).toBe(
      false,
    );
    expect(canResend({ ...base, table: 'item', opKind: 'put', fields: { label: 'Key' } })).toBe(false);
    expect(canResend({ ...base, table: 'task', fields: { result: 'x' } })).toBe(true);
  });

  it("an entry whose duty was handed over meanwhile goes into the sender's open duty (H3), under a new id", async () => {
    const { db, ctx } = await tablet();
    const old = await startDuty(db, ctx, { shiftId: null });
    await db.handoverRecord.put({ id: newId(), outgoingDutyId: old.id, correctsId: null, deleted: false } as never);
    const now = await startDuty(db, ctx, { shiftId: null });
    const rowId = newId();
    const r = await refused(db, ctx, {
      rowId,
      fields: {
        id: rowId,
        siteId: ctx.siteId,
        dutyId: old.id,
        staffId: ctx.actorStaffId,
        kind: 'enquiry',
        severity: 'major',
        status: 'open',
        cause: 'Smoke smell at B2',
        process: '',
        result: '',
        party: '',
        contact: '',
        location: 'B2',
        occurredAt: T0 - 60_000,
        recordedAt: T0,
        deviceTime: T0,
      },
      message: 'H6: process: required',
    });
    expect(canResend(r)).toBe(true);
    // H6 again: a major matter states what was done.
    // H6 again: a major matter states what was done; T1: it happened before the duty it now goes
    // into began, so that duty's record says why it is written there.
    expect(await resendRefusal(db, ctx, r.id, {})).toEqual({
      ok: false,
      errors: [
        { path: 'process', code: 'required' },
        { path: 'backdateReason', code: 'required' },
      ],
    });
    const sent = await resendRefusal(db, ctx, r.id, {
      process: 'Called the fire services centre',
      backdateReason: 'Refused by the server; sent again after the handover',
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
    expect(sent.value.rowId).not.toBe(rowId);
    expect(await db.logEntry.get(sent.value.rowId)).toMatchObject({
      dutyId: now.id,
      process: 'Called the fire services centre',
      backdateReason: 'Refused by the server; sent again after the handover',
    });
    expect(await lastOps(db, 2)).toEqual([
      expect.objectContaining({ table: 'logEntry', kind: 'put', rowId: sent.value.rowId }),
      { table: 'syncError', kind: 'patch', rowId: r.id, fields: { dismissedAt: T0, dismissedBy: ctx.actorStaffId } },
    ]);
  });

  it('an entry with no open duty to file it in is not sent, and the refusal stays open', async () => {
    const { db, ctx } = await tablet();
    const r = await refused(db, ctx, {
      fields: {
        dutyId: newId(),
        kind: 'enquiry',
        severity: 'routine',
        status: 'open',
        cause: 'x',
        process: '',
        result: '',
        party: '',
        contact: '',
        location: '',
        occurredAt: T0,
      },
    });
    expect(await resendRefusal(db, ctx, r.id, {})).toEqual({ ok: false, errors: [{ path: '', code: 'noDuty' }] });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.syncError.get(r.id))?.dismissedAt).toBeNull();
  });

  it('a refused patch closing pending work is patched again with the edited result, closed by the sender', async () => {
    const { db, ctx } = await tablet();
    const task = await createTask(
      db,
      ctx,
      { kind: 'unfinished', title: 'Leak at 12/F', cause: 'Tap', process: '', important: false, dutyId: null },
      'desk',
    );
    if (!task.ok) throw new Error('task');
    const r = await refused(db, ctx, {
      table: 'task',
      opKind: 'patch',
      rowId: task.value.id,
      fields: { status: 'done', result: 'r'.repeat(2001), closedBy: newId(), closedAt: T0 - 5 },
      message: 'result: Too big: expected string to have <=2000 characters',
    });
    expect(await resendRefusal(db, ctx, r.id, {})).toEqual({
      ok: false,
      errors: [{ path: 'result', code: 'too_big', limit: 2000 }],
    });
    const sent = await resendRefusal(db, ctx, r.id, { result: 'Plumber fixed the tap' });
    expect(sent).toEqual({ ok: true, value: { table: 'task', rowId: task.value.id } });
    expect((await lastOps(db, 2))[0]).toEqual({
      table: 'task',
      kind: 'patch',
      rowId: task.value.id,
      fields: { status: 'done', result: 'Plumber fixed the tap', closedBy: ctx.actorStaffId, closedAt: T0 },
    });
  });

  it('a note, an amendment and a loan are appended again under new ids', async () => {
    const { db, ctx, siteId } = await tablet();
    const chief = await makeWriteContext(db, await person(db, siteId, 'chief'), () => T0);
    const task = await createTask(
      db,
      ctx,
      { kind: 'followUp', title: 'Call 8A', cause: 'Noise', process: '', important: false, dutyId: null },
      'desk',
    );
    const duty = await startDuty(db, ctx, { shiftId: null });
    const e = await entry(db, ctx, duty.id);
    const key = await saveItem(db, chief, {
      category: 'key',
      label: 'Plant room',
      code: 'K-1',
      expectedQuantity: 1,
      location: '',
      active: true,
    });
    if (!task.ok || !key.ok) throw new Error('seed');
    const note = await refused(db, ctx, {
      table: 'taskNote',
      opKind: 'append',
      fields: { taskId: task.value.id, text: ' ' },
    });
    const amend = await refused(db, ctx, {
      table: 'logAmendment',
      opKind: 'append',
      counter: 41,
      fields: { entryId: e.id, text: 'n'.repeat(4001), statusChange: 'resolved' },
    });
    const lendRow = newId();
    const lend = await refused(db, ctx, {
      table: 'itemMovement',
      opKind: 'append',
      counter: 42,
      rowId: lendRow,
      fields: {
        id: lendRow,
        siteId,
        itemId: key.value.id,
        kind: 'lend',
        quantity: 1,
        party: 'Ace Lifts',
        partyKind: 'contractor',
        fromParty: '',
        contact: '',
        reason: 'Lift room',
        checkedHow: '',
        dueAt: T0 + 3_600_000,
        closesId: null,
        occurredAt: T0,
        staffId: ctx.actorStaffId,
        dutyId: null,
        recordedAt: T0,
        deviceTime: T0,
      },
    });
    expect(await resendRefusal(db, ctx, note.id, {})).toEqual({
      ok: false,
      errors: [{ path: 'text', code: 'required' }],
    });
    expect((await resendRefusal(db, ctx, note.id, { text: 'Called, no answer' })).ok).toBe(true);
    expect((await resendRefusal(db, ctx, amend.id, {})).ok).toBe(false);
    expect((await resendRefusal(db, ctx, amend.id, { text: 'Checked again' })).ok).toBe(true);
    expect(await resendRefusal(db, ctx, lend.id, {})).toEqual({
      ok: false,
      errors: [{ path: 'contact', code: 'required' }],
    });
    const lent = await resendRefusal(db, ctx, lend.id, { contact: '2345 6789' });
    if (!lent.ok) throw new Error(JSON.stringify(lent.errors));
    expect(lent.value.rowId).not.toBe(lendRow);
    expect((await db.taskNote.toArray()).map((n) => n.text)).toEqual(['Called, no answer']);
    expect((await db.logAmendment.toArray()).map((a) => [a.text, a.statusChange])).toEqual([
      ['Checked again', 'resolved'],
    ]);
    expect(await db.itemMovement.get(lent.value.rowId)).toMatchObject({
      kind: 'lend',
      contact: '2345 6789',
      party: 'Ace Lifts',
    });
    expect((await listSyncErrors(db)).every((s) => s.dismissedBy === ctx.actorStaffId)).toBe(true);
    // A lend sent again cannot take out more than the desk holds (H8).
    expect(
      (
        await lendItem(db, ctx, {
          itemId: key.value.id,
          quantity: 1,
          party: 'B',
          partyKind: 'tenant',
          contact: '1',
          reason: '',
          dueAt: T0 + 1,
          dutyId: null,
        })
      ).ok,
    ).toBe(false);
  });
});

describe("dismissing the tablet's own copy of a refusal (issue 7 §8)", () => {
  it("is kept on the copy and sent for the server's row once it is pulled", async () => {
    const { db, ctx, server, engine } = await setup({
      reject: (op) => (op.table === 'logEntry' ? 'validation_failed' : null),
    });
    const duty = await startDuty(db, ctx, { shiftId: null });
    await entry(db, ctx, duty.id, 'refused matter');
    const pushOnly: typeof fetch = async (input, init) => {
      if (String(input).includes('/pull')) throw new TypeError('offline');
      return server.fetch(input, init);
    };
    await engine(pushOnly).syncNow();
    const [copy] = await listSyncErrors(db);
    expect(copy?.id.startsWith('local-')).toBe(true);
    await dismissRefusal(db, ctx, copy?.id ?? '');
    expect(await db.outbox.count()).toBe(0);

    await engine().syncNow();
    const [row] = await listSyncErrors(db);
    expect(row?.id.startsWith('local-')).toBe(false);
    expect(row).toMatchObject({ dismissedAt: T0, dismissedBy: ctx.actorStaffId });
    expect((await db.outbox.toArray()).map((o) => [o.table, o.kind, o.rowId, o.fields])).toEqual([
      ['syncError', 'patch', row?.id, { dismissedAt: T0, dismissedBy: ctx.actorStaffId }],
    ]);
  });
});
