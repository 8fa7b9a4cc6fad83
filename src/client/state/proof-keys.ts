/**
 * Issue 9 §3 (docs/security.md): the actor-proof keys of the people who typed their PIN in this
 * page. In memory only, never in IndexedDB or sessionStorage, so a tablet at rest holds none: a
 * thief gets a person's key only by brute-forcing the PIN whose verifier the tablet holds. Every
 * PIN the tablet checks (sign-in, a signature, an approval) remembers the key; sign-out forgets
 * them all. A reload forgets them too, so the person signs in again.
 */
const keys = new Map<string, Uint8Array>();

/** Thrown when a write names a person whose PIN was not typed in this page. */
export class ProofKeyMissingError extends Error {
  readonly code = 'proof_key_missing';
  constructor(readonly staffId: string) {
    super(`no PIN of staff ${staffId} was typed on this tablet since it was last opened`);
    this.name = 'ProofKeyMissingError';
  }
}

export function rememberProofKey(staffId: string, key: Uint8Array): void {
  keys.set(staffId, key);
}

export function proofKeyOf(staffId: string): Uint8Array | undefined {
  return keys.get(staffId);
}

/** The key of `staffId`, or ProofKeyMissingError. */
export function requireProofKey(staffId: string): Uint8Array {
  const key = keys.get(staffId);
  if (!key) throw new ProofKeyMissingError(staffId);
  return key;
}

export function forgetProofKeys(): void {
  keys.clear();
}
