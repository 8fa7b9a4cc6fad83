/**
 * What the section chief and the property office manager write (issue 8): escalations of difficult
 * and major matters (D2, D3), the signed review of a building day and its spot checks (O1), the
 * choice of the value kept after a sync conflict, the daily department report (O2) and the
 * paid-service orders attached to tenants' requests (F1). Times are UTC epoch ms (T1).
 */
import { z } from 'zod';
import { EpochMs, Id, rowBase, Sha256Hex, text } from './row-base';

/**
 * D2, D3: an escalation goes to the section chief (`chief`: a difficult matter, who decides the
 * measures), or to the property office manager (`manager`: a major matter, when the person on duty
 * or the chief judges it necessary; `reason` records that judgement). A chief sending on their own
 * escalation names it in `forwardedFromId`. Sent once (put); acknowledged, then decided, by a person
 * of the level it went to (patches, escalation-rules.ts). Whatever is set stays set.
 */
export const ESCALATION_LEVELS = ['chief', 'manager'] as const;
export const EscalationLevel = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const Escalation = z.object({
  ...rowBase,
  /** The duty-record entry escalated. */
  entryId: Id,
  level: EscalationLevel,
  /** For a `manager` escalation sent on by the chief: the chief's escalation; null otherwise. */
  forwardedFromId: Id.nullable(),
  /** Why it is escalated (required, escalation-rules.ts). */
  reason: text(1000),
  sentBy: Id,
  sentAt: EpochMs,
  acknowledgedBy: Id.nullable(),
  acknowledgedAt: EpochMs.nullable(),
  /** D2, D3: the measures decided by the chief or the manager. */
  decision: text(2000),
  decidedBy: Id.nullable(),
  decidedAt: EpochMs.nullable(),
});
export type Escalation = z.infer<typeof Escalation>;

/** A handwritten signature given after the signer's PIN was checked (the review, O1). */
export const ReviewSignature = z.object({
  staffId: Id,
  signedAt: EpochMs,
  /** The strokes as an SVG document (signature_pad `toSVG`). */
  svg: z.string().min(20).max(200_000),
});
export type ReviewSignature = z.infer<typeof ReviewSignature>;

/** The figures of a building day, frozen in its signed review and in the daily report (O1, O2). */
export const DayFigures = z.object({
  entries: z.number().int().nonnegative(),
  /** Entries by LogKind. */
  byKind: z.record(z.string(), z.number().int().nonnegative()),
  complaints: z.number().int().nonnegative(),
  repairs: z.number().int().nonnegative(),
  emergencies: z.number().int().nonnegative(),
  /** Count lines found missing or damaged at the day's signed records. */
  discrepancies: z.number().int().nonnegative(),
  handoversOnTime: z.number().int().nonnegative(),
  handoversLate: z.number().int().nonnegative(),
  openings: z.number().int().nonnegative(),
  closings: z.number().int().nonnegative(),
  referred: z.number().int().nonnegative(),
  open: z.number().int().nonnegative(),
  escalations: z.number().int().nonnegative(),
});
export type DayFigures = z.infer<typeof DayFigures>;

/**
 * O1: the section chief's signed review of one building day. Insert-only and part of the
 * building's hash chain, like a signed handover (chain.ts: `hash` covers every field except
 * `hash`, `updatedAt` and `deleted`; `prevHash` is the newest chained hash the signing tablet
 * holds). A correction is an addendum (`correctsId`) with a `note`; the day is then reviewed once
 * more, never rewritten.
 */
export const DayReview = z.object({
  ...rowBase,
  /** The building day reviewed, `yyyy-MM-dd` in the building's zone (building-day.ts). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Set on an addendum: the review it corrects. */
  correctsId: Id.nullable(),
  reviewerId: Id,
  signedAt: EpochMs,
  syncCursor: z.number().int().nonnegative(),
  figures: DayFigures,
  /** The day's signed handovers, openings and closings, by id and hash. */
  records: z.array(z.object({ id: Id, hash: Sha256Hex })),
  /** A digest of each of the day's entries as reviewed (chain.ts `entryDigest`). */
  entries: z.array(z.object({ id: Id, hash: Sha256Hex })),
  /** Ids of what the chief saw and dealt with: review flags, refused changes, conflicts, reports. */
  reviewFlagIds: z.array(Id),
  syncErrorIds: z.array(Id),
  conflictIds: z.array(Id),
  dailyReportIds: z.array(Id),
  /** The chief's remarks on the day (or, on an addendum, what it corrects and why). */
  note: text(2000),
  signature: ReviewSignature,
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type DayReview = z.infer<typeof DayReview>;

/** O1: a spot check of the desk by the section chief. Append-only. */
export const SpotCheck = z.object({
  ...rowBase,
  staffId: Id,
  checkedAt: EpochMs,
  /** The duty found at the desk, if any. */
  dutyId: Id.nullable(),
  /** Whether the desk was found in order. */
  inOrder: z.boolean(),
  findings: text(2000),
});
export type SpotCheck = z.infer<typeof SpotCheck>;

/**
 * O1, docs/architecture.md "Conflicts": the chief's choice of the value kept for a field that two
 * tablets wrote. `winning` keeps the server's value; `losing` makes the server write the value that
 * lost onto the row (a server write with its own version). Append-only, one per conflict.
 */
export const CONFLICT_CHOICES = ['winning', 'losing'] as const;
export const ConflictChoice = z.enum(CONFLICT_CHOICES);
export type ConflictChoice = z.infer<typeof ConflictChoice>;

export const ConflictResolution = z.object({
  ...rowBase,
  conflictId: Id,
  choice: ConflictChoice,
  staffId: Id,
  resolvedAt: EpochMs,
  note: text(500),
});
export type ConflictResolution = z.infer<typeof ConflictResolution>;

/**
 * O2: the daily department report of one building day, generated from the day's data, with the
 * remarks of the person on duty, who submits it once the day is over. Insert-only.
 */
export const DailyReport = z.object({
  ...rowBase,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  staffId: Id,
  submittedAt: EpochMs,
  figures: DayFigures,
  remarks: text(2000),
});
export type DailyReport = z.infer<typeof DailyReport>;

/** F1: the status of a paid-service order. */
export const SERVICE_ORDER_STATUSES = ['issued', 'done', 'paid', 'cancelled'] as const;
export const ServiceOrderStatus = z.enum(SERVICE_ORDER_STATUSES);
export type ServiceOrderStatus = z.infer<typeof ServiceOrderStatus>;

/** F1: a paid-service order attached to an owner's or tenant's request (a duty-record entry). */
export const ServiceOrder = z.object({
  ...rowBase,
  entryId: Id,
  /** The order's number on the company's form. Unique within a building. */
  number: z.string().trim().min(1).max(40),
  service: z.string().trim().min(1).max(200),
  /** In cents (the currency's smallest unit), so no float ever rounds money. */
  amountCents: z.number().int().min(0).max(100_000_000),
  status: ServiceOrderStatus,
  staffId: Id,
  issuedAt: EpochMs,
});
export type ServiceOrder = z.infer<typeof ServiceOrder>;
