/**
 * Signed records for the history's component tests, written straight into the tablet's database
 * as a pull would leave them (the signing itself is tested in handover-sign and handover-record).
 * Times are building times in Asia/Hong_Kong (UTC+8, no daylight saving), the seeded site's zone.
 */
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { HandoverKind, HandoverRecord, RecordCountLine } from '../../src/domain/handover-entities';
import type { ReviewFlag } from '../../src/domain/entities';
import type { SeededTablet } from './helpers';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The UTC ms of `HH:mm` on building day `yyyy-MM-dd` in Hong Kong. */
export function hk(day: string, time: string): number {
  return Date.parse(`${day}T${time}:00+08:00`);
}

/** A signature's strokes as signature_pad would give them. */
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><path d="M 1,1 L 90,30"/></svg>';

const hex = (n: number) => n.toString(16).padStart(64, '0');
let serial = 1;

export interface RecordSeed {
  kind?: HandoverKind;
  outgoingStaffId?: string | null;
  incomingStaffId?: string | null;
  /** The scheduled change; defaults to `signedAt` less 10 minutes. */
  scheduledAt?: number | null;
  joinedAt?: number | null;
  signedAt: number;
  count?: RecordCountLine[];
  correctsId?: string | null;
  handoverId?: string;
  note?: string;
}

/** A count line: `expected` of an item, what the count found and its explanation. */
export function countLine(code: string, label: string, over: Partial<RecordCountLine> = {}): RecordCountLine {
  return {
    itemId: newId(),
    code,
    label,
    category: 'key',
    expected: 1,
    state: 'present',
    quantity: 1,
    lent: 0,
    borrowers: [],
    explanation: '',
    photoSha256s: [],
    ...over,
  };
}

/** Writes one signed record (or an addendum with `correctsId`) and returns it. */
export async function seedRecord(tablet: SeededTablet, seed: RecordSeed): Promise<HandoverRecord> {
  const kind = seed.kind ?? 'handover';
  const outgoing = seed.outgoingStaffId ?? null;
  const incoming = seed.incomingStaffId ?? null;
  const scheduledAt = seed.scheduledAt === undefined ? seed.signedAt - 10 * MINUTE : seed.scheduledAt;
  const signatures: HandoverRecord['signatures'] = [];
  if (kind !== 'opening' && outgoing)
    signatures.push({ role: 'outgoing', staffId: outgoing, signedAt: seed.signedAt, svg: SVG });
  if (kind !== 'closing' && incoming)
    signatures.push({ role: 'incoming', staffId: incoming, signedAt: seed.signedAt, svg: SVG });
  const dutyId = kind === 'opening' ? null : newId();
  const record: HandoverRecord = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: seed.signedAt, counter: 0, node: 'seed' }),
    deleted: false,
    kind,
    handoverId: seed.handoverId ?? newId(),
    correctsId: seed.correctsId ?? null,
    outgoingDutyId: dutyId,
    outgoingStaffId: kind === 'opening' ? null : outgoing,
    incomingStaffId: kind === 'closing' ? null : incoming,
    newDutyId: kind === 'closing' ? null : newId(),
    scheduledAt,
    openedAt: (scheduledAt ?? seed.signedAt) - 15 * MINUTE,
    joinedAt: kind === 'handover' ? (seed.joinedAt ?? null) : null,
    signedAt: seed.signedAt,
    syncCursor: 0,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: kind === 'handover',
    recordReviewNote: '',
    anomalyAnswer: kind === 'handover' ? 'Nothing abnormal' : '',
    synthesis: '',
    fitness: kind === 'handover' ? 'fit' : 'unset',
    fitnessNote: '',
    fitnessAttestedBy: kind === 'handover' ? outgoing : null,
    substituteStaffId: null,
    substituteApproval: null,
    count: seed.count ?? [],
    duty:
      dutyId && outgoing
        ? { id: dutyId, staffId: outgoing, startedAt: seed.signedAt - 9 * HOUR, endedAt: seed.signedAt, entries: [] }
        : null,
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: [],
    signatures,
    note: seed.note ?? '',
    prevHash: hex(serial),
    hash: hex(++serial),
  };
  await tablet.db.handoverRecord.put({ ...record, _versions: {} });
  return record;
}

/** The server's flag that a desk was opened without a handover (H3), on `record`. */
export async function flagDeskOpened(tablet: SeededTablet, record: HandoverRecord): Promise<void> {
  const flag: ReviewFlag = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: record.signedAt, counter: 0, node: 'server' }),
    deleted: false,
    kind: 'deskOpened',
    table: 'handoverRecord',
    rowId: record.id,
    field: '',
    deviceId: tablet.deviceId,
    counter: 1,
    actorStaffId: record.incomingStaffId ?? '',
    stampedAt: record.signedAt,
    expectedAt: null,
    receivedAt: record.signedAt,
    recordedAt: record.signedAt,
  };
  await tablet.db.reviewFlag.put({ ...flag, _versions: {} });
}
