/**
 * PIN hashing for offline sign-in and the actor-proof key (issue 9, docs/security.md):
 * PBKDF2-SHA256 through WebCrypto (browser, service worker and Node 20 all have `crypto.subtle`),
 * salted per person. From the PBKDF2 output M two keys are derived by HMAC-SHA256: the verifier
 * (stored on tablets, checks a typed PIN offline) and the proof key (known only to the server and,
 * while the person is signed in, to the tablet's memory), which signs every op (actor-proof.ts).
 * Knowing the verifier gives the proof key only by brute-forcing the PIN through PBKDF2.
 */
import type { PinHash, Role } from './entities';

export const PIN_PATTERN = /^\d{4,8}$/;
/** OWASP's figure for PBKDF2-SHA256; the server refuses to store a PIN hash of lower cost. */
export const MIN_PIN_ITERATIONS = 600_000;
export const DEFAULT_PIN_ITERATIONS = MIN_PIN_ITERATIONS;
/** The algorithm of PIN hashes written since issue 9 (see PinHash in entities.ts). */
export const PIN_ALG_V2 = 'PBKDF2-SHA256-v2' as const;
const VERIFIER_LABEL = 'handover-desk pin verifier v2';
const PROOF_KEY_LABEL = 'handover-desk actor proof v2';

/** Issue 9 §3: desk staff have at least 4 digits; chiefs, managers and admins at least 6. */
export function pinMinLength(role: Role): number {
  return role === 'desk' ? 4 : 6;
}

/** A PIN of digits only, long enough for `role`, at most 8 digits. */
export function isValidPinFor(role: Role, pin: string): boolean {
  return PIN_PATTERN.test(pin) && pin.length >= pinMinLength(role);
}

/** The two keys derived from one PIN (see the module comment). */
export interface PinSecrets {
  /** What `PinHash.hash` holds (v2). */
  verifier: Uint8Array;
  /** The actor-proof key: 32 bytes, never stored on a tablet. */
  proofKey: Uint8Array;
}

/** PBKDF2 once, then both keys by HMAC: one slow step per sign-in. */
export async function derivePinSecrets(pin: string, salt: Uint8Array, iterations: number): Promise<PinSecrets> {
  const master = await derive(pin, salt, iterations);
  const [verifier, proofKey] = await Promise.all([
    hmacSha256(master, VERIFIER_LABEL),
    hmacSha256(master, PROOF_KEY_LABEL),
  ]);
  return { verifier, proofKey };
}

/** A new v2 PIN hash with its proof key, from a random salt unless one is given (tests). */
export async function hashPinV2(
  pin: string,
  iterations = DEFAULT_PIN_ITERATIONS,
  salt?: Uint8Array,
): Promise<{ pinHash: PinHash; proofKey: Uint8Array }> {
  const s = salt ?? crypto.getRandomValues(new Uint8Array(16));
  const { verifier, proofKey } = await derivePinSecrets(pin, s, iterations);
  return { pinHash: { alg: PIN_ALG_V2, iterations, salt: toBase64(s), hash: toBase64(verifier) }, proofKey };
}

/** What checking a typed PIN against a stored hash gives. */
export type PinCheck =
  | { ok: false }
  /** `proofKey` is null for a hash written before issue 9 (`legacy`), which must be upgraded online. */
  | { ok: true; legacy: boolean; proofKey: Uint8Array | null };

/**
 * Checks `pin` against `stored`. A hash without `hash` (withheld from this tablet) cannot be
 * checked here: the caller asks the server instead (docs/security.md).
 */
export async function checkPin(pin: string, stored: PinHash): Promise<PinCheck> {
  if (stored.hash === undefined) return { ok: false };
  const salt = fromBase64(stored.salt);
  if (stored.alg === PIN_ALG_V2) {
    const { verifier, proofKey } = await derivePinSecrets(pin, salt, stored.iterations);
    return constantTimeEqual(verifier, fromBase64(stored.hash)) ? { ok: true, legacy: false, proofKey } : { ok: false };
  }
  const bits = await derive(pin, salt, stored.iterations);
  return constantTimeEqual(bits, fromBase64(stored.hash)) ? { ok: true, legacy: true, proofKey: null } : { ok: false };
}

/** The proof key of a v2 hash's salt and cost, without checking anything (online sign-in, §3). */
export async function proofKeyFor(pin: string, stored: PinHash): Promise<Uint8Array> {
  return (await derivePinSecrets(pin, fromBase64(stored.salt), stored.iterations)).proofKey;
}

async function hmacSha256(key: Uint8Array, label: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(label)));
}
/** Five wrong PINs lock that person out for five minutes, offline too. */
export const PIN_MAX_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** A v2 PIN hash (without its proof key); see hashPinV2. */
export async function hashPin(pin: string, iterations = DEFAULT_PIN_ITERATIONS, salt?: Uint8Array): Promise<PinHash> {
  return (await hashPinV2(pin, iterations, salt)).pinHash;
}

/** A PIN hash as written before issue 9 (PBKDF2 output stored as is): legacy data and its tests only. */
export async function hashPinLegacy(pin: string, iterations: number, salt?: Uint8Array): Promise<PinHash> {
  const s = salt ?? crypto.getRandomValues(new Uint8Array(16));
  return { alg: 'PBKDF2-SHA256', iterations, salt: toBase64(s), hash: toBase64(await derive(pin, s, iterations)) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  return (await checkPin(pin, stored)).ok;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const buf = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    256,
  );
  return new Uint8Array(buf);
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Lockout state derived from the recorded wrong attempts (newest last). */
export function pinLockedUntil(failedAt: readonly number[], nowMs: number): number | null {
  if (failedAt.length < PIN_MAX_ATTEMPTS) return null;
  const fifthLast = failedAt[failedAt.length - PIN_MAX_ATTEMPTS] ?? 0;
  const last = failedAt[failedAt.length - 1] ?? 0;
  // Five failures within one lockout window lock the person out from the last failure on.
  if (last - fifthLast > PIN_LOCKOUT_MS) return null;
  const until = last + PIN_LOCKOUT_MS;
  return until > nowMs ? until : null;
}
