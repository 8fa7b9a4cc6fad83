/**
 * D5, H3, O1: what `npm run verify` and `GET /api/v1/integrity` report about a building's hash
 * chain (src/server/integrity/verify.ts), shared with the tablet's integrity screen.
 */
import { z } from 'zod';

export const PROBLEM_KINDS = [
  /** The record's content no longer hashes to its `hash`. */
  'hashMismatch',
  /** Its `prevHash` is neither the genesis nor a hash of the building's chain. */
  'unknownPrev',
  /** A `chain` entry names a record the database no longer holds (and no archive took it). */
  'missingRecord',
  /** A signed record that is not in the `chain` table, or is there under another id. */
  'notInChain',
  /** Its predecessor was signed or stored after it. */
  'reordered',
  /** An entry whose content changed after a signed record froze its digest (not by follow-up). */
  'entryChanged',
  /** An entry a signed record froze that the database no longer holds. */
  'entryMissing',
  /** A day review names a signed record whose hash is no longer what the review saw. */
  'recordChanged',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** The signed tables of the chain: handovers, openings and closings, and the chief's day reviews. */
export const CHAINED_TABLES = ['handoverRecord', 'dayReview'] as const;
export type ChainedTable = (typeof CHAINED_TABLES)[number];

export const IntegrityProblem = z.object({
  kind: z.enum(PROBLEM_KINDS),
  /** The signed record concerned (for `missingRecord`, the id the chain names). */
  recordId: z.string(),
  table: z.enum([...CHAINED_TABLES, 'chain']),
  /** The entry or record the problem is about, when it is not the record itself. */
  refId: z.string().nullable(),
  /** In English, for the command line and logs; the screen words it from `kind`. */
  detail: z.string(),
});
export type IntegrityProblem = z.infer<typeof IntegrityProblem>;

/** One signed record as checked, for a per-record list. */
export const CheckedRecord = z.object({
  id: z.string(),
  table: z.enum(CHAINED_TABLES),
  /** handover, opening, closing, or review. */
  kind: z.string(),
  /** Set on an addendum: the record it corrects. */
  correctsId: z.string().nullable(),
  /** The building day of a review; null for a handover record. */
  day: z.string().nullable(),
  signedAt: z.number(),
  ok: z.boolean(),
});
export type CheckedRecord = z.infer<typeof CheckedRecord>;

export const BuildingIntegrity = z.object({
  siteId: z.string(),
  siteName: z.string(),
  ok: z.boolean(),
  checkedAt: z.number(),
  records: z.array(CheckedRecord),
  /** Entry digests compared; those changed by legitimate follow-up only are counted, not reported. */
  entriesChecked: z.number(),
  entriesFollowedUp: z.number(),
  /** Hashes of the chain whose records were archived (D5). */
  archivedLinks: z.number(),
  problems: z.array(IntegrityProblem),
});
export type BuildingIntegrity = z.infer<typeof BuildingIntegrity>;

/** `GET /api/v1/integrity?staffId=...`: the token's building, verified now. */
export const IntegrityResponse = z.object({ building: BuildingIntegrity, serverTime: z.number() });
export type IntegrityResponse = z.infer<typeof IntegrityResponse>;
