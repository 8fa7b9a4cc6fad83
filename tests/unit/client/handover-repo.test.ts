import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { RowNotFoundError } from '../../../src/client/db/errors';
import {
  carryOver,
  gateFor,
  getHandover,
  handoverForDuty,
  isDutyLocked,
  refusedHandover,
} from '../../../src/client/db/queries/handover-queries';
import { abandonHandover, openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { building, CHANGE_AT, HOUR, logEntry, preparedHandover, putItem, putMovement } from './handover-fixtures';
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

describe('the handover draft (H1, H2)', () => {
  it('H1: opening twice returns the same draft; the outgoing person is the duty’s', async () => {
    const b = await building();
    const first = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    const again = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      outgoingDutyId: b.duty.id,
      outgoingStaffId: b.people.outgoing,
      incomingStaffId: null,
      scheduledAt: CHANGE_AT,
      openedAt: T0,
      fitness: 'unset',
      status: 'preparing',
    });
    expect(await b.db.outbox.where('[table+rowId]').equals(['handover', first.id]).count()).toBe(1);
    await expect(openHandover(b.db, b.ctx, { outgoingDutyId: newId(), scheduledAt: null })).rejects.toBeInstanceOf(
      RowNotFoundError,
    );
  });

  it('queues only the changed fields, refuses invalid values, and an abandoned draft makes way for a new one', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    await updateHandover(b.db, b.ctx, h.id, {
      recordReviewed: true,
      equipmentChecked: false,
      incomingStaffId: b.people.incoming,
    });
    const op = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(op).toMatchObject({
      table: 'handover',
      kind: 'patch',
      fields: { recordReviewed: true, incomingStaffId: b.people.incoming },
    });
    expect(Object.keys(op!.fields).sort()).toEqual(['incomingStaffId', 'recordReviewed']);
    await expect(updateHandover(b.db, b.ctx, h.id, { fitness: 'tipsy' as never })).rejects.toBeInstanceOf(ZodError);

    await abandonHandover(b.db, b.ctx, h.id);
    expect((await getHandover(b.db, h.id))?.status).toBe('abandoned');
    expect(await handoverForDuty(b.db, b.duty.id)).toBeUndefined();
    const next = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    expect(next.id).not.toBe(h.id);
    expect((await handoverForDuty(b.db, b.duty.id))?.id).toBe(next.id);
    expect(await isDutyLocked(b.db, b.duty.id)).toBe(false);
  });
});

describe('the gate (H11) and the carry-over register (H4, H5, H7, H9)', () => {
  it('H11: each condition blocks on its own, with what it comes from, and clears', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
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
    ]);
    expect(gate.candidates.map((c) => c.staffId)).toEqual([b.people.incoming]);
    expect(gate.eligible).toEqual([b.people.incoming]);

    await preparedHandover(b);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([]);

    const pump = await logEntry(b.db, b.ctx, b.duty.id, { kind: 'equipmentOp', cause: 'Starting chiller 2' });
    const important = taskRow(b.siteId, b.people.chief, { important: true });
    await b.db.task.put(important);
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual([
      { code: 'equipmentInProgress', refs: [pump.id] },
      { code: 'importantWork', refs: [important.id] },
    ]);
  });

  it('H4, H5, H7, H9: carries open tasks, instructions with acknowledgement, open major events, loans, custody and the previous duty', async () => {
    const b = await building();
    // The shift before this one, and an older one.
    const mkDuty = (staffId: string, startedAt: number, endedAt: number) => ({
      id: newId(),
      siteId: b.siteId,
      updatedAt: HLC,
      deleted: false,
      _versions: {},
      staffId,
      deviceId: b.deviceId,
      shiftId: null,
      startedAt,
      endedAt,
      handoverId: null,
    });
    const previous = mkDuty(b.people.other, T0 - 8 * HOUR, T0);
    const older = mkDuty(b.people.next, T0 - 16 * HOUR, T0 - 8 * HOUR);
    await b.db.duty.bulkPut([previous, older]);
    const earlier = await logEntry(b.db, b.ctx, b.duty.id, { cause: 'placeholder' });
    await b.db.logEntry.put({
      ...earlier,
      id: newId(),
      dutyId: previous.id,
      cause: 'Night patrol done',
      _versions: {},
    });
    const major = await logEntry(b.db, b.ctx, b.duty.id, { severity: 'major', kind: 'repair', process: 'Called EMSD' });

    const instruction = taskRow(b.siteId, b.people.chief, { kind: 'instruction', title: 'Check fire doors hourly' });
    const unacked = taskRow(b.siteId, b.people.chief, {
      kind: 'instruction',
      title: 'No parcels for 5F',
      createdAt: T0 + 1,
    });
    const work = taskRow(b.siteId, b.people.outgoing, { important: true, createdAt: T0 - 1 });
    const done = taskRow(b.siteId, b.people.outgoing, { status: 'done', result: 'Fixed' });
    await b.db.task.bulkPut([instruction, unacked, work, done]);
    await b.db.acknowledgement.put({
      id: newId(),
      siteId: b.siteId,
      updatedAt: HLC,
      deleted: false,
      _versions: {},
      taskId: instruction.id,
      staffId: b.people.incoming,
      handoverId: null,
      recordedAt: T0 + 5,
      deviceTime: T0 + 5,
    });
    const late = await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.key2.id,
      kind: 'lend',
      dueAt: T0 + HOUR,
    });
    const bag = await putItem(b.db, b.siteId, { category: 'custody', code: 'C9', label: 'Umbrella' });
    const intake = await putMovement(b.db, b.siteId, b.people.outgoing, { itemId: bag.id, kind: 'custodyIn' });

    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    const c = await carryOver(b.db, { handoverId: h.id, incomingStaffId: b.people.incoming, nowMs: CHANGE_AT });
    expect(c.tasks.map((t) => t.id)).toEqual([work.id, unacked.id, instruction.id]);
    expect(c.instructions).toEqual([
      { task: expect.objectContaining({ id: unacked.id }), acknowledgedAt: null },
      { task: expect.objectContaining({ id: instruction.id }), acknowledgedAt: T0 + 5 },
    ]);
    expect(c.majorOpen.map((e) => e.id)).toEqual([major.id]);
    expect(c.equipmentInProgress).toEqual([]);
    expect(c.openLoans.map((l) => l.lend.id)).toEqual([late.id]);
    expect(c.overdueLoans.map((l) => l.lend.id)).toEqual([late.id]);
    expect(c.custody.map((x) => [x.movement.id, x.item.id])).toEqual([[intake.id, bag.id]]);
    expect(c.previousDuty?.duty.id).toBe(previous.id);
    expect(c.previousDuty?.entries.map((e) => e.cause)).toEqual(['Night patrol done']);

    const nobody = await carryOver(b.db, { handoverId: h.id, incomingStaffId: null, nowMs: T0 });
    expect(nobody.instructions.map((i) => i.acknowledgedAt)).toEqual([null, null]);
    expect(nobody.overdueLoans).toEqual([]);
  });

  it('refusedHandover finds the refusal of this handover’s record', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
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
