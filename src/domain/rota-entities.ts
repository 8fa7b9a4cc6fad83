/**
 * S1, S2: the rota arranged by the section chief, and swap or cover requests that change it only
 * once the section chief has confirmed and the property office manager has approved.
 */
import { z } from 'zod';
import { EpochMs, Id, requiredText, rowBase, text } from './row-base';

/** A building day, `YYYY-MM-DD` in the building's time zone. */
export const DayString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

/** One person rostered on one shift of one building day. */
export const RotaShift = z.object({
  ...rowBase,
  staffId: Id,
  day: DayString,
  /** The building's shift template (SiteSettings.shifts[].id). */
  shiftId: z.string().min(1).max(40),
  /** The template's start and end on that day, in UTC ms (T1); end > start, across midnight too. */
  startsAt: EpochMs,
  endsAt: EpochMs,
  note: text(200),
});
export type RotaShift = z.infer<typeof RotaShift>;

/** swap: two people exchange shifts; cover: the substitute takes the requester's shift. */
export const SWAP_KINDS = ['swap', 'cover'] as const;
export const SwapKind = z.enum(SWAP_KINDS);
export type SwapKind = z.infer<typeof SwapKind>;

export const SWAP_STATUSES = ['requested', 'confirmed', 'approved', 'rejected', 'withdrawn'] as const;
export const SwapStatus = z.enum(SWAP_STATUSES);
export type SwapStatus = z.infer<typeof SwapStatus>;

export const SwapRequest = z.object({
  ...rowBase,
  kind: SwapKind,
  /** The requester's rostered shift they give away. */
  rotaShiftId: Id,
  requesterId: Id,
  substituteId: Id,
  /** swap only: the substitute's shift the requester takes in exchange. */
  otherShiftId: Id.nullable(),
  reason: requiredText(500),
  status: SwapStatus,
  requestedAt: EpochMs,
  /** S1: the section chief confirms... */
  confirmedBy: Id.nullable(),
  confirmedAt: EpochMs.nullable(),
  /** ...and the property office manager approves. Only then does the rota change. */
  approvedBy: Id.nullable(),
  approvedAt: EpochMs.nullable(),
  /** Who rejected or withdrew it, when, and why. */
  decidedBy: Id.nullable(),
  decidedAt: EpochMs.nullable(),
  decisionNote: text(500),
});
export type SwapRequest = z.infer<typeof SwapRequest>;

/** The decision fields of a request nobody has decided yet (S1): a new request starts with these. */
export const UNDECIDED_SWAP = {
  confirmedBy: null,
  confirmedAt: null,
  approvedBy: null,
  approvedAt: null,
  decidedBy: null,
  decidedAt: null,
  decisionNote: '',
} as const satisfies Partial<SwapRequest>;
