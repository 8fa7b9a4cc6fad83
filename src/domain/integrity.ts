/**
 * D5, H3, O1: what `npm run verify` and `GET /api/v1/integrity` report about a building's hash
 * chain (src/server/integrity/verify.ts), shared with the tablet's integrity screen.
 */

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

export interface IntegrityProblem {
  kind: ProblemKind;
  /** The signed record concerned (for `missingRecord`, the id the chain names). */
  recordId: string;
  table: ChainedTable | 'chain';
  /** The entry or record the problem is about, when it is not the record itself. */
  refId: string | null;
  /** In English, for the command line and logs; the screen words it from `kind`. */
  detail: string;
}

/** One signed record as checked, for a per-record list. */
export interface CheckedRecord {
  id: string;
  table: ChainedTable;
  /** handover, opening, closing, or review. */
  kind: string;
  /** Set on an addendum: the record it corrects. */
  correctsId: string | null;
  /** The building day of a review; null for a handover record. */
  day: string | null;
  signedAt: number;
  ok: boolean;
}

export interface BuildingIntegrity {
  siteId: string;
  siteName: string;
  ok: boolean;
  checkedAt: number;
  records: CheckedRecord[];
  /** Entry digests compared; those changed by legitimate follow-up only are counted, not reported. */
  entriesChecked: number;
  entriesFollowedUp: number;
  /** Hashes of the chain whose records were archived (D5). */
  archivedLinks: number;
  problems: IntegrityProblem[];
}

/** `GET /api/v1/integrity?staffId=...`: the token's building, verified now. */
export interface IntegrityResponse {
  building: BuildingIntegrity;
  serverTime: number;
}
