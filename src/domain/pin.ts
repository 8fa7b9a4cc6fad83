/**
 * PIN hashing for offline sign-in: PBKDF2-SHA256 through WebCrypto (browser, service worker and
 * Node 20 all have `crypto.subtle`), salted per person. The PIN itself never leaves the tablet.
 */
import type { PinHash } from './entities';

export const PIN_PATTERN = /^\d{4,8}$/;
/** OWASP's 2023 figure for PBKDF2-SHA256 is 600k; 310k keeps a sign-in near 0.3 s on a tablet. */
export const DEFAULT_PIN_ITERATIONS = 310_000;
/** Five wrong PINs lock that person out for five minutes, offline too. */
export const PIN_MAX_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function hashPin(pin: string, iterations = DEFAULT_PIN_ITERATIONS, salt?: Uint8Array): Promise<PinHash> {
  const s = salt ?? crypto.getRandomValues(new Uint8Array(16));
  const bits = await derive(pin, s, iterations);
  return { alg: 'PBKDF2-SHA256', iterations, salt: toBase64(s), hash: toBase64(bits) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const bits = await derive(pin, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(bits, fromBase64(stored.hash));
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

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
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
