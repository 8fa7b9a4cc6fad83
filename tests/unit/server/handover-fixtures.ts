/**
 * Fixtures for the handover tests (H3, H8): a building with desk staff, an item, an outgoing duty
 * with an entry, a handover draft with a count line, and the four ops a tablet queues when both
 * people sign (patch handover, patch duty, put handoverRecord, put the new duty). Records carry a
 * real hash from the domain's hashRecord.
 */
import type { SetupResponse } from '../../../src/domain/api';
import { GENESIS_HASH, entryDigest, hashRecord } from '../../../src/domain/chain';
import type { LogEntry, Role } from '../../../src/domain/entities';
import type { CountLine, Handover, HandoverRecord } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import type { Op, PushResponse, PushResult } from '../../../src/domain/sync-protocol';
import { createDevice } from '../../../src/server/site/devices';
import { OpBuilder, call, pushBody, testPinHash, type TestServer } from './helpers';

export type RecordFields = Omit<HandoverRecord, 'updatedAt' | 'deleted'>;

/** One enrolled tablet: its token and an outbox that counts like the tablet's. */
export interface Tablet {
  deviceId: string;
  token: string;
  ops: OpBuilder;
}

export interface HandoverWorld {
  a: SetupResponse;
  tablet: Tablet;
  outgoingId: string;
  incomingId: string;
  /** A third desk person, who takes over on the second tablet in the handover_taken case. */
  otherId: string;
  chiefId: string;
  itemId: string;
  dutyId: string;
  entry: Omit<LogEntry, 'updatedAt' | 'deleted'>;
  handoverId: string;
}

/** Push `ops` from a tablet; the push itself must answer 200 (refusals are per op). */
export async function pushOps(t: TestServer, tablet: Tablet, ops: Op[]): Promise<PushResult[]> {
  const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(tablet.deviceId, ops), token: tablet.token });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as PushResponse).results;
}

/** Another tablet of the same building, enrolled straight in the store. */
export function secondTablet(t: TestServer, a: SetupResponse, actorStaffId: string): Tablet {
  const device = t.store.transaction(() => createDevice(t.store, a.siteId, 'Back office tablet', t.clock.now));
  return { ...device, ops: new OpBuilder(device.deviceId, a.siteId, actorStaffId, () => t.clock.now) };
}

export async function staffOp(ops: OpBuilder, role: Role, name: string): Promise<Op> {
  const id = newId();
  return ops.op('staff', 'put', id, { id, siteId: ops.siteId, name, role, pinHash: await testPinHash(), active: true });
}

export function handoverOp(ops: OpBuilder, dutyId: string, outgoingStaffId: string): Op {
  const id = newId();
  const fields: Omit<Handover, 'updatedAt' | 'deleted'> = {
    id,
    siteId: ops.siteId,
    outgoingDutyId: dutyId,
    outgoingStaffId,
    incomingStaffId: null,
    scheduledAt: null,
    openedAt: ops.deviceTime(),
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: '沒有異常',
    synthesis: '',
    fitness: 'fit',
    fitnessNote: '',
    substituteStaffId: null,
    status: 'preparing',
  };
  return ops.op('handover', 'put', id, fields);
}

export function countLineOp(
  ops: OpBuilder,
  line: Pick<CountLine, 'handoverId' | 'itemId' | 'staffId'> & Partial<CountLine>,
): Op {
  const id = newId();
  const now = ops.deviceTime();
  const fields: Omit<CountLine, 'updatedAt' | 'deleted'> = {
    id,
    siteId: ops.siteId,
    state: 'present',
    quantity: 1,
    explanation: '',
    recordedAt: now,
    deviceTime: now,
    ...line,
  };
  return ops.op('countLine', 'append', id, fields);
}

/**
 * The building at the end of a shift: staff, a key, the outgoing person's duty with one open
 * entry, and a handover draft whose count says the key is present. Everything pushed and applied.
 */
export async function prepareHandover(t: TestServer, a: SetupResponse): Promise<HandoverWorld> {
  const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  const tablet: Tablet = { deviceId: a.deviceId, token: a.token, ops };
  const staff = await Promise.all([
    staffOp(ops, 'desk', '陳小玲'),
    staffOp(ops, 'desk', '李大明'),
    staffOp(ops, 'desk', '張志強'),
    staffOp(ops, 'chief', '王主任'),
  ]);
  const [outgoingId, incomingId, otherId, chiefId] = staff.map((s) => s.rowId) as [string, string, string, string];
  const item = ops.putItem();
  expectApplied(await pushOps(t, tablet, [...staff, item]));

  ops.actorStaffId = outgoingId;
  const duty = ops.putDuty(outgoingId);
  const entry = ops.putLogEntry(duty.rowId, { staffId: outgoingId, process: '已轉介管理處' });
  const handover = handoverOp(ops, duty.rowId, outgoingId);
  const line = countLineOp(ops, { handoverId: handover.rowId, itemId: item.rowId, staffId: outgoingId });
  expectApplied(await pushOps(t, tablet, [duty, entry, handover, line]));
  return {
    a,
    tablet,
    outgoingId,
    incomingId,
    otherId,
    chiefId,
    itemId: item.rowId,
    dutyId: duty.rowId,
    entry: entry.fields as Omit<LogEntry, 'updatedAt' | 'deleted'>,
    handoverId: handover.rowId,
  };
}

export function expectApplied(results: PushResult[]): void {
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length > 0) throw new Error(`fixture ops refused: ${JSON.stringify(refused)}`);
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1 L40 20"/></svg>';

/** A complete signed record of `w`'s handover over to `incomingStaffId`, hashed as the tablet does. */
export async function buildRecord(
  w: HandoverWorld,
  opts: {
    handoverId?: string;
    incomingStaffId?: string;
    signedAt: number;
    prevHash?: string;
    correctsId?: string | null;
    note?: string;
    /** An addendum repeats the corrected record's newDutyId (H3); a new record opens a new duty. */
    newDutyId?: string;
    override?: RecordFields['override'];
    blockersSeen?: RecordFields['blockersSeen'];
  },
): Promise<RecordFields> {
  const incomingStaffId = opts.incomingStaffId ?? w.incomingId;
  const content: Omit<RecordFields, 'hash'> = {
    id: newId(),
    siteId: w.a.siteId,
    handoverId: opts.handoverId ?? w.handoverId,
    correctsId: opts.correctsId ?? null,
    outgoingDutyId: w.dutyId,
    outgoingStaffId: w.outgoingId,
    incomingStaffId,
    newDutyId: opts.newDutyId ?? newId(),
    scheduledAt: null,
    openedAt: opts.signedAt - 300_000,
    signedAt: opts.signedAt,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: '沒有異常',
    synthesis: '一切正常，鎖匙齊全',
    fitness: 'fit',
    fitnessNote: '',
    substituteStaffId: null,
    count: [
      {
        itemId: w.itemId,
        code: 'K-1',
        label: '大堂鎖匙',
        category: 'key',
        expected: 1,
        state: 'present',
        quantity: 1,
        lent: 0,
        borrowers: [],
        explanation: '',
        photoSha256s: [],
      },
    ],
    duty: {
      id: w.dutyId,
      staffId: w.outgoingId,
      startedAt: Number(w.entry.recordedAt) - 3_600_000,
      endedAt: opts.signedAt,
      entries: [{ id: w.entry.id, hash: await entryDigest({ ...w.entry, updatedAt: '', deleted: false }) }],
    },
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: opts.blockersSeen ?? [],
    override: opts.override ?? null,
    signatures: [
      { role: 'outgoing', staffId: w.outgoingId, signedAt: opts.signedAt, svg: SVG },
      { role: 'incoming', staffId: incomingStaffId, signedAt: opts.signedAt, svg: SVG },
    ],
    note: opts.note ?? '',
    prevHash: opts.prevHash ?? GENESIS_HASH,
  };
  return { ...content, hash: await hashRecord(content) };
}

/**
 * The four ops of signing (issue3.md "Signing"), in the order the tablet queues them: the draft
 * signed, the outgoing duty ended, the record, and the incoming person's new duty.
 */
export function signingOps(w: HandoverWorld, ops: OpBuilder, record: RecordFields, handoverId = w.handoverId): Op[] {
  return [
    ops.op(
      'handover',
      'patch',
      handoverId,
      { status: 'signed', incomingStaffId: record.incomingStaffId },
      { status: 1, incomingStaffId: 1 },
    ),
    ops.op('duty', 'patch', w.dutyId, { endedAt: record.signedAt }, { endedAt: 1 }),
    ops.op('handoverRecord', 'put', record.id, record),
    ops.op('duty', 'put', record.newDutyId, {
      id: record.newDutyId,
      siteId: w.a.siteId,
      staffId: record.incomingStaffId,
      deviceId: ops.deviceId,
      shiftId: 'day',
      startedAt: record.signedAt,
      endedAt: null,
      handoverId: record.id,
    }),
  ];
}
