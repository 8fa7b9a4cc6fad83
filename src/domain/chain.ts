/**
 * The building's hash chain of signed handovers (H3, docs/architecture.md "Data") and of the
 * chief's signed day reviews (O1): both kinds share one chain. Each signed record carries
 * the SHA-256 of its own canonical content and the hash of the record before it, so changing any
 * field of any signed record, on a tablet or in the server's database, is detectable.
 * Pure and runtime-neutral: hashing uses WebCrypto, which the browser, the service worker and
 * Node 20 all have; `recordHashInput` stays synchronous so the server can hash with node:crypto
 * inside a synchronous SQLite transaction.
 */
import { canonicalJson } from './canonical';
import type { LogEntry } from './entities';
import type { HandoverRecord } from './handover-entities';
import type { DayReview } from './review-entities';

/** The `prevHash` of a building's first signed record. */
export const GENESIS_HASH: string = '0'.repeat(64);

/** The signed kinds that join the building's chain: handovers, openings, closings (H3) and day reviews (O1). */
export type ChainedRecord = HandoverRecord | DayReview;

type Hashable<T> = Omit<T, 'hash' | 'updatedAt' | 'deleted'> & Partial<T>;

/** A record as hashed: `hash`, `updatedAt` and `deleted` may be present or not; they are left out. */
export type HashableRecord = Hashable<HandoverRecord> | Hashable<DayReview>;

/** Lowercase hex SHA-256 of `data` (strings are hashed as UTF-8). */
export async function sha256Hex(data: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes =
    typeof data === 'string'
      ? new TextEncoder().encode(data)
      : data instanceof Uint8Array
        ? data
        : new Uint8Array(data);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * The exact string whose SHA-256 is a record's `hash`: canonical JSON of every field except
 * `hash` and the sync bookkeeping (`updatedAt` is stamped by the server, `deleted` never changes
 * for an insert-only row), so the tablet and the server hash the same content alike.
 */
export function recordHashInput(r: HashableRecord): string {
  const { hash: _hash, updatedAt: _updatedAt, deleted: _deleted, ...content } = r;
  return canonicalJson(content);
}

/** The `hash` a record must carry. */
export async function hashRecord(r: HashableRecord): Promise<string> {
  return sha256Hex(recordHashInput(r));
}

/**
 * Digest of one log entry's content as it was locked with its duty (H3, D5): a later change of a
 * locked entry's content no longer matches the digest frozen in the signed record.
 */
export async function entryDigest(e: LogEntry): Promise<string> {
  const { updatedAt: _updatedAt, deleted: _deleted, ...content } = e;
  return sha256Hex(canonicalJson(content));
}

/** One thing wrong with a chain: a record whose content no longer matches its hash, or whose predecessor is unknown. */
export interface ChainProblem {
  id: string;
  problem: 'hashMismatch' | 'unknownPrev';
}

/**
 * Verifies a building's chain: every record's hash is recomputed, and every `prevHash` must be
 * GENESIS_HASH or the hash of another record in the set. Two records may share a predecessor (two
 * tablets signing offline fork the chain); that is not tampering and is not reported.
 * Pass the whole chain: the oldest record of a partial set reports `unknownPrev`.
 */
export async function verifyChain(
  records: readonly ChainedRecord[],
): Promise<{ ok: boolean; problems: ChainProblem[] }> {
  const known = new Set(records.map((r) => r.hash));
  const problems: ChainProblem[] = [];
  for (const r of records) {
    if ((await hashRecord(r)) !== r.hash) problems.push({ id: r.id, problem: 'hashMismatch' });
    // A record cannot chain to itself (its hash covers its prevHash); one whose stored `hash`
    // was forged to its own prevHash is reported as hashMismatch above.
    if (r.prevHash !== GENESIS_HASH && !known.has(r.prevHash)) {
      problems.push({ id: r.id, problem: 'unknownPrev' });
    }
  }
  return { ok: problems.length === 0, problems };
}
