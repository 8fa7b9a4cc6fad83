/**
 * Signed records of the three kinds (H3, S1): handover, opening and closing, built and hashed as a
 * tablet builds them (chain.ts), and the ops a tablet queues when it signs one: the draft patched
 * to signed, the record, and (handover, opening) the new duty; never a duty-end patch, since the
 * server ends the outgoing duty itself.
 */
import { GENESIS_HASH, entryDigest, hashRecord } from '../../../src/domain/chain';
import type { Duty, LogEntry } from '../../../src/domain/entities';
import type { HandoverKind, HandoverRecord, RecordCountLine } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import type { Op } from '../../../src/domain/sync-protocol';
import type { OpBuilder } from './helpers';

export type RecordFields = Omit<HandoverRecord, 'updatedAt' | 'deleted'>;
type EntryFields = Omit<LogEntry, 'updatedAt' | 'deleted'>;

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1 L40 20"/></svg>';

/** The duty a handover or closing hands over, with the entries locked with it. */
export interface OutgoingDuty {
  dutyId: string;
  staffId: string;
  startedAt: number;
  entries: EntryFields[];
}

export interface RecordInput {
  kind?: HandoverKind;
  siteId: string;
  handoverId: string;
  /** null for an opening. */
  outgoing: OutgoingDuty | null;
  /** null for a closing. */
  incomingStaffId: string | null;
  signedAt: number;
  /** The pull cursor the signing tablet had synced to (H11: what it knew). */
  syncCursor: number;
  count: RecordCountLine[];
  prevHash?: string | undefined;
  correctsId?: string | null;
  note?: string;
  newDutyId?: string | null;
  joinedAt?: number | null;
  scheduledAt?: number | null;
  blockersSeen?: RecordFields['blockersSeen'];
  fields?: Partial<RecordFields>;
}

/** One item counted present, as frozen in a record (H8). */
export function presentLine(itemId: string, code: string, expected = 1): RecordCountLine {
  return {
    itemId,
    code,
    label: `鎖匙 ${code}`,
    category: 'key',
    expected,
    state: 'present',
    quantity: expected,
    lent: 0,
    borrowers: [],
    explanation: '',
    photoSha256s: [],
  };
}

/** A complete signed record of `input.kind` (handover by default), hashed as the tablet hashes it. */
export async function signedRecord(input: RecordInput): Promise<RecordFields> {
  const kind = input.kind ?? 'handover';
  const out = input.outgoing;
  const { signedAt } = input;
  const signatures: RecordFields['signatures'] = [];
  if (out) signatures.push({ role: 'outgoing', staffId: out.staffId, signedAt, svg: SVG });
  if (input.incomingStaffId !== null) {
    signatures.push({ role: 'incoming', staffId: input.incomingStaffId, signedAt, svg: SVG });
  }
  const duty = out && {
    id: out.dutyId,
    staffId: out.staffId,
    startedAt: out.startedAt,
    endedAt: signedAt,
    entries: await Promise.all(
      out.entries.map(async (e) => ({ id: e.id, hash: await entryDigest({ ...e, updatedAt: '', deleted: false }) })),
    ),
  };
  const content: Omit<RecordFields, 'hash'> = {
    id: newId(),
    siteId: input.siteId,
    kind,
    handoverId: input.handoverId,
    correctsId: input.correctsId ?? null,
    outgoingDutyId: out?.dutyId ?? null,
    outgoingStaffId: out?.staffId ?? null,
    incomingStaffId: input.incomingStaffId,
    newDutyId: input.newDutyId === undefined ? (kind === 'closing' ? null : newId()) : input.newDutyId,
    scheduledAt: input.scheduledAt ?? null,
    openedAt: signedAt - 300_000,
    joinedAt: input.joinedAt === undefined ? (kind === 'handover' ? signedAt - 240_000 : null) : input.joinedAt,
    signedAt,
    syncCursor: input.syncCursor,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: '沒有異常',
    synthesis: kind === 'handover' ? '一切正常，鎖匙齊全' : '',
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: kind === 'handover' ? (out?.staffId ?? null) : null,
    substituteStaffId: null,
    substituteApproval: null,
    count: input.count,
    duty,
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: input.blockersSeen ?? [],
    signatures,
    note: input.note ?? '',
    prevHash: input.prevHash ?? GENESIS_HASH,
    ...input.fields,
  };
  return { ...content, hash: await hashRecord(content) };
}

/** `record` with `changes`, hashed again as a tablet would (so only the rule under test refuses it). */
export async function rehashed(record: RecordFields, changes: Partial<RecordFields>): Promise<RecordFields> {
  const { hash: _old, ...content } = { ...record, ...changes };
  return { ...content, hash: await hashRecord(content) };
}

/**
 * The new duty a handover or opening record opens for its person (H3), as the signing tablet
 * `deviceId` writes it on the shift `shiftId`. Pure, so the bench writes the same duty.
 */
export function newDutyFields(
  record: RecordFields,
  deviceId: string,
  shiftId = 'day',
): Omit<Duty, 'updatedAt' | 'deleted'> {
  if (record.newDutyId === null || record.incomingStaffId === null) {
    throw new Error(`record ${record.id} (${record.kind}) opens no duty`);
  }
  return {
    id: record.newDutyId,
    siteId: record.siteId,
    staffId: record.incomingStaffId,
    deviceId,
    shiftId,
    startedAt: record.signedAt,
    endedAt: null,
    handoverId: record.id,
  };
}

/** The new duty a handover or opening record opens for its person (H3). */
export function newDutyOp(ops: OpBuilder, record: RecordFields): Op {
  const fields = newDutyFields(record, ops.deviceId);
  return ops.op('duty', 'put', fields.id, fields);
}

/**
 * The ops of signing, in the order the tablet queues them (contract rule 1): the draft signed, the
 * record, and the new duty for a handover or opening. No duty-end patch: the server ends it.
 * `draftVersions` are the versions of the draft's `status` and `incomingStaffId` the tablet saw
 * (1 for a draft as it was put; see draftVersions in handover-fixtures.ts for a stored one).
 */
export function signingOps(
  ops: OpBuilder,
  record: RecordFields,
  handoverId = record.handoverId,
  draftVersions: Record<string, number> = { status: 1, incomingStaffId: 1 },
): Op[] {
  const draft = ops.op(
    'handover',
    'patch',
    handoverId,
    { status: 'signed', incomingStaffId: record.incomingStaffId },
    { status: draftVersions['status'] ?? 1, incomingStaffId: draftVersions['incomingStaffId'] ?? 1 },
  );
  const put = ops.op('handoverRecord', 'put', record.id, record);
  return record.newDutyId === null ? [draft, put] : [draft, put, newDutyOp(ops, record)];
}
