/**
 * A tablet's outbox for the server tests: pushing ops from an enrolled tablet, a second tablet of
 * the same building, and the rows of staff, rota, handover drafts and count lines as a tablet
 * writes them.
 */
import type { SetupResponse } from '../../../src/domain/api';
import type { Role } from '../../../src/domain/entities';
import type { CountLine, Handover, HandoverKind } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import type { Op, PushResponse, PushResult } from '../../../src/domain/sync-protocol';
import { createDevice } from '../../../src/server/site/devices';
import { OpBuilder, addTestStaff, call, pushBody, type TestServer } from './helpers';

const HOUR = 3_600_000;

/** One enrolled tablet: its token and an outbox that counts like the tablet's. */
export interface Tablet {
  deviceId: string;
  token: string;
  ops: OpBuilder;
}

/** Push `ops` from a tablet; the push itself must answer 200 (refusals are per op). */
export async function pushOps(t: TestServer, tablet: Tablet, ops: Op[]): Promise<PushResult[]> {
  const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(tablet.deviceId, ops), token: tablet.token });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as PushResponse).results;
}

export function expectApplied(results: PushResult[]): void {
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length > 0) throw new Error(`fixture ops refused: ${JSON.stringify(refused)}`);
}

/** Another tablet of the same building, enrolled straight in the store. */
export async function secondTablet(t: TestServer, a: SetupResponse, actorStaffId: string): Promise<Tablet> {
  const device = await t.store.transaction(a.siteId, (tx) =>
    createDevice(tx, a.siteId, 'Back office tablet', t.clock.now),
  );
  return { ...device, ops: new OpBuilder(device.deviceId, a.siteId, actorStaffId, () => t.clock.now) };
}

/** `build()` with `actor` as the op's author, then back to the previous author. */
export function as<T>(ops: OpBuilder, actor: string, build: () => T): T {
  const before = ops.actorStaffId;
  ops.actorStaffId = actor;
  try {
    return build();
  } finally {
    ops.actorStaffId = before;
  }
}

/**
 * Staff of the tablet's building, created online as the admin does (issue 9 §3: staff rows change
 * only through the admin API, never through ops); their key is remembered for signing ops.
 */
export function addStaff(t: TestServer, ops: OpBuilder, role: Role, name: string): Promise<string> {
  return addTestStaff(t, ops.siteId, role, name);
}

/** S1: `staffId` on the rota from `startsAt` to `endsAt` (written by a chief or admin). */
export function rotaOp(ops: OpBuilder, staffId: string, startsAt: number, endsAt: number): Op {
  const id = newId();
  const day = new Date(startsAt + 8 * HOUR).toISOString().slice(0, 10);
  return ops.op('rotaShift', 'put', id, {
    id,
    siteId: ops.siteId,
    staffId,
    day,
    shiftId: 'day',
    startsAt,
    endsAt,
    note: '',
  });
}

/** What a draft names besides its duty: its building, the person writing it and when it was opened. */
export interface DraftAuthor {
  siteId: string;
  actorStaffId: string;
  openedAt: number;
}

/**
 * The fields of a draft of `kind` with its checklist done: a handover or closing of `dutyId`, or an
 * opening (no duty), whose incoming person is its author. Pure, so the bench writes the same draft.
 */
export function handoverFields(
  author: DraftAuthor,
  dutyId: string | null,
  outgoingStaffId: string | null,
  kind: HandoverKind = 'handover',
): Omit<Handover, 'updatedAt' | 'deleted'> {
  return {
    id: newId(),
    siteId: author.siteId,
    kind,
    outgoingDutyId: dutyId,
    outgoingStaffId,
    incomingStaffId: kind === 'opening' ? author.actorStaffId : null,
    joinedAt: null,
    scheduledAt: null,
    openedAt: author.openedAt,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: '沒有異常',
    synthesis: '',
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
    status: 'preparing',
  };
}

/** A draft of `kind`: a handover or closing of `dutyId`, or an opening (no duty). */
export function handoverOp(
  ops: OpBuilder,
  dutyId: string | null,
  outgoingStaffId: string | null,
  kind: HandoverKind = 'handover',
): Op {
  const author = { siteId: ops.siteId, actorStaffId: ops.actorStaffId, openedAt: ops.deviceTime() };
  const fields = handoverFields(author, dutyId, outgoingStaffId, kind);
  return ops.op('handover', 'put', fields.id, fields);
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
    explainedBy: null,
    recordedAt: now,
    deviceTime: now,
    ...line,
  };
  return ops.op('countLine', 'append', id, fields);
}
