/**
 * The handover (H1-H11): the draft the two people at the desk fill in, the count lines tapped during
 * the count (H8), the signed, insert-only record that locks it all (H3, docs/architecture.md "Conflicts"), and
 * photos of damaged items, custody items and log entries.
 */
import { z } from 'zod';
import { EpochMs, Id, rowBase, Sha256Hex, text } from './row-base';

/**
 * H3, S1: how a duty begins or ends. `handover`: the outgoing person hands over to the incoming one
 * (both sign); `opening`: with no duty open in the building, the rostered person opens the desk
 * with a count against the last closing count (signs alone; flagged for the chief); `closing`: with
 * no shift rostered to follow, the person on duty closes the desk with a closing count (signs alone).
 */
export const HANDOVER_KINDS = ['handover', 'opening', 'closing'] as const;
export const HandoverKind = z.enum(HANDOVER_KINDS);
export type HandoverKind = z.infer<typeof HandoverKind>;

/**
 * H11(d), S1: the substitute for an unfit incoming person is a cover, so the section chief confirms
 * it and the property office manager approves it. Given on the spot at the tablet (each with their
 * PIN, verified on the tablet) — `chiefStaffId`/`managerStaffId` with their times — or beforehand
 * through the rota's cover request (`swapRequestId`, an approved cover naming the substitute).
 */
export const SubstituteApproval = z.object({
  swapRequestId: Id.nullable(),
  chiefStaffId: Id.nullable(),
  chiefAt: EpochMs.nullable(),
  managerStaffId: Id.nullable(),
  managerAt: EpochMs.nullable(),
});
export type SubstituteApproval = z.infer<typeof SubstituteApproval>;

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
  /** Rows written before openings and closings existed are handovers, hence the default. */
  kind: HandoverKind.default('handover'),
  /** The duty handed over or closed; null for an opening (no duty is open). */
  outgoingDutyId: Id.nullable(),
  outgoingStaffId: Id.nullable(),
  /**
   * Who takes over (handover) or opens the desk (opening): the rostered person (S1), or the
   * approved H11(d) substitute; null until chosen, and always null for a closing.
   */
  incomingStaffId: Id.nullable(),
  /**
   * H1: when the incoming person joined the handover with their PIN; lateness is measured from it.
   * From then on the count taps, read receipts and restatement are theirs (H7, H8, H9).
   */
  joinedAt: EpochMs.nullable().default(null),
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
  /** H11(d): who attested the incoming person's fitness (the outgoing person, or a chief or manager). */
  fitnessAttestedBy: Id.nullable().default(null),
  /** H11(d): the substitute named when the incoming person is not fit... */
  substituteStaffId: Id.nullable(),
  /** ...who takes over only with the chief's confirmation and the manager's approval (S1). */
  substituteApproval: SubstituteApproval.nullable().default(null),
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
  /** Who tapped: the incoming person once they have joined (H8: the incoming person counts). */
  staffId: Id,
  /** H8 (由交班人說明): the outgoing person, who gave the explanation of a discrepancy; null without one. */
  explainedBy: Id.nullable().default(null),
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

/**
 * A blocker of the gate (H11) the tablet saw and cleared during the handover (kept for the audit
 * trail). There is no override (H11: 不得交接班): a record is signed only with no blocker left.
 */
export const BlockerSeen = z.object({ code: z.string(), refs: z.array(z.string()) });
export type BlockerSeen = z.infer<typeof BlockerSeen>;

/**
 * The signed handover: insert-only and part of the building's hash chain (docs/architecture.md "Data").
 * `hash` is the SHA-256 of the canonical JSON of every field except `hash`, `updatedAt` and
 * `deleted` (see chain.ts); `prevHash` is the hash of the building's previous signed record known
 * to the signing tablet, or GENESIS_HASH. The same id with the same hash is a duplicate; any other
 * content under that id is refused (409). Corrections are addenda pointing at it (`correctsId`).
 */
export const HandoverRecord = z.object({
  ...rowBase,
  /** handover: both people sign; opening and closing: one person signs (see HANDOVER_KINDS). */
  kind: HandoverKind,
  handoverId: Id,
  /** Set on an addendum: the record it corrects. */
  correctsId: Id.nullable(),
  /** The duty handed over or closed; null for an opening. */
  outgoingDutyId: Id.nullable(),
  outgoingStaffId: Id.nullable(),
  /** Who took over or opened the desk; null for a closing. */
  incomingStaffId: Id.nullable(),
  /** The duty the signing opens for the incoming person; null for a closing. */
  newDutyId: Id.nullable(),
  /** H1: the scheduled change time and the actual times: preparation start, join, signing. */
  scheduledAt: EpochMs.nullable(),
  openedAt: EpochMs,
  joinedAt: EpochMs.nullable(),
  signedAt: EpochMs,
  /**
   * H11, H4: the building's pull cursor the signing tablet had synced to. The server re-evaluates
   * the gate against the rows up to it plus the tablet's own earlier ops, so a blocker written on
   * another tablet while this one was offline is not held against it.
   */
  syncCursor: z.number().int().nonnegative(),
  recordReviewed: z.boolean(),
  equipmentChecked: z.boolean(),
  pendingReviewed: z.boolean(),
  anomaliesAsked: z.boolean(),
  recordReviewNote: z.string(),
  anomalyAnswer: z.string(),
  synthesis: z.string(),
  fitness: Fitness,
  fitnessNote: z.string(),
  fitnessAttestedBy: Id.nullable(),
  substituteStaffId: Id.nullable(),
  substituteApproval: SubstituteApproval.nullable(),
  count: z.array(RecordCountLine),
  /** The outgoing duty as locked: its times and a digest of each entry's content; null for an opening. */
  duty: z
    .object({
      id: Id,
      staffId: Id,
      startedAt: EpochMs,
      endedAt: EpochMs,
      entries: z.array(z.object({ id: Id, hash: Sha256Hex })),
    })
    .nullable(),
  /**
   * What was carried over (H4, H5, H7): open task ids, acknowledged instructions, every major or
   * emergency entry of the shift handled or not (H5), loans, custody.
   */
  carried: z.object({
    taskIds: z.array(Id),
    acknowledged: z.array(z.object({ taskId: Id, at: EpochMs })),
    majorEntryIds: z.array(Id),
    overdueLoanIds: z.array(Id),
    openLoanIds: z.array(Id),
    custodyIds: z.array(Id),
  }),
  blockersSeen: z.array(BlockerSeen),
  /** handover: [outgoing, incoming]; opening: [incoming]; closing: [outgoing]. */
  signatures: z.array(Signature).min(1).max(2),
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
