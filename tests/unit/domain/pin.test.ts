import { describe, expect, it } from 'vitest';
import { PinHash } from '../../../src/domain/entities';
import {
  hashPin,
  isValidPin,
  PIN_LOCKOUT_MS,
  PIN_MAX_ATTEMPTS,
  pinLockedUntil,
  verifyPin,
} from '../../../src/domain/pin';

const FAST = 1000;

describe('PIN hashing (PBKDF2, salted)', () => {
  it('verifies the right PIN and refuses a wrong one', async () => {
    const h = await hashPin('4711', FAST);
    expect(PinHash.parse(h)).toEqual(h);
    expect(h.iterations).toBe(FAST);
    expect(await verifyPin('4711', h)).toBe(true);
    expect(await verifyPin('4712', h)).toBe(false);
  });

  it('salts every hash, so equal PINs give different hashes', async () => {
    const a = await hashPin('1234', FAST);
    const b = await hashPin('1234', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('is deterministic for a given salt', async () => {
    const salt = new Uint8Array(16).fill(7);
    expect(await hashPin('2468', FAST, salt)).toEqual(await hashPin('2468', FAST, salt));
  });

  it('accepts 4 to 8 digits only', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('123456789')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
  });
});

describe('PIN lockout window', () => {
  const t = 1_750_000_000_000;

  it('four wrong PINs do not lock', () => {
    expect(pinLockedUntil([t, t + 1, t + 2, t + 3], t + 4)).toBeNull();
  });

  it('five wrong PINs within the window lock for five minutes from the last', () => {
    const failed = [t, t + 10_000, t + 20_000, t + 30_000, t + 40_000];
    expect(PIN_MAX_ATTEMPTS).toBe(5);
    expect(pinLockedUntil(failed, t + 40_000)).toBe(t + 40_000 + PIN_LOCKOUT_MS);
    expect(pinLockedUntil(failed, t + 40_000 + PIN_LOCKOUT_MS - 1)).toBe(t + 40_000 + PIN_LOCKOUT_MS);
    expect(pinLockedUntil(failed, t + 40_000 + PIN_LOCKOUT_MS)).toBeNull();
  });

  it('five wrong PINs spread wider than the window do not lock', () => {
    const failed = [t, t + 1, t + 2, t + 3, t + PIN_LOCKOUT_MS + 1];
    expect(pinLockedUntil(failed, t + PIN_LOCKOUT_MS + 1)).toBeNull();
  });
});
