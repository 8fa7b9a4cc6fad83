/**
 * The synced entities, as zod schemas shared by the tablet and the server.
 * Every synced row carries `id` (UUIDv7), `siteId`, `updatedAt` (HLC string) and `deleted`.
 * Times are UTC epoch milliseconds in standard time (T1); they are shown in the site's zone.
 */
import { z } from 'zod';
import { Acknowledgement, Task, TaskNote } from './task-entities';
import { CountLine, Handover, HandoverRecord, Photo } from './handover-entities';
import { ItemMovement } from './item-entities';
import { EpochMs, Id, rowBase, text } from './row-base';
import { RotaShift, SwapRequest } from './rota-entities';
import { ConflictResolution, DailyReport, DayReview, Escalation, ServiceOrder, SpotCheck } from './review-entities';

export { EpochMs, HlcString, Id, Sha256Hex } from './row-base';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ShiftTemplate = z.object({
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(60),
  start: clock,
  end: clock,
});
export type ShiftTemplate = z.infer<typeof ShiftTemplate>;

/** S2: normal duty hours are 09:00-18:00 unless the building defines other shifts. */
export const DEFAULT_SHIFT: ShiftTemplate = { id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' };

/** The most shift templates a building may define. */
export const MAX_SHIFTS = 12;

export const SiteSettings = z.object({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone'),
  shifts: z.array(ShiftTemplate).min(1).max(MAX_SHIFTS),
  /** H1: the incoming person arrives this many minutes early. */
  incomingLeadMinutes: z.number().int().min(0).max(120),
  /** H1: the outgoing person starts preparing this many minutes before the end. */
  outgoingLeadMinutes: z.number().int().min(0).max(120),
  /** D5: duty records are kept for 2 years. */
  retentionDays: z.number().int().min(730).max(36500),
  idleSignOutMinutes: z.number().int().min(1).max(720),
  /**
   * D5: how many days of records a tablet keeps for its own search and screens (issue 8). Older rows
   * are pruned from the tablet only, never from the server; rows stored before the setting existed
   * get the default.
   */
  localWindowDays: z.number().int().min(7).max(730).default(90),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const Site = z.object({ ...rowBase, ...SiteSettings.shape });
export type Site = z.infer<typeof Site>;

export const ROLES = ['desk', 'chief', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * A slow salted PIN hash. `PBKDF2-SHA256` (before issue 9): `hash` is the PBKDF2 output itself.
 * `PBKDF2-SHA256-v2` (issue 9, docs/security.md): `hash` is the verifier HMAC(M, "verify") of the
 * PBKDF2 output M, from which the actor-proof key HMAC(M, "actor proof") cannot be computed. The
 * server withholds `hash` of admins and managers from desk tablets, which then check that
 * person's PIN online (docs/security.md); `salt` and `iterations` always travel, so the tablet can
 * derive the proof key from a typed PIN.
 */
export const PinHash = z.object({
  alg: z.enum(['PBKDF2-SHA256', 'PBKDF2-SHA256-v2']),
  iterations: z.number().int().min(1000).max(5_000_000),
  salt: z.base64().min(16).max(200),
  hash: z.base64().min(32).max(200).optional(),
});
export type PinHash = z.infer<typeof PinHash>;

export const Staff = z.object({
  ...rowBase,
  name: z.string().trim().min(1).max(60),
  role: Role,
  pinHash: PinHash,
  active: z.boolean(),
  /**
   * Issue 9 §9: when the server recorded the person's deactivation (server time). Ops the person
   * wrote before it, by server-corrected device time, are still accepted; later ones are refused.
   */
  deactivatedAt: EpochMs.nullable().optional(),
  /**
   * Issue 10 §1: the same person in several buildings of the company (a manager or chief who covers
   * them) has one staff row per building; each row after the first names the first one's id here.
   * Written only by the server (staff rows are online-only, apply-op.ts).
   */
  personId: Id.optional(),
});
export type Staff = z.infer<typeof Staff>;

/** One person's time on duty. Issue 3 opens duties through an accepted handover. */
export const Duty = z.object({
  ...rowBase,
  staffId: Id,
  deviceId: Id,
  shiftId: z.string().max(40).nullable(),
  startedAt: EpochMs,
  endedAt: EpochMs.nullable(),
  /**
   * H3, S1: the signed record that opened this duty: a handover accepted by this person, or the
   * opening of the desk (HandoverRecord.kind). The server refuses a new duty without one
   * (`duty_rule`); rows written before the rule existed have none, hence the default. A duty ends
   * only by a signed handover or closing record, which sets `endedAt` on the server.
   */
  handoverId: Id.nullable().default(null),
});
export type Duty = z.infer<typeof Duty>;

/** D1, F1, F2, F3: what the desk records. */
export const LOG_KINDS = [
  'enquiry',
  'help',
  'complaint',
  'emergency',
  'repair',
  'instruction',
  'equipmentOp',
  'anomaly',
  'other',
] as const;
export const LogKind = z.enum(LOG_KINDS);
export type LogKind = z.infer<typeof LogKind>;

export const SEVERITIES = ['routine', 'major', 'emergency'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * `referred`: a major matter that will take days (a lift waiting for parts) is closed at the desk
 * truthfully by referring it to a named department with what was done; it opens linked pending work
 * carried at every handover (H4, H11(a)). An emergency still in progress cannot be referred.
 */
export const ENTRY_STATUSES = ['open', 'resolved', 'referred'] as const;
export const EntryStatus = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** F1: how an owner's or tenant's request reached the desk. */
export const ENTRY_CHANNELS = ['call', 'visit'] as const;
export const EntryChannel = z.enum(ENTRY_CHANNELS);
export type EntryChannel = z.infer<typeof EntryChannel>;

/** F1: who the party is to the building. */
export const PARTY_TYPES = ['owner', 'tenant'] as const;
export const PartyType = z.enum(PARTY_TYPES);
export type PartyType = z.infer<typeof PartyType>;

/** The fields a person fills in; `validateLogEntry` adds the H6 rules on top of these shapes. */
export const LogEntryFields = z.object({
  kind: LogKind,
  severity: Severity,
  status: EntryStatus,
  /** H6: cause, what was done (process) and the result. */
  cause: text(2000),
  process: text(4000),
  result: text(2000),
  /** The tenant or unit concerned (F1). */
  party: text(120),
  contact: text(120),
  location: text(120),
  occurredAt: EpochMs,
  /** The department a referred matter went to (status `referred`). */
  referredTo: text(120).default(''),
  /**
   * H11(b): a major-equipment operation (`equipmentOp`) starts at `occurredAt` and blocks the
   * handover until its end is recorded here.
   */
  operationEndedAt: EpochMs.nullable().default(null),
  /** T1: why `occurredAt` is earlier than the start of the duty it is recorded in (required then). */
  backdateReason: text(500).default(''),
  /** F1: an owner's or tenant's request came by telephone (`call`) or in person (`visit`). */
  channel: EntryChannel.nullable().default(null),
  /** F1: whether the party is the unit's owner or its tenant. */
  partyType: PartyType.nullable().default(null),
  /** F1, F2: the unit (flat, shop or office) concerned. */
  unit: text(60).default(''),
  /** F2: the department or contractor a repair is assigned to. */
  assignedTo: text(120).default(''),
  /** F2: when the repair was completed (a time a person enters, not a stamp). */
  completedAt: EpochMs.nullable().default(null),
});
export type LogEntryFields = z.infer<typeof LogEntryFields>;

export const LogEntry = z.object({
  ...rowBase,
  ...LogEntryFields.shape,
  dutyId: Id,
  staffId: Id,
  /** Server-corrected time of recording (T1) and the tablet's own clock, kept for audit. */
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type LogEntry = z.infer<typeof LogEntry>;

/** Append-only: an amendment never changes or removes what was written before (D5). */
export const LogAmendment = z.object({
  ...rowBase,
  entryId: Id,
  staffId: Id,
  text: z.string().trim().min(1).max(4000),
  statusChange: EntryStatus.nullable(),
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type LogAmendment = z.infer<typeof LogAmendment>;

/** Left by the server when it refuses an op, so the refusal is visible on every tablet. */
export const SyncError = z.object({
  ...rowBase,
  deviceId: Id,
  counter: z.number().int().positive(),
  table: z.string(),
  rowId: z.string(),
  opKind: z.string(),
  code: z.string(),
  message: z.string(),
  actorStaffId: z.string(),
  fields: z.record(z.string(), z.unknown()),
  recordedAt: EpochMs,
  /**
   * What exactly was wrong, field by field, so the tablet can say it in the UI's language and put
   * the message beside the field when the change is opened again (`path` is the field name, `code`
   * the zod issue code or a rule code, `limit` the maximum or minimum where one applies). Rows
   * written before this field existed have none.
   */
  issues: z
    .array(z.object({ path: z.string(), code: z.string(), limit: z.number().optional() }))
    .max(50)
    .default([]),
  /** Set when a person on a tablet has dealt with the refusal (resent it edited, or dismissed it). */
  dismissedAt: EpochMs.nullable().default(null),
  dismissedBy: Id.nullable().default(null),
});
export type SyncError = z.infer<typeof SyncError>;

/** A patch that lost to a newer server value: kept for the section chief to review. */
export const Conflict = z.object({
  ...rowBase,
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  losingValue: z.unknown(),
  winningValue: z.unknown(),
  deviceId: Id,
  counter: z.number().int().positive(),
  actorStaffId: z.string(),
  recordedAt: EpochMs,
});
export type Conflict = z.infer<typeof Conflict>;

/** H8: the public items counted at every handover. */
/**
 * T1: why a row's time cannot be taken at its word. `clockSkew`: stamped more than 2 minutes from
 * the server-corrected time known at its sync; `clockBackwards`: stamped earlier than the device's
 * previous op. Also `deskOpened` (H3, S1): the desk was opened with no handover, for the chief.
 */
export const REVIEW_FLAG_KINDS = ['clockSkew', 'clockBackwards', 'deskOpened'] as const;
export const ReviewFlagKind = z.enum(REVIEW_FLAG_KINDS);
export type ReviewFlagKind = z.infer<typeof ReviewFlagKind>;

/**
 * Written by the server only (like syncError): a record kept but flagged for the section chief
 * (T1, O1). The flagged row is untouched; `stampedAt` is the time it carries, `expectedAt` the
 * server's estimate of the true time, `receivedAt` when the server received it.
 */
export const ReviewFlag = z.object({
  ...rowBase,
  kind: ReviewFlagKind,
  table: z.string(),
  rowId: z.string(),
  /** The field whose time is in doubt (e.g. `recordedAt`, `signedAt`, `startedAt`), or '' for deskOpened. */
  field: z.string(),
  deviceId: z.string(),
  counter: z.number().int().nonnegative(),
  actorStaffId: z.string(),
  stampedAt: EpochMs.nullable(),
  expectedAt: EpochMs.nullable(),
  receivedAt: EpochMs,
  recordedAt: EpochMs,
});
export type ReviewFlag = z.infer<typeof ReviewFlag>;

export const ITEM_CATEGORIES = [
  'radio',
  'key',
  'showflatKey',
  'recordBook',
  'officeEquipment',
  'commEquipment',
  'document',
  'custody',
] as const;
export const ItemCategory = z.enum(ITEM_CATEGORIES);
export type ItemCategory = z.infer<typeof ItemCategory>;

export const Item = z.object({
  ...rowBase,
  category: ItemCategory,
  label: z.string().trim().min(1).max(120),
  /** Printed as a QR code on the key tag or sticker. Unique within a building. */
  code: z.string().trim().min(1).max(40),
  expectedQuantity: z.number().int().min(0).max(10_000),
  location: text(120),
  active: z.boolean(),
});
export type Item = z.infer<typeof Item>;

export const ENTITY_SCHEMAS = {
  site: Site,
  staff: Staff,
  duty: Duty,
  logEntry: LogEntry,
  logAmendment: LogAmendment,
  item: Item,
  itemMovement: ItemMovement,
  task: Task,
  taskNote: TaskNote,
  acknowledgement: Acknowledgement,
  rotaShift: RotaShift,
  swapRequest: SwapRequest,
  handover: Handover,
  countLine: CountLine,
  handoverRecord: HandoverRecord,
  photo: Photo,
  syncError: SyncError,
  conflict: Conflict,
  reviewFlag: ReviewFlag,
  escalation: Escalation,
  dayReview: DayReview,
  spotCheck: SpotCheck,
  conflictResolution: ConflictResolution,
  dailyReport: DailyReport,
  serviceOrder: ServiceOrder,
} as const;

export type SyncTable = keyof typeof ENTITY_SCHEMAS;
export const SYNC_TABLES = Object.keys(ENTITY_SCHEMAS) as SyncTable[];

export interface EntityByTable {
  site: Site;
  staff: Staff;
  duty: Duty;
  logEntry: LogEntry;
  logAmendment: LogAmendment;
  item: Item;
  itemMovement: ItemMovement;
  task: Task;
  taskNote: TaskNote;
  acknowledgement: Acknowledgement;
  rotaShift: RotaShift;
  swapRequest: SwapRequest;
  handover: Handover;
  countLine: CountLine;
  handoverRecord: HandoverRecord;
  photo: Photo;
  syncError: SyncError;
  conflict: Conflict;
  reviewFlag: ReviewFlag;
  escalation: Escalation;
  dayReview: DayReview;
  spotCheck: SpotCheck;
  conflictResolution: ConflictResolution;
  dailyReport: DailyReport;
  serviceOrder: ServiceOrder;
}
