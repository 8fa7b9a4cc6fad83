/**
 * A fixed data set of one building in Hong Kong (UTC+8), March 2025, for the daily report (O2) and
 * per-person figures (O3): three people, entries of every interesting kind and status, two
 * handovers (one on time, one late on both sides), an opening, a closing, an addendum, escalations.
 * Times are given as Hong Kong wall-clock times.
 */
import type { LogAmendment, LogEntry } from '../../../src/domain/entities';
import type { HandoverRecord, RecordCountLine } from '../../../src/domain/handover-entities';
import type { Escalation } from '../../../src/domain/review-entities';

export const TZ = 'Asia/Hong_Kong';
export const LEADS = { incomingLeadMinutes: 5, outgoingLeadMinutes: 15 };
const MIN = 60_000;

export const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
export const SITE = id(1);
export const A = id(11);
export const B = id(12);
export const C = id(13);

/** Hong Kong wall-clock time `yyyy-MM-ddTHH:mm` as UTC epoch ms. */
export const hk = (local: string) => Date.parse(`${local}:00+08:00`);

function entry(n: number, over: Partial<LogEntry>): LogEntry {
  const occurredAt = over.occurredAt ?? hk('2025-03-14T10:00');
  return {
    id: id(100 + n),
    siteId: SITE,
    updatedAt: '001741910400000-0000-dev1',
    deleted: false,
    kind: 'enquiry',
    severity: 'routine',
    status: 'open',
    cause: `cause ${n}`,
    process: '',
    result: '',
    party: '',
    contact: '',
    location: '',
    occurredAt,
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    dutyId: id(900),
    staffId: A,
    recordedAt: occurredAt + MIN,
    deviceTime: occurredAt + MIN,
    ...over,
  };
}

export const ENTRIES: LogEntry[] = [
  entry(1, { kind: 'complaint', staffId: A, occurredAt: hk('2025-03-14T10:00') }),
  entry(2, {
    kind: 'repair',
    severity: 'major',
    status: 'referred',
    referredTo: 'Engineering',
    staffId: A,
    occurredAt: hk('2025-03-14T11:00'),
  }),
  entry(3, {
    kind: 'emergency',
    severity: 'emergency',
    status: 'resolved',
    staffId: B,
    occurredAt: hk('2025-03-14T20:00'),
  }),
  // Written already resolved: resolved at its recording, 10 minutes after the event.
  entry(4, {
    kind: 'enquiry',
    status: 'resolved',
    staffId: B,
    occurredAt: hk('2025-03-14T21:00'),
    recordedAt: hk('2025-03-14T21:10'),
  }),
  entry(5, { kind: 'enquiry', deleted: true, staffId: A, occurredAt: hk('2025-03-14T12:00') }),
  entry(6, { kind: 'complaint', status: 'resolved', staffId: C, occurredAt: hk('2025-03-14T08:10') }),
];

/** 1 April 00:30 in Hong Kong is still 31 March in UTC: April's, not March's (T1). */
export const APRIL_ENTRY = entry(7, { kind: 'help', staffId: A, occurredAt: hk('2025-04-01T00:30') });

function amendment(n: number, entryId: string, recordedAt: number, statusChange: LogAmendment['statusChange']) {
  return { entryId, statusChange, recordedAt, deleted: false, id: id(200 + n) };
}

export const AMENDMENTS = [
  amendment(1, id(103), hk('2025-03-14T21:30'), 'resolved'),
  // Resolved after 30 minutes, reopened, resolved again after 50: the newest resolution counts.
  amendment(2, id(106), hk('2025-03-14T08:40'), 'resolved'),
  amendment(3, id(106), hk('2025-03-14T08:50'), 'open'),
  amendment(4, id(106), hk('2025-03-14T09:00'), 'resolved'),
  // A note without a status change says nothing about the resolution.
  amendment(5, id(101), hk('2025-03-14T10:30'), null),
];

function line(state: RecordCountLine['state']): RecordCountLine {
  return {
    itemId: id(500),
    code: 'R3',
    label: 'Radio 3',
    category: 'radio',
    expected: 1,
    state,
    quantity: state === 'present' ? 1 : 0,
    lent: 0,
    borrowers: [],
    explanation: state === 'present' ? '' : 'Taken on patrol',
    photoSha256s: [],
  } as RecordCountLine;
}

function record(n: number, over: Partial<HandoverRecord>): HandoverRecord {
  return {
    id: id(300 + n),
    siteId: SITE,
    updatedAt: '001741910400000-0000-dev1',
    deleted: false,
    kind: 'handover',
    handoverId: id(400 + n),
    correctsId: null,
    outgoingDutyId: id(900),
    outgoingStaffId: null,
    incomingStaffId: null,
    newDutyId: id(901),
    scheduledAt: null,
    openedAt: 0,
    joinedAt: null,
    signedAt: 0,
    count: [line('present')],
    ...over,
  } as HandoverRecord;
}

export const RECORDS: HandoverRecord[] = [
  // Prepared from 17:40 (in time: 17:45 at the latest), joined 17:50 (due 17:55): on time both ways.
  record(1, {
    outgoingStaffId: A,
    incomingStaffId: B,
    scheduledAt: hk('2025-03-14T18:00'),
    openedAt: hk('2025-03-14T17:40'),
    joinedAt: hk('2025-03-14T17:50'),
    signedAt: hk('2025-03-14T18:05'),
    count: [line('present'), line('missing')],
  }),
  // Prepared from 08:50 (late: 08:45), joined 09:02 (due 08:55): late 7 minutes.
  record(2, {
    outgoingStaffId: C,
    incomingStaffId: A,
    scheduledAt: hk('2025-03-14T09:00'),
    openedAt: hk('2025-03-14T08:50'),
    joinedAt: hk('2025-03-14T09:02'),
    signedAt: hk('2025-03-14T09:10'),
  }),
  record(3, {
    kind: 'opening',
    outgoingDutyId: null,
    incomingStaffId: C,
    openedAt: hk('2025-03-14T07:55'),
    signedAt: hk('2025-03-14T08:00'),
  }),
  record(4, {
    kind: 'closing',
    outgoingStaffId: B,
    newDutyId: null,
    openedAt: hk('2025-03-14T22:50'),
    signedAt: hk('2025-03-14T23:00'),
    count: [line('damaged')],
  }),
  // An addendum to record 1: a correction, not a handover of its own, whatever it carries.
  record(5, {
    correctsId: id(301),
    outgoingStaffId: A,
    incomingStaffId: B,
    scheduledAt: hk('2025-03-14T18:00'),
    openedAt: hk('2025-03-14T19:00'),
    joinedAt: hk('2025-03-14T19:00'),
    signedAt: hk('2025-03-14T19:05'),
    count: [line('missing')],
  }),
];

function escalation(n: number, over: Partial<Escalation>): Escalation {
  return {
    id: id(600 + n),
    siteId: SITE,
    updatedAt: '001741910400000-0000-dev1',
    deleted: false,
    entryId: id(101),
    level: 'chief',
    forwardedFromId: null,
    reason: 'Tenant threatens to call the press',
    sentBy: A,
    sentAt: hk('2025-03-14T10:30'),
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
    ...over,
  };
}

export const ESCALATIONS: Escalation[] = [
  escalation(1, {}),
  escalation(2, { entryId: id(103), level: 'manager', sentBy: B, sentAt: hk('2025-03-14T20:10') }),
  escalation(3, { deleted: true, sentBy: C }),
];
