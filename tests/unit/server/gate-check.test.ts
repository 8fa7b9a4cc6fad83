/**
 * The gate is the server's too (H11, H4, H7, H8, S1): a signed handover is re-evaluated against the
 * building's rows as the signing tablet knew them (its pull cursor plus its own earlier ops). A
 * blocker it knew of is refused `gate_blocked`; one it could not know of is not held against it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, itemFields, makeTestServer, maxSeq, setupViaApi, type TestServer, storedRow } from './helpers';
import { ackOp, emergencyOp, joinOp, lendOp, resolveOp, taskDoneOp, taskOp } from './gate-fixtures';
import { buildRecord, draftVersions, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { as, expectApplied, pushOps, secondTablet } from './tablet-fixtures';
import { signingOps, type RecordFields } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;
let baseRecords: number;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
  baseRecords = await countRows(t.store, 'handoverRecord');
});
afterEach(() => t.dispose());

/**
 * Push the signing of `record` from the world's tablet; the codes of the three ops. The draft stays
 * signed after a refused record, so a later signing patches it from the version the tablet pulled.
 */
async function sign(record: RecordFields): Promise<{ codes: (string | undefined)[]; message: string }> {
  const base = await draftVersions(t, record.handoverId);
  const results = await pushOps(t, w.tablet, signingOps(w.tablet.ops, record, record.handoverId, base));
  return { codes: results.map((r) => r.code), message: results[1]?.message ?? '' };
}

const REFUSED = [undefined, 'gate_blocked', 'reference_unknown'];
const ACCEPTED = [undefined, undefined, undefined];

async function outgoingDuty() {
  return (await storedRow(t.store, 'duty', w.dutyId))?.row;
}

describe('H11: a blocker the signing tablet knew of is refused gate_blocked', () => {
  it('H11(a): an open emergency the tablet knew of is refused, listed by id; once resolved the handover is accepted', async () => {
    const emergency = emergencyOp(w.tablet, w.outgoingId, w.dutyId);
    expectApplied(await pushOps(t, w.tablet, [emergency]));
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain(`majorOpen (${emergency.rowId})`);
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
    expect((await outgoingDuty())?.['endedAt']).toBeNull();
    expect(await t.store.getLock(w.a.siteId, 'duty', w.dutyId)).toBeUndefined();

    expectApplied(await pushOps(t, w.tablet, [resolveOp(w.tablet, w.outgoingId, emergency.rowId)]));
    const record = await buildRecord(w, { signedAt: t.clock.now });
    expect((await sign(record)).codes).toEqual(ACCEPTED);
    expect((await outgoingDuty())?.['endedAt']).toBe(record.signedAt);
  });

  it("H11: the tablet's own ops after its last pull count: its own open major entry is refused", async () => {
    const cursor = await maxSeq(t.store);
    const leak = w.tablet.ops.putLogEntry(w.dutyId, {
      staffId: w.outgoingId,
      kind: 'repair',
      severity: 'major',
      process: '已通知工程部',
    });
    expectApplied(await pushOps(t, w.tablet, [leak]));
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now, syncCursor: cursor }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain(leak.rowId);
  });

  it('H11(b): an equipment operation blocks from its start until its end is recorded', async () => {
    const pump = w.tablet.ops.putLogEntry(w.dutyId, {
      staffId: w.outgoingId,
      kind: 'equipmentOp',
      cause: '工程部停用 2 號水泵檢查',
      occurredAt: t.clock.now - 30 * 60_000,
    });
    expectApplied(await pushOps(t, w.tablet, [pump]));
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain(`equipmentInProgress (${pump.rowId})`);

    const end = w.tablet.ops.op(
      'logEntry',
      'patch',
      pump.rowId,
      { operationEndedAt: t.clock.now },
      { operationEndedAt: 1 },
    );
    expectApplied(await pushOps(t, w.tablet, [end]));
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now }))).codes).toEqual(ACCEPTED);
  });

  it('H4: important unfinished work blocks; done, the handover is accepted', async () => {
    const task = taskOp(w.tablet, w.chiefId, { important: true, title: '追回垃圾房鎖匙' });
    expectApplied(await pushOps(t, w.tablet, [task]));
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain(`importantWork (${task.rowId})`);

    expectApplied(await pushOps(t, w.tablet, [taskDoneOp(w.tablet, w.outgoingId, task.rowId)]));
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now }))).codes).toEqual(ACCEPTED);
  });

  it('H8: a count that leaves out an item is refused, naming it; an item wholly lent out is accounted for', async () => {
    const itemId = crypto.randomUUID();
    const item = itemFields(w.a.siteId, itemId);
    expectApplied(
      await pushOps(t, w.tablet, [
        as(w.tablet.ops, w.a.adminStaffId, () => w.tablet.ops.op('item', 'put', itemId, item)),
      ]),
    );
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain(`preparationIncomplete (itemsCounted, ${String(item['code'])})`);

    expectApplied(await pushOps(t, w.tablet, [lendOp(w.tablet, w.outgoingId, itemId)]));
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now }))).codes).toEqual(ACCEPTED);
  });

  it("H7, H1: a carried instruction needs the incoming person's read receipt, and the incoming person must have joined", async () => {
    const instruction = taskOp(w.tablet, w.chiefId, {
      kind: 'instruction',
      title: '所有訪客須出示身份證明文件',
      cause: '經理指示加強訪客登記',
    });
    expectApplied(await pushOps(t, w.tablet, [instruction, joinOp(w, t.clock.now - 120_000)]));
    const refused = await sign(await buildRecord(w, { signedAt: t.clock.now, joinedAt: null }));
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain('notJoined');
    expect(refused.message).toContain(`instructionsUnacknowledged (${instruction.rowId})`);

    expectApplied(await pushOps(t, w.tablet, [ackOp(w, instruction.rowId)]));
    const record = await buildRecord(w, { signedAt: t.clock.now, joinedAt: t.clock.now - 120_000 });
    expect((await sign(record)).codes).toEqual(ACCEPTED);
  });

  it('S1: an incoming person who is not rostered is refused notRostered; the message lists every blocker', async () => {
    const record = await buildRecord(w, {
      signedAt: t.clock.now,
      incomingStaffId: w.otherId,
      fields: { equipmentChecked: false },
    });
    const refused = await sign(record);
    expect(refused.codes).toEqual(REFUSED);
    expect(refused.message).toContain('preparationIncomplete (equipmentChecked)');
    expect(refused.message).toContain('notRostered');
  });
});

describe('H11: what the signing tablet could not know is not held against it', () => {
  it('an emergency written on another tablet after its last pull is accepted; had it pulled it, refused', async () => {
    const cursor = await maxSeq(t.store);
    const back = await secondTablet(t, w.a, w.chiefId);
    const emergency = emergencyOp(back, w.chiefId, w.dutyId);
    expectApplied(await pushOps(t, back, [emergency]));

    const knew = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(knew.codes).toEqual(REFUSED);
    expect(knew.message).toContain(emergency.rowId);

    const record = await buildRecord(w, { signedAt: t.clock.now, syncCursor: cursor });
    expect((await sign(record)).codes).toEqual(ACCEPTED);
    // Accepted, though the emergency is still open on the server: the incoming person now holds it.
    expect((await storedRow(t.store, 'logEntry', emergency.rowId))?.row['status']).toBe('open');
    expect((await outgoingDuty())?.['endedAt']).toBe(record.signedAt);
  });

  it('an item added and an instruction given on another tablet while it was offline are not held against it', async () => {
    const cursor = await maxSeq(t.store);
    const back = await secondTablet(t, w.a, w.chiefId);
    const itemId = crypto.randomUUID();
    const item = back.ops.op('item', 'put', itemId, itemFields(w.a.siteId, itemId));
    const instruction = taskOp(back, w.chiefId, {
      kind: 'instruction',
      title: '今晚十時關閉停車場',
      cause: '經理指示',
    });
    expectApplied(await pushOps(t, back, [item, instruction]));
    const knew = await sign(await buildRecord(w, { signedAt: t.clock.now }));
    expect(knew.codes).toEqual(REFUSED);
    expect(knew.message).toContain('itemsCounted');
    expect(knew.message).toContain(`instructionsUnacknowledged (${instruction.rowId})`);
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now, syncCursor: cursor }))).codes).toEqual(ACCEPTED);
  });

  it('a blocker the tablet knew of but another tablet has cleared since is not held against it', async () => {
    const task = taskOp(w.tablet, w.chiefId, { important: true, title: '追回垃圾房鎖匙' });
    expectApplied(await pushOps(t, w.tablet, [task]));
    const cursor = await maxSeq(t.store);
    const back = await secondTablet(t, w.a, w.chiefId);
    expectApplied(await pushOps(t, back, [taskDoneOp(back, w.chiefId, task.rowId)]));
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now, syncCursor: cursor }))).codes).toEqual(ACCEPTED);
  });

  it("S1: the incoming person's shift edited on another tablet since (its note) still rosters them", async () => {
    const cursor = await maxSeq(t.store);
    const back = await secondTablet(t, w.a, w.chiefId);
    const note = back.ops.op('rotaShift', 'patch', w.incomingShiftId, { note: '早 5 分鐘到' }, { note: 1 });
    expectApplied(await pushOps(t, back, [note]));
    expect((await sign(await buildRecord(w, { signedAt: t.clock.now, syncCursor: cursor }))).codes).toEqual(ACCEPTED);
  });
});
