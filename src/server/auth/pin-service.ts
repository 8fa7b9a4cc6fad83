/**
 * Issue 9 §3 (docs/security.md): the server hashes every PIN it stores itself. A PIN must be long
 * enough for the person's role (4 digits for desk staff, 6 for chiefs, managers and admins;
 * `weak_pin` 400), and a hash below the minimum PBKDF2 cost is never stored.
 */
import type { PinHash, Role } from '../../domain/entities';
import { MIN_PIN_ITERATIONS, PIN_ALG_V2, hashPinV2, isValidPinFor, pinMinLength } from '../../domain/pin';
import { ApiError } from '../api-error';

/** A v2 PIN hash with its proof key. */
export interface PinSecrets {
  pinHash: PinHash;
  proofKey: Uint8Array;
}

/**
 * Derives the secrets of a PIN (one PBKDF2 at the minimum cost with a fresh salt). Injected through
 * the app's deps like the clock, so tests derive each of their fixed PINs once per process.
 */
export type PinHasher = (pin: string) => Promise<PinSecrets>;

export const defaultPinHasher: PinHasher = (pin) => hashPinV2(pin, MIN_PIN_ITERATIONS);

/** Refuses a PIN too short for `role` with 400 weak_pin. */
export function assertPinFor(role: Role, pin: string): void {
  if (!isValidPinFor(role, pin)) {
    throw new ApiError('weak_pin', `a ${role}'s PIN has ${pinMinLength(role)} to 8 digits`, {
      role,
      minLength: pinMinLength(role),
    });
  }
}

/** Throws when `secrets` are not a v2 hash of at least the minimum cost with a 32-byte key. */
export function assertStorable(secrets: PinSecrets): void {
  const { pinHash, proofKey } = secrets;
  if (pinHash.alg !== PIN_ALG_V2 || pinHash.iterations < MIN_PIN_ITERATIONS || pinHash.hash === undefined) {
    throw new Error(`refusing to store a PIN hash below ${MIN_PIN_ITERATIONS} PBKDF2 iterations (v2)`);
  }
  if (proofKey.length !== 32) throw new Error('a proof key has 32 bytes');
}

/** The checked secrets of a new PIN for a person of `role`. */
export async function hashPinFor(hasher: PinHasher, role: Role, pin: string): Promise<PinSecrets> {
  assertPinFor(role, pin);
  const secrets = await hasher(pin);
  assertStorable(secrets);
  return secrets;
}
