import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HandoverActorError } from '../../../src/client/db/errors';
import { carryOver, gateFor, refusedHandover } from '../../../src/client/db/queries/handover-queries';
import { openHandover } from '../../../src/client/db/repos/handover-repo';
import { acknowledgeInstruction } from '../../../src/client/db/repos/task-repo';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import {
  building,
  CHANGE_AT,
  HOUR,
  incomingCtx,
  logEntry,
  preparedHandover,
  putItem,
  putMovement,
} from './handover-fixtures';
import { T0 } from './helpers';

const HLC = formatHlc({ wallMs: T0, counter: 0, node: 'server' });

function taskRow(siteId: string, createdBy: string, over: Record<string, unknown>) {
  return {
    id: newId(),
    siteId,
    updatedAt: HLC,
    deleted: false,
    _versions: {},
    kind: 'unfinished' as const,
    title: 'Chase the lift contractor',
    cause: 'Lift 2 noisy',
    process: '',
    result: '',
    important: false,
    status: 'open' as const,
    createdBy,
    createdAt: T0,
    dutyId: null,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
    ...over,
  };
}

describe('the gate (H11) and the carry-over register (H4, H5, H7, H9)', () => {
  it('H11: each condition blocks on its own, with what it comes from, and clears', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    const gate = await gateFor(b.db, h.id, b.clock.now);
    expect(gate.blockers).toEqual([
      {
        code: 'preparationIncomplete',
        refs: [
          'recordReviewed',
          'itemsCounted',
          'equipmentChecked',
          'pendingReviewed',
          'anomaliesAsked',
          'fitnessAttested',
        ],
      },
      { code: 'notJoined', refs: [] },
    ]);
    expect(gate.candidates.map((c) => c.staffId)).toEqual([b.people.incoming]);
    expect(gate.eligible).toEqual([b.people.incoming]);

    await preparedHandover(b);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);

    // H11(b): an equipment operation blocks from its start until its end is recorded, whatever its status.
    const pump = await logEntry(b.db, b.ctx, b.duty.id, { kind: 'equipmentOp', cause: 'Starting chiller 2' });
    const important = taskRow(b.siteId, b.people.chief, { important: true });
    await b.db.task.put(important);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([
      { code: 'equipmentInProgress', refs: [pump.id] },
      { code: 'importantWork', refs: [important.id] },
    ]);
    await b.db.logEntry.put({ ...(await b.db.logEntry.get(pump.id))!, status: 'resolved' });
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers.map((x) => x.code)).toEqual([
      'equipmentInProgress',
      'importantWork',
    ]);
    await b.db.logEntry.put({ ...(await b.db.logEntry.get(pump.id))!, operationEndedAt: b.clock.now });
    await b.db.task.put({ ...important, important: false });
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);
  });

  it('H7: a carried instruction blocks until the incoming person, having joined, acknowledges it', async () => {
    const b = await building();
    const order = taskRow(b.siteId, b.people.chief, { kind: 'instruction', title: 'Check fire doors hourly' });
    await b.db.task.put(order);
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    // Not before they have joined, and not by the outgoing person for them.
    await expect(
      acknowledgeInstruction(b.db, await incomingCtx(b), { taskId: order.id, handoverId: h.id }),
    ).rejects.toBeInstanceOf(HandoverActorError);
    await preparedHandover(b);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([
      { code: 'instructionsUnacknowledged', refs: [order.id] },
    ]);
    await expect(acknowledgeInstruction(b.db, b.ctx, { taskId: order.id, handoverId: h.id })).rejects.toBeInstanceOf(
      HandoverActorError,
    );
    const ack = await acknowledgeInstruction(b.db, await incomingCtx(b), { taskId: order.id, handoverId: h.id });
    expect(ack).toMatchObject({ staffId: b.people.incoming, handoverId: h.id });
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);
  });

  it('H5, H9: the carry-over shows the outgoing shift’s own record and every major matter of it; also open tasks, instructions, loans and custody', async () => {
    const b = await building();
    // The shift before the outgoing one: not what the incoming person reads (H9: 上一班 is the outgoing shift).
    const previous = {
      id: newId(),
      siteId: b.siteId,
      updatedAt: HLC,
      deleted: false,
      _versions: {},
      staffId: b.people.other,
      deviceId: b.deviceId,
      shiftId: null,
      startedAt: T0 - 8 * HOUR,
      endedAt: T0,
      handoverId: null,
    };
    await b.db.duty.put(previous);
    const mine = await logEntry(b.db, b.ctx, b.duty.id, { cause: 'Parcel for 12F' });
    await b.db.logEntry.put({ ...mine, id: newId(), dutyId: previous.id, cause: 'Night patrol done', _versions: {} });
    const open = await logEntry(b.db, b.ctx, b.duty.id, { severity: 'major', kind: 'repair', process: 'Called EMSD' });
    const handled = await logEntry(b.db, b.ctx, b.duty.id, {
      severity: 'emergency',
      kind: 'emergency',
      status: 'resolved',
      process: 'Called 999',
      result: 'Ambulance took the visitor to hospital',
      occurredAt: T0 + 1,
    });

    const instruction = taskRow(b.siteId, b.people.chief, { kind: 'instruction', title: 'Check fire doors hourly' });
    const unacked = taskRow(b.siteId, b.people.chief, {
      kind: 'instruction',
      title: 'No parcels for 5F',
      createdAt: T0 + 1,
    });
    const work = taskRow(b.siteId, b.people.outgoing, { important: true, createdAt: T0 - 1 });
    const done = taskRow(b.siteId, b.people.outgoing, { status: 'done', result: 'Fixed' });
    await b.db.task.bulkPut([instruction, unacked, work, done]);
    const late = await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.key2.id,
      kind: 'lend',
      dueAt: T0 + HOUR,
    });
    const bag = await putItem(b.db, b.siteId, { category: 'custody', code: 'C9', label: 'Umbrella' });
    const intake = await putMovement(b.db, b.siteId, b.people.outgoing, { itemId: bag.id, kind: 'custodyIn' });

    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    // H7: read at this handover (a receipt of an earlier one is not this one's).
    await b.db.acknowledgement.put({
      id: newId(),
      siteId: b.siteId,
      updatedAt: HLC,
      deleted: false,
      _versions: {},
      taskId: instruction.id,
      staffId: b.people.incoming,
      handoverId: h.id,
      recordedAt: T0 + 5,
      deviceTime: T0 + 5,
    });
    const c = await carryOver(b.db, { handoverId: h.id, incomingStaffId: b.people.incoming, nowMs: CHANGE_AT });
    expect(c.tasks.map((t) => t.id)).toEqual([work.id, unacked.id, instruction.id]);
    expect(c.instructions).toEqual([
      { task: expect.objectContaining({ id: unacked.id }), acknowledgedAt: null },
      { task: expect.objectContaining({ id: instruction.id }), acknowledgedAt: T0 + 5 },
    ]);
    // H11(a): what blocks; H5: every other major matter of the shift, handled or not.
    expect(c.majorOpen.map((e) => e.id)).toEqual([open.id]);
    expect(c.shiftMajor.map((e) => e.id)).toEqual([handled.id]);
    expect(c.equipmentInProgress).toEqual([]);
    expect(c.openLoans.map((l) => l.lend.id)).toEqual([late.id]);
    expect(c.overdueLoans.map((l) => l.lend.id)).toEqual([late.id]);
    expect(c.custody.map((x) => [x.movement.id, x.item.id])).toEqual([[intake.id, bag.id]]);
    // H9: the outgoing duty's own entries, every one of them; not the shift before it.
    expect(c.shiftRecord?.duty.id).toBe(b.duty.id);
    expect(c.shiftRecord?.entries.map((e) => e.id).sort()).toEqual([mine.id, open.id, handled.id].sort());

    const nobody = await carryOver(b.db, { handoverId: h.id, incomingStaffId: null, nowMs: T0 });
    expect(nobody.instructions.map((i) => i.acknowledgedAt)).toEqual([null, null]);
    expect(nobody.overdueLoans).toEqual([]);
  });

  it('refusedHandover finds the refusal of this handover’s record', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    const refusal = (handoverId: string, recordedAt: number, code: string) => ({
      id: newId(),
      siteId: b.siteId,
      updatedAt: HLC,
      deleted: false,
      _versions: {},
      deviceId: b.deviceId,
      counter: recordedAt - T0 + 1,
      table: 'handoverRecord',
      rowId: newId(),
      opKind: 'put',
      code,
      message: 'another tablet signed first',
      actorStaffId: b.people.outgoing,
      fields: { handoverId },
      recordedAt,
      issues: [],
      dismissedAt: null,
      dismissedBy: null,
    });
    expect(await refusedHandover(b.db, h.id)).toBeUndefined();
    await b.db.syncError.bulkPut([refusal(newId(), T0 + 9, 'locked'), refusal(h.id, T0 + 1, 'handover_taken')]);
    expect((await refusedHandover(b.db, h.id))?.code).toBe('handover_taken');
  });
});
