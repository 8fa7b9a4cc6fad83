/**
 * Issue 9 §3, §6 (docs/security.md): each person's actor-proof key, the server's record of wrong
 * PIN proofs for that person (five within five minutes lock them out for five minutes, like the
 * tablet's own lockout, pin.ts `pinLockedUntil`), and the log of admin actions with the device
 * that made each one (tables `staff_keys`, `admin_actions`, migration 0007).
 *
 * A person whose PIN hash predates issue 9 has no proof key yet; their row holds an empty key only
 * so that wrong upgrade attempts still count towards the lockout (`proofKey` null).
 */
import type Database from 'better-sqlite3';
import type { Synchronous } from './store';
import { PIN_LOCKOUT_MS, PIN_MAX_ATTEMPTS, pinLockedUntil } from '../../domain/pin';
import { toStaffKey, type StaffKeyRow } from './store-rows';

export interface StaffKeyRecord {
  siteId: string;
  staffId: string;
  /** 32 bytes; null while the person has only a hash older than issue 9. */
  proofKey: Uint8Array | null;
  /** Wrong proofs still inside the lockout window, oldest first (UTC epoch ms). */
  failedAt: number[];
  lockedUntil: number | null;
  updatedAt: number;
}

export interface AdminActionRecord {
  siteId: string;
  deviceId: string;
  staffId: string;
  /** What was done: `staff.create`, `staff.update`, `staff.pin`, `site.update`, `device.revoke`, `enrolment.code`, `pin.upgrade`. */
  action: string;
  /** The staff id, device id or code kind acted on. */
  target: string | null;
  at: number;
}

/** What one more wrong PIN did to a person's lockout. */
export interface ProofFailure {
  lockedUntil: number | null;
  attemptsLeft: number;
}

/** The store's reads of proof keys and lockouts (StoreReads extends it). */
export interface StaffKeyReads {
  getStaffKey(siteId: string, staffId: string): Promise<StaffKeyRecord | undefined>;
}

/** The store's writes of proof keys, lockouts and admin actions (StoreWrites extends it). */
export interface StaffKeyWrites {
  /** Store a person's new proof key; a new PIN also clears their wrong attempts and lockout. */
  putStaffKey(siteId: string, staffId: string, proofKey: Uint8Array, nowMs: number): Promise<void>;
  /**
   * Count one wrong proof: the end of the lockout it causes (null when it does not), and how many
   * attempts are left before one would.
   */
  recordProofFailure(siteId: string, staffId: string, nowMs: number): Promise<ProofFailure>;
  /** A right proof forgets the wrong ones before it (nothing written when there were none). */
  clearProofFailures(siteId: string, staffId: string): Promise<void>;
  insertAdminAction(a: AdminActionRecord): Promise<void>;
}

/** The proof key of a row kept only to count wrong attempts (a person with no key yet). */
export const EMPTY_KEY = Buffer.alloc(0);

/**
 * One more wrong proof after the attempts stored (`before`): the attempts that still count (the last
 * five, inside one lockout window), and what they do to the lockout. Both stores write `failedAt`.
 */
export function nextProofFailure(
  before: readonly number[],
  nowMs: number,
): { failedAt: number[]; failure: ProofFailure } {
  const failedAt = [...before, nowMs].filter((t) => nowMs - t <= PIN_LOCKOUT_MS).slice(-PIN_MAX_ATTEMPTS);
  const lockedUntil = pinLockedUntil(failedAt, nowMs);
  return { failedAt, failure: { lockedUntil, attemptsLeft: Math.max(0, PIN_MAX_ATTEMPTS - failedAt.length) } };
}

/** The SQLite implementation over the store's connection. */
export function sqliteStaffKeys(db: Database.Database): Synchronous<StaffKeyReads & StaffKeyWrites> {
  const get = db.prepare<[string, string], StaffKeyRow>('SELECT * FROM staff_keys WHERE site_id = ? AND staff_id = ?');
  const upsertKey = db.prepare(
    `INSERT INTO staff_keys (site_id, staff_id, proof_key, failed_at, locked_until, updated_at)
     VALUES (?, ?, ?, '[]', NULL, ?)
     ON CONFLICT (site_id, staff_id) DO UPDATE SET proof_key = excluded.proof_key, failed_at = '[]',
       locked_until = NULL, updated_at = excluded.updated_at`,
  );
  const upsertFailures = db.prepare(
    `INSERT INTO staff_keys (site_id, staff_id, proof_key, failed_at, locked_until, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, staff_id) DO UPDATE SET failed_at = excluded.failed_at,
       locked_until = excluded.locked_until`,
  );
  const clear = db.prepare(
    `UPDATE staff_keys SET failed_at = '[]', locked_until = NULL
     WHERE site_id = ? AND staff_id = ? AND (failed_at <> '[]' OR locked_until IS NOT NULL)`,
  );
  const insertAction = db.prepare(
    'INSERT INTO admin_actions (site_id, device_id, staff_id, action, target, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const read = (siteId: string, staffId: string): StaffKeyRecord | undefined => {
    const r = get.get(siteId, staffId);
    return r ? toStaffKey(r) : undefined;
  };
  return {
    getStaffKey: read,
    putStaffKey: (siteId, staffId, proofKey, nowMs) => {
      upsertKey.run(siteId, staffId, Buffer.from(proofKey), nowMs);
    },
    recordProofFailure: (siteId, staffId, nowMs) => {
      const { failedAt, failure } = nextProofFailure(read(siteId, staffId)?.failedAt ?? [], nowMs);
      upsertFailures.run(siteId, staffId, EMPTY_KEY, JSON.stringify(failedAt), failure.lockedUntil, nowMs);
      return failure;
    },
    clearProofFailures: (siteId, staffId) => {
      clear.run(siteId, staffId);
    },
    insertAdminAction: (a) => {
      insertAction.run(a.siteId, a.deviceId, a.staffId, a.action, a.target, a.at);
    },
  };
}
