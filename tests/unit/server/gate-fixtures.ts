/**
 * Rows the handover gate reads (H4, H7, H8, H11), written as a tablet writes them: tasks and
 * instructions, the incoming person joining and acknowledging, loans, and major entries.
 */
import type { Acknowledgement, Task } from '../../../src/domain/task-entities';
import type { ItemMovement } from '../../../src/domain/item-entities';
import type { LogEntry } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import type { Op } from '../../../src/domain/sync-protocol';
import type { HandoverWorld } from './handover-fixtures';
import { as, type Tablet } from './tablet-fixtures';

/** A task put by `actor` (a chief for instructions and important work, H7, H4). */
export function taskOp(tablet: Tablet, actor: string, fields: Partial<Task>): Op {
  const id = newId();
  const now = tablet.ops.deviceTime();
  const task: Omit<Task, 'updatedAt' | 'deleted'> = {
    id,
    siteId: tablet.ops.siteId,
    kind: 'unfinished',
    title: '15樓 B室 泊車月票續期',
    cause: '租戶來電查詢續期手續',
    process: '',
    result: '',
    important: false,
    status: 'open',
    createdBy: actor,
    createdAt: now,
    dutyId: null,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
    ...fields,
  };
  return as(tablet.ops, actor, () => tablet.ops.op('task', 'put', id, task));
}

/** The task marked done with its result (H6), by `actor`. */
export function taskDoneOp(tablet: Tablet, actor: string, taskId: string): Op {
  const now = tablet.ops.deviceTime();
  const fields = { status: 'done', result: '已致電租戶', closedBy: actor, closedAt: now };
  return as(tablet.ops, actor, () =>
    tablet.ops.op('task', 'patch', taskId, fields, { status: 1, result: 1, closedBy: 1, closedAt: 1 }),
  );
}

/** H1: the incoming person joins the handover with their PIN, naming themselves on the draft. */
export function joinOp(w: HandoverWorld, at: number): Op {
  const fields = { joinedAt: at, incomingStaffId: w.incomingId };
  return as(w.tablet.ops, w.incomingId, () =>
    w.tablet.ops.op('handover', 'patch', w.handoverId, fields, { joinedAt: 1, incomingStaffId: 1 }),
  );
}

/** H7: the incoming person's read receipt of an instruction during the handover. */
export function ackOp(w: HandoverWorld, taskId: string): Op {
  const id = newId();
  const now = w.tablet.ops.deviceTime();
  const ack: Omit<Acknowledgement, 'updatedAt' | 'deleted'> = {
    id,
    siteId: w.a.siteId,
    taskId,
    staffId: w.incomingId,
    handoverId: w.handoverId,
    recordedAt: now,
    deviceTime: now,
  };
  return as(w.tablet.ops, w.incomingId, () => w.tablet.ops.op('acknowledgement', 'append', id, ack));
}

/** H8: the whole of `itemId` lent to a contractor by `staffId`, due back in two hours. */
export function lendOp(tablet: Tablet, staffId: string, itemId: string): Op {
  const id = newId();
  const now = tablet.ops.deviceTime();
  const lend: Omit<ItemMovement, 'updatedAt' | 'deleted'> = {
    id,
    siteId: tablet.ops.siteId,
    itemId,
    kind: 'lend',
    quantity: 1,
    party: '新輝清潔公司 陳師傅',
    partyKind: 'contractor',
    fromParty: '',
    contact: '9345 1122',
    reason: '清理垃圾房',
    checkedHow: '',
    dueAt: now + 2 * 3_600_000,
    closesId: null,
    occurredAt: now,
    staffId,
    dutyId: null,
    recordedAt: now,
    deviceTime: now,
  };
  return as(tablet.ops, staffId, () => tablet.ops.op('itemMovement', 'append', id, lend));
}

/** An open emergency on `dutyId`, written by `staffId` on `tablet` (H11(a)). */
export function emergencyOp(tablet: Tablet, staffId: string, dutyId: string, more: Partial<LogEntry> = {}): Op {
  return as(tablet.ops, staffId, () =>
    tablet.ops.putLogEntry(dutyId, {
      staffId,
      kind: 'emergency',
      severity: 'emergency',
      cause: '8 樓有人暈倒',
      process: '已致電 999，保安攜 AED 到場',
      ...more,
    }),
  );
}

/** The entry resolved with its result (H6), by `staffId`. */
export function resolveOp(tablet: Tablet, staffId: string, entryId: string): Op {
  const fields = { status: 'resolved', result: '救護員已到場，傷者已送院' };
  return as(tablet.ops, staffId, () => tablet.ops.op('logEntry', 'patch', entryId, fields, { status: 1, result: 1 }));
}
