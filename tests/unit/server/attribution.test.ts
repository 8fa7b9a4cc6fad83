import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { Op } from '../../../src/domain/sync-protocol';
import { OpBuilder, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { countLine, pulledRows, push, putTask, seedDraft, seedDuty, seedStaff } from './rules-fixtures';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let outgoingId: string;
let incomingId: string;
let chiefId: string;
let managerId: string;
let itemId: string;
let draftId: string;
/** A superior's instruction (H7), for the acknowledgement tests. */
let instructionId: string;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  outgoingId = await seedStaff(t, a, 'desk', '陳小玲');
  incomingId = await seedStaff(t, a, 'desk', '李大明');
  chiefId = await seedStaff(t, a, 'chief', '王主任');
  managerId = await seedStaff(t, a, 'manager', '何經理');
  const item = ops.putItem();
  await push(t, a.token, [item]);
  itemId = item.rowId;
  const dutyId = await seedDuty(t, a, outgoingId, t.clock.now - 8 * 3_600_000);
  draftId = await seedDraft(t, a, { outgoingDutyId: dutyId, outgoingStaffId: outgoingId, incomingStaffId: incomingId });
});
afterEach(() => t.dispose());

/** Push one op as `actor`; its result. */
async function pushAs(actor: string, make: () => Op) {
  ops.actorStaffId = actor;
  const [result] = (await push(t, a.token, [make()])).results;
  return result;
}

type LineExtra = Partial<Parameters<typeof countLine>[1]>;
const line =
  (staffId: string, extra: LineExtra = {}) =>
  () =>
    countLine(ops, { handoverId: draftId, itemId, staffId, ...extra });

const join = () => ops.op('handover', 'patch', draftId, { joinedAt: t.clock.now }, { joinedAt: 1 });

const ack =
  (staffId: string, handoverId: string | null = draftId) =>
  () => {
    const id = newId();
    return ops.op('acknowledgement', 'append', id, {
      id,
      siteId: a.siteId,
      taskId: instructionId,
      staffId,
      handoverId,
      recordedAt: t.clock.now,
      deviceTime: t.clock.now,
    });
  };

describe('H8: the count is by whoever tapped, its explanations by the outgoing person', () => {
  it('H8: a count line under someone else than the op actor is refused rule_violation (staffId notActor)', async () => {
    expect(await pushAs(outgoingId, line(incomingId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(outgoingId, line(outgoingId))).toMatchObject({ status: 'applied' });
    const [error] = await pulledRows(t, a.token, 'syncError');
    expect(error?.['issues']).toEqual([{ path: 'staffId', code: 'notActor' }]);
  });

  it('H8 (由交班人說明): an explained discrepancy names the outgoing person in explainedBy, nobody else', async () => {
    const missing = { state: 'missing', quantity: 0, explanation: '借給保安巡樓' } as const;
    expect(await pushAs(outgoingId, line(outgoingId, { ...missing, explainedBy: incomingId }))).toMatchObject({
      status: 'rejected',
      code: 'rule_violation',
    });
    expect(await pushAs(outgoingId, line(outgoingId, { ...missing, explainedBy: null }))).toMatchObject({
      code: 'rule_violation',
    });
    expect(await pushAs(outgoingId, line(outgoingId, { explainedBy: outgoingId }))).toMatchObject({
      code: 'rule_violation',
    });
    expect(await pushAs(outgoingId, line(outgoingId, { ...missing, explainedBy: outgoingId }))).toMatchObject({
      status: 'applied',
    });
    const issues = (await pulledRows(t, a.token, 'syncError')).map((e) => e['issues']);
    expect(issues).toEqual([
      [{ path: 'explainedBy', code: 'notOutgoing' }],
      [{ path: 'explainedBy', code: 'notOutgoing' }],
      [{ path: 'explainedBy', code: 'noExplanation' }],
    ]);
  });

  it('H1, H8: once the incoming person has joined, the count taps are theirs; the explanation stays the outgoing person’s', async () => {
    expect(await pushAs(outgoingId, join)).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(incomingId, join)).toMatchObject({ status: 'applied' });
    expect(await pushAs(outgoingId, line(outgoingId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    const explained = { state: 'damaged', quantity: 1, explanation: '天線斷了', explainedBy: outgoingId } as const;
    expect(await pushAs(incomingId, line(incomingId, explained))).toMatchObject({ status: 'applied' });
    const issues = (await pulledRows(t, a.token, 'syncError')).map((e) => e['issues']);
    expect(issues).toEqual([[{ path: 'joinedAt', code: 'notIncoming' }], [{ path: 'staffId', code: 'notIncoming' }]]);
  });

  it('H8: at an opening the opener explains the discrepancies', async () => {
    const openingId = await seedDraft(t, a, { kind: 'opening', incomingStaffId: incomingId, joinedAt: t.clock.now });
    const missing = { handoverId: openingId, state: 'missing', quantity: 0, explanation: '上次收更已報失' } as const;
    expect(await pushAs(incomingId, line(incomingId, { ...missing, explainedBy: incomingId }))).toMatchObject({
      status: 'applied',
    });
  });
});

describe('H9: the restatement is the incoming person’s once they have joined', () => {
  it('H9: a synthesis written by the outgoing person after the join is refused; by the incoming person applied', async () => {
    await pushAs(incomingId, join);
    const restate = () =>
      ops.op('handover', 'patch', draftId, { synthesis: '鎖匙齊全，十樓漏水待跟進' }, { synthesis: 1 });
    expect(await pushAs(outgoingId, restate)).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(incomingId, restate)).toMatchObject({ status: 'applied' });
    expect((await storedRow(t.store, 'handover', draftId))?.row['synthesis']).toBe('鎖匙齊全，十樓漏水待跟進');
  });
});

describe('H7: instructions are acknowledged by the incoming person, after joining', () => {
  beforeEach(async () => {
    ops.actorStaffId = chiefId;
    const instruction = putTask(ops, { kind: 'instruction', title: '今晚巡查天台門', cause: '保安檢查' });
    expect((await push(t, a.token, [instruction])).results[0]?.status).toBe('applied');
    instructionId = instruction.rowId;
  });

  it('H7: an acknowledgement before the incoming person joined is refused (notJoined); after, by them, applied', async () => {
    expect(await pushAs(incomingId, ack(incomingId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    await pushAs(incomingId, join);
    expect(await pushAs(outgoingId, ack(outgoingId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(outgoingId, ack(incomingId))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(incomingId, ack(incomingId))).toMatchObject({ status: 'applied' });
    const issues = (await pulledRows(t, a.token, 'syncError')).map((e) => e['issues']);
    expect(issues).toEqual([
      [{ path: 'handoverId', code: 'notJoined' }],
      [{ path: 'staffId', code: 'notIncoming' }],
      [{ path: 'staffId', code: 'notActor' }],
    ]);
  });

  it('H7: an acknowledgement outside a handover is by its actor', async () => {
    expect(await pushAs(outgoingId, ack(incomingId, null))).toMatchObject({ code: 'rule_violation' });
    expect(await pushAs(outgoingId, ack(outgoingId, null))).toMatchObject({ status: 'applied' });
  });
});

describe('H7, H8: notes, amendments and movements are by their actor', () => {
  it.each(['taskNote', 'logAmendment', 'itemMovement'] as const)(
    'a %s under another person is refused rule_violation',
    async (table) => {
      const fixtures = await ownerRows();
      const id = newId();
      const base = { id, siteId: a.siteId, staffId: incomingId, recordedAt: t.clock.now, deviceTime: t.clock.now };
      const fields = {
        taskNote: { ...base, taskId: fixtures.taskId, text: '已致電工程部' },
        logAmendment: { ...base, entryId: fixtures.entryId, text: '補充：十時再查', statusChange: null },
        itemMovement: {
          ...base,
          itemId,
          kind: 'lend',
          quantity: 1,
          party: '工程部 黃師傅',
          partyKind: 'contractor',
          fromParty: '',
          contact: '9123 4567',
          reason: '維修水泵',
          checkedHow: '',
          dueAt: t.clock.now + 3_600_000,
          closesId: null,
          occurredAt: t.clock.now,
          dutyId: null,
        },
      }[table];
      const kind = 'append';
      expect(await pushAs(outgoingId, () => ops.op(table, kind, id, fields))).toMatchObject({
        status: 'rejected',
        code: 'rule_violation',
      });
      const ownId = newId();
      const own = { ...fields, id: ownId, staffId: outgoingId };
      expect(await pushAs(outgoingId, () => ops.op(table, kind, ownId, own))).toMatchObject({ status: 'applied' });
    },
  );
});

/** A task and a log entry for notes and amendments to point at. */
async function ownerRows(): Promise<{ taskId: string; entryId: string }> {
  ops.actorStaffId = outgoingId;
  const task = putTask(ops);
  const dutyId = await seedDuty(t, a, outgoingId, t.clock.now - 60_000);
  const entry = ops.putLogEntry(dutyId);
  const res = await push(t, a.token, [task, entry]);
  expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return { taskId: task.rowId, entryId: entry.rowId };
}

describe('H4: only a section chief or manager sets or clears "important"', () => {
  it('H4: a desk person marking new work important is refused; a chief is accepted', async () => {
    expect(await pushAs(outgoingId, () => putTask(ops, { important: true }))).toMatchObject({
      status: 'rejected',
      code: 'rule_violation',
      httpStatus: 403,
    });
    expect(await pushAs(outgoingId, () => putTask(ops))).toMatchObject({ status: 'applied' });
    expect(await pushAs(chiefId, () => putTask(ops, { important: true }))).toMatchObject({ status: 'applied' });
    const [error] = await pulledRows(t, a.token, 'syncError');
    expect(error?.['issues']).toEqual([{ path: 'important', code: 'chiefOrManagerOnly' }]);
  });

  it('H4: a desk person (or an admin) clearing "important" is refused; a manager clears it, a chief sets it again', async () => {
    ops.actorStaffId = chiefId;
    const task = putTask(ops, { important: true });
    await push(t, a.token, [task]);
    const mark = (important: boolean) => () => ops.op('task', 'patch', task.rowId, { important }, { important: 1 });
    expect(await pushAs(outgoingId, mark(false))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(await pushAs(a.adminStaffId, mark(false))).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect((await storedRow(t.store, 'task', task.rowId))?.row['important']).toBe(true);
    expect(await pushAs(managerId, mark(false))).toMatchObject({ status: 'applied' });
    expect((await storedRow(t.store, 'task', task.rowId))?.row['important']).toBe(false);
    const setAgain = () => ops.op('task', 'patch', task.rowId, { important: true }, { important: 2 });
    expect(await pushAs(chiefId, setAgain)).toMatchObject({ status: 'applied' });
  });

  it('H4: a desk person may still add progress to important work without touching the mark', async () => {
    ops.actorStaffId = chiefId;
    const task = putTask(ops, { important: true });
    await push(t, a.token, [task]);
    const progress = () => ops.op('task', 'patch', task.rowId, { process: '已約師傅明早到場' }, { process: 1 });
    expect(await pushAs(outgoingId, progress)).toMatchObject({ status: 'applied' });
  });
});
