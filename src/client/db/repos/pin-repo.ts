/**
 * PIN sign-in. The PIN is checked against the staff row's slow salted hash; five wrong PINs lock
 * that person out for five minutes, recorded in IndexedDB so a reload does not reset it. Every PIN
 * the tablet asks for (sign-in, a signature, an approval, an unlock) goes through signInWithPin, so
 * no PIN box can be used to guess without limit; a chief or manager may lift a lockout (unlockPin).
 *
 * Issue 9 §3 (docs/security.md): a good PIN also gives the person's actor-proof key, remembered in
 * the page's memory (state/proof-keys.ts) to sign their ops. A person whose hash this tablet does
 * not hold (admins and managers at a desk tablet) is checked by the server; a hash of the old format
 * is upgraded online at the first sign-in, and offline the person may only read until then.
 */
import type { Staff } from '../../../domain/entities';
import { checkPin, PIN_LOCKOUT_MS, PIN_MAX_ATTEMPTS, pinLockedUntil, proofKeyFor } from '../../../domain/pin';
import { rememberProofKey, rememberReadOnlySignIn, type ReadOnlyReason } from '../../state/proof-keys';
import { ApiRequestError, NetworkError } from '../../sync/api-client';
import { checkPinOnServer, PAGE_SERVER, upgradePinOnServer, type PinServer } from '../../sync/pin-server';
import { rethrowStorageError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';

export type SignInResult =
  | { ok: true; staff: Staff; readOnly?: ReadOnlyReason }
  | {
      ok: false;
      /**
       * `onlineOnly`: this person's PIN is checked by the server, which cannot be reached;
       * `server`: the server refused the check for another reason (`code`, e.g. rate_limited).
       */
      reason: 'wrongPin' | 'lockedOut' | 'inactive' | 'unknown' | 'onlineOnly' | 'server';
      lockedUntil?: number;
      attemptsLeft?: number;
      code?: string;
    };

type Failure = Extract<SignInResult, { ok: false }>;

/**
 * Signs `staffId` in with `pin` at tablet time `nowMs`, and remembers their proof key. Wrong PINs
 * checked here are recorded in pinAttempts (the newest PIN_MAX_ATTEMPTS kept); a success clears
 * them. The failure that completes the fifth wrong PIN already answers 'lockedOut'. A PIN the
 * server checks counts towards the server's lockout instead.
 */
export async function signInWithPin(
  db: HandoverDb,
  staffId: string,
  pin: string,
  nowMs: number,
  server: PinServer = PAGE_SERVER,
): Promise<SignInResult> {
  const staff = await db.staff.get(staffId);
  if (!staff || staff.deleted) return { ok: false, reason: 'unknown' };
  if (!staff.active) return { ok: false, reason: 'inactive' };
  const before = (await db.pinAttempts.get(staffId))?.failedAt ?? [];
  const locked = pinLockedUntil(before, nowMs);
  if (locked !== null) return { ok: false, reason: 'lockedOut', lockedUntil: locked };
  const { _versions: _ignored, ...plain } = staff;

  if (staff.pinHash.hash === undefined) {
    // The hash is withheld from this tablet: only the server can say whether the PIN is right.
    const key = await proofKeyFor(pin, staff.pinHash);
    const refused = await serverRefusal(() => checkPinOnServer(db, staffId, key, nowMs, server));
    if (refused) return refused;
    rememberProofKey(staffId, key);
    await recordSuccess(db, staffId);
    return { ok: true, staff: plain };
  }

  // Verified outside any transaction: PBKDF2 is async work IndexedDB would not wait for.
  const checked = await checkPin(pin, staff.pinHash);
  if (!checked.ok) return recordFailure(db, staffId, nowMs);
  await recordSuccess(db, staffId);
  if (checked.proofKey && !checked.legacy) {
    rememberProofKey(staffId, checked.proofKey);
    return { ok: true, staff: plain };
  }
  return upgradeLegacy(db, plain, pin, server);
}

/**
 * An old-format hash gives no proof key: the PIN goes to the server once, which stores a v2 hash
 * and answers it; the tablet keeps it (no op: the server wrote the row, the next pull brings it).
 * Without the server the person signs in for reading only, and a write says why it cannot be made.
 */
async function upgradeLegacy(db: HandoverDb, staff: Staff, pin: string, server: PinServer): Promise<SignInResult> {
  try {
    const { pinHash } = await upgradePinOnServer(db, staff.id, pin, server);
    const key = await proofKeyFor(pin, pinHash);
    await db.transaction('rw', db.staff, async () => {
      const row = await db.staff.get(staff.id);
      if (row) await db.staff.put({ ...row, pinHash });
    });
    rememberProofKey(staff.id, key);
    return { ok: true, staff: { ...staff, pinHash } };
  } catch (e) {
    const refused = refusalOf(e);
    // The tablet's copy of the hash is older than the server's (a PIN reset): its answer stands.
    if (refused && refused.reason !== 'server' && refused.reason !== 'onlineOnly') return refused;
    const why: ReadOnlyReason =
      refused?.reason === 'onlineOnly' ? 'offline' : refused?.code === 'weak_pin' ? 'weakPin' : 'refused';
    rememberReadOnlySignIn(staff.id, why);
    return { ok: true, staff, readOnly: why };
  }
}

/** Runs a server PIN check; its refusal as a sign-in failure, or null when it passed. */
async function serverRefusal(call: () => Promise<unknown>): Promise<Failure | null> {
  try {
    await call();
    return null;
  } catch (e) {
    const refused = refusalOf(e);
    if (refused) return refused;
    throw e;
  }
}

/** The sign-in failure an error of a server PIN check means, or null for an unexpected error. */
function refusalOf(e: unknown): Failure | null {
  if (e instanceof NetworkError) return { ok: false, reason: 'onlineOnly' };
  if (!(e instanceof ApiRequestError)) return null;
  const details = (e.details ?? {}) as { lockedUntil?: unknown; attemptsLeft?: unknown };
  if (e.code === 'actor_unproven') {
    const left = details.attemptsLeft;
    return { ok: false, reason: 'wrongPin', ...(typeof left === 'number' ? { attemptsLeft: left } : {}) };
  }
  if (e.code === 'locked_out' && typeof details.lockedUntil === 'number') {
    return { ok: false, reason: 'lockedOut', lockedUntil: details.lockedUntil };
  }
  // A server that fails is as good as no server for a PIN check: the person tries again later.
  if (e.status >= 500) return { ok: false, reason: 'onlineOnly' };
  return { ok: false, reason: 'server', code: e.code };
}

/** A success clears the wrong PINs; who once unlocked this person stays on record. */
async function recordSuccess(db: HandoverDb, staffId: string): Promise<void> {
  try {
    await db.transaction('rw', db.pinAttempts, async () => {
      const unlocks = (await db.pinAttempts.get(staffId))?.unlocks;
      if (unlocks) await db.pinAttempts.put({ staffId, failedAt: [], unlocks });
      else await db.pinAttempts.delete(staffId);
    });
  } catch (e) {
    rethrowStorageError(e);
  }
}

async function recordFailure(db: HandoverDb, staffId: string, nowMs: number): Promise<Failure> {
  try {
    return await db.transaction('rw', db.pinAttempts, async () => {
      // Re-read inside the transaction: another tab may have recorded a failure meanwhile.
      const row = await db.pinAttempts.get(staffId);
      const failedAt = [...(row?.failedAt ?? []), nowMs].slice(-PIN_MAX_ATTEMPTS);
      await db.pinAttempts.put({ ...row, staffId, failedAt });
      const until = pinLockedUntil(failedAt, nowMs);
      if (until !== null) return { ok: false, reason: 'lockedOut', lockedUntil: until } as const;
      const recent = failedAt.filter((t) => t >= nowMs - PIN_LOCKOUT_MS).length;
      return { ok: false, reason: 'wrongPin', attemptsLeft: Math.max(0, PIN_MAX_ATTEMPTS - recent) } as const;
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The way forward from a lockout at a signature (issue 7 §8): a section chief or the property office
 * manager (`byStaffId`), whose own PIN the screen has just checked, clears `staffId`'s wrong PINs so
 * they can sign again. Recorded on this tablet (pinAttempts is never synced): who unlocked and when.
 */
export async function unlockPin(
  db: HandoverDb,
  input: { staffId: string; byStaffId: string; nowMs: number },
): Promise<Result<void, 'role'>> {
  try {
    return await db.transaction('rw', db.pinAttempts, db.staff, async () => {
      const by = await db.staff.get(input.byStaffId);
      if (!by || by.deleted || !by.active || (by.role !== 'chief' && by.role !== 'manager'))
        return fail('role' as const);
      const unlocks = (await db.pinAttempts.get(input.staffId))?.unlocks ?? [];
      await db.pinAttempts.put({
        staffId: input.staffId,
        failedAt: [],
        unlocks: [...unlocks, { by: input.byStaffId, at: input.nowMs }],
      });
      return ok(undefined);
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}
