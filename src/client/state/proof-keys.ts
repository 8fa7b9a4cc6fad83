/**
 * Issue 9 §3 (docs/security.md): the actor-proof keys of the people who typed their PIN in this
 * page. In memory only, never in IndexedDB or sessionStorage, so a tablet at rest holds none: a
 * thief gets a person's key only by brute-forcing the PIN whose verifier the tablet holds. Every
 * PIN the tablet checks (sign-in, a signature, an approval) remembers the key; sign-out forgets
 * them all. A reload forgets them too, so the person signs in again.
 */
const keys = new Map<string, Uint8Array>();
/**
 * Why a good PIN signed its person in for reading only (an old-format hash not upgraded): the
 * server could not be reached, the PIN is too short for the role now, or the server refused.
 */
export type ReadOnlyReason = 'offline' | 'weakPin' | 'refused';
/** People signed in for reading only, and why (PinUpgradeNeededError). */
const readOnly = new Map<string, ReadOnlyReason>();

/** Thrown when a write names a person whose PIN was not typed in this page. */
export class ProofKeyMissingError extends Error {
  readonly code: string = 'proof_key_missing';
  constructor(readonly staffId: string) {
    super(`no PIN of staff ${staffId} was typed on this tablet since it was last opened`);
    this.name = 'ProofKeyMissingError';
  }
}

export function rememberProofKey(staffId: string, key: Uint8Array): void {
  keys.set(staffId, key);
  readOnly.delete(staffId);
}

export function proofKeyOf(staffId: string): Uint8Array | undefined {
  return keys.get(staffId);
}

/** The key of `staffId`, or ProofKeyMissingError (PinUpgradeNeededError for a read-only sign-in). */
export function requireProofKey(staffId: string): Uint8Array {
  const key = keys.get(staffId);
  if (key) return key;
  throw readOnly.has(staffId) ? new PinUpgradeNeededError(staffId) : new ProofKeyMissingError(staffId);
}

export function forgetProofKeys(): void {
  keys.clear();
  readOnly.clear();
}

/**
 * Thrown instead of ProofKeyMissingError for a person signed in for reading only: their PIN hash
 * is of the old format and could not be upgraded (offline, or too short for their role), so no
 * proof key exists yet. Signing in again offline would not help; one online sign-in does.
 */
export class PinUpgradeNeededError extends ProofKeyMissingError {
  override readonly code = 'pin_upgrade_needed';
  constructor(staffId: string) {
    super(staffId);
    this.message = `staff ${staffId} signed in with an old PIN hash: changes need one online sign-in first`;
    this.name = 'PinUpgradeNeededError';
  }
}

/** Records that `staffId` is signed in for reading only (see PinUpgradeNeededError). */
export function rememberReadOnlySignIn(staffId: string, reason: ReadOnlyReason): void {
  readOnly.set(staffId, reason);
}

/** Why `staffId` is signed in for reading only in this page, or null when they are not. */
export function readOnlyReasonOf(staffId: string): ReadOnlyReason | null {
  return keys.has(staffId) ? null : (readOnly.get(staffId) ?? null);
}

/** Whether `staffId` signed in for reading only in this page. */
export function isReadOnlySignIn(staffId: string): boolean {
  return readOnlyReasonOf(staffId) !== null;
}
