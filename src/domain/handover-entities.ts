/**
 * The handover (H1-H11): the draft the two people at the desk fill in, the count lines tapped during
 * the count (H8), the signed, insert-only record that locks it all (H3, DESIGN.md "Conflicts"), and
 * photos of damaged items, custody items and log entries.
 */
import { z } from 'zod';
import { OVERRIDE_REASON_MIN } from './gate';
import { EpochMs, Id, rowBase, Sha256Hex, text } from './row-base';

export const HANDOVER_STATUSES = ['preparing', 'signed', 'abandoned'] as const;
export const HandoverStatus = z.enum(HANDOVER_STATUSES);
export type HandoverStatus = z.infer<typeof HandoverStatus>;

/** H11(d): the incoming person's fitness attestation. */
export const FITNESS = ['unset', 'fit', 'unfit'] as const;
export const Fitness = z.enum(FITNESS);
export type Fitness = z.infer<typeof Fitness>;

/**
 * The handover being prepared: mutable until signed. Checklist flags are separate fields so two
 * people ticking different boxes never conflict (per-field versions). "Items counted" is not a
 * flag: it is derived from the count lines (H8).
 */
export const Handover = z.object({
  ...rowBase,
  outgoingDutyId: Id,
  outgoingStaffId: Id,
  /** Who takes over; chosen at the desk from the rota (S1), an approved substitute, or the H11(d) substitute. */
  incomingStaffId: Id.nullable(),
  /** The scheduled change time (end of the outgoing shift, H1), or null with no rostered shift. */
  scheduledAt: EpochMs.nullable(),
  openedAt: EpochMs,
  /** H2/H9: the shift's duty record reviewed. */
  recordReviewed: z.boolean(),
  /** H2: office equipment checked. */
  equipmentChecked: z.boolean(),
  /** H2/H4/H7: pending work and instructions reviewed. */
  pendingReviewed: z.boolean(),
  /** H10: anything abnormal in the building asked about. */
  anomaliesAsked: z.boolean(),
  /** H9: what the incoming person records as needing follow-up after reading the record. */
  recordReviewNote: text(2000),
  /** H10: the outgoing person's answer to "anything abnormal in the building?". */
  anomalyAnswer: text(2000),
  /** The incoming person's one-line restatement of the handover ("synthesis by receiver"). */
  synthesis: text(300),
  fitness: Fitness,
  fitnessNote: text(500),
  /** H11(d): the substitute named when the incoming person is not fit. */
  substituteStaffId: Id.nullable(),
  status: HandoverStatus,
});
export type Handover = z.infer<typeof Handover>;

/** H8: what the count found for one item. */
export const COUNT_STATES = ['present', 'missing', 'damaged'] as const;
export const CountState = z.enum(COUNT_STATES);
export type CountState = z.infer<typeof CountState>;

/**
 * One tap of the count; append-only, so taps never conflict and every tap is durable at once.
 * The newest line per item (recordedAt, then updatedAt) is the item's state.
 */
export const CountLine = z.object({
  ...rowBase,
  handoverId: Id,
  itemId: Id,
  state: CountState,
  /** How many are at the desk (present and damaged ones); lent ones are accounted for separately. */
  quantity: z.number().int().min(0).max(10_000),
  /** H8: where it went, by the outgoing person; required for a discrepancy. */
  explanation: text(1000),
  staffId: Id,
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type CountLine = z.infer<typeof CountLine>;

/** One item's final count, frozen in the signed record. */
export const RecordCountLine = z.object({
  itemId: Id,
  code: z.string(),
  label: z.string(),
  category: z.string(),
  expected: z.number().int().nonnegative(),
  state: CountState,
  quantity: z.number().int().nonnegative(),
  /** Accounted for by open loans at signing, with the borrowers. */
  lent: z.number().int().nonnegative(),
  borrowers: z.array(z.string()),
  explanation: z.string(),
  photoSha256s: z.array(Sha256Hex),
});
export type RecordCountLine = z.infer<typeof RecordCountLine>;

/** A handwritten signature (H3) after the person's PIN was verified on the tablet. */
export const Signature = z.object({
  role: z.enum(['outgoing', 'incoming']),
  staffId: Id,
  signedAt: EpochMs,
  /** The strokes as an SVG document (signature_pad `toSVG`). */
  svg: z.string().min(20).max(200_000),
});
export type Signature = z.infer<typeof Signature>;

/** A blocker of the gate (H11) as it was seen, and overridden or cleared. */
export const BlockerSeen = z.object({ code: z.string(), refs: z.array(z.string()) });
export type BlockerSeen = z.infer<typeof BlockerSeen>;

/**
 * A section chief's or manager's override of the gate, with their written reason (H11). The reason
 * is checked, never rewritten (no `.trim()` transform): the record is hashed as the tablet sent it,
 * so the stored value must be byte-identical to the signed one (H3).
 */
export const GateOverride = z.object({
  staffId: Id,
  role: z.enum(['chief', 'manager']),
  reason: z
    .string()
    .max(1000)
    .refine((s) => s.trim().length >= OVERRIDE_REASON_MIN, {
      message: `H11: the reason needs at least ${OVERRIDE_REASON_MIN} characters`,
    }),
  at: EpochMs,
  blockers: z.array(BlockerSeen),
});
export type GateOverride = z.infer<typeof GateOverride>;

/**
 * The signed handover: insert-only and part of the building's hash chain (DESIGN.md "Data").
 * `hash` is the SHA-256 of the canonical JSON of every field except `hash`, `updatedAt` and
 * `deleted` (see chain.ts); `prevHash` is the hash of the building's previous signed record known
 * to the signing tablet, or GENESIS_HASH. The same id with the same hash is a duplicate; any other
 * content under that id is refused (409). Corrections are addenda pointing at it (`correctsId`).
 */
export const HandoverRecord = z.object({
  ...rowBase,
  handoverId: Id,
  /** Set on an addendum: the record it corrects. */
  correctsId: Id.nullable(),
  outgoingDutyId: Id,
  outgoingStaffId: Id,
  incomingStaffId: Id,
  /** The duty the signing opens for the incoming person. */
  newDutyId: Id,
  /** H1: the scheduled change time and the actual times. */
  scheduledAt: EpochMs.nullable(),
  openedAt: EpochMs,
  signedAt: EpochMs,
  recordReviewed: z.boolean(),
  equipmentChecked: z.boolean(),
  pendingReviewed: z.boolean(),
  anomaliesAsked: z.boolean(),
  recordReviewNote: z.string(),
  anomalyAnswer: z.string(),
  synthesis: z.string(),
  fitness: Fitness,
  fitnessNote: z.string(),
  substituteStaffId: Id.nullable(),
  count: z.array(RecordCountLine),
  /** The outgoing duty as locked: its times and a digest of each entry's content. */
  duty: z.object({
    id: Id,
    staffId: Id,
    startedAt: EpochMs,
    endedAt: EpochMs,
    entries: z.array(z.object({ id: Id, hash: Sha256Hex })),
  }),
  /** What was carried over (H4, H5, H7): open task ids, acknowledged instructions, open major entries, loans, custody. */
  carried: z.object({
    taskIds: z.array(Id),
    acknowledged: z.array(z.object({ taskId: Id, at: EpochMs })),
    majorEntryIds: z.array(Id),
    overdueLoanIds: z.array(Id),
    openLoanIds: z.array(Id),
    custodyIds: z.array(Id),
  }),
  blockersSeen: z.array(BlockerSeen),
  override: GateOverride.nullable(),
  signatures: z.array(Signature).length(2),
  /** Free text of an addendum: what it corrects and why. */
  note: z.string().max(2000),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type HandoverRecord = z.infer<typeof HandoverRecord>;

/** What a photo belongs to. */
export const PHOTO_OWNERS = ['countLine', 'itemMovement', 'logEntry', 'logAmendment', 'taskNote'] as const;
export const PhotoOwner = z.enum(PHOTO_OWNERS);
export type PhotoOwner = z.infer<typeof PhotoOwner>;

export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export const PhotoMime = z.enum(PHOTO_MIME_TYPES);
export type PhotoMime = z.infer<typeof PhotoMime>;

/** The most bytes one (compressed) photo may have. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * A photo's metadata; append-only. The bytes are content-addressed by `sha256`: uploaded once to
 * `PUT /api/v1/photos/:sha256` (idempotent) and fetched by every tablet of the building.
 */
export const Photo = z.object({
  ...rowBase,
  sha256: Sha256Hex,
  mime: PhotoMime,
  bytes: z.number().int().min(1).max(MAX_PHOTO_BYTES),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
  ownerTable: PhotoOwner,
  ownerId: Id,
  staffId: Id,
  takenAt: EpochMs,
});
export type Photo = z.infer<typeof Photo>;
