/**
 * Bearer tokens and enrolment codes. Both are shown once and stored only as sha256 hex, so a
 * copied database file cannot be used to impersonate a tablet (docs/architecture.md "Auth").
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ENROLMENT_CODE_ALPHABET } from '../../domain/api';

/** A new device token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new one-time enrolment code: 8 characters from the alphabet without look-alikes. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ENROLMENT_CODE_ALPHABET.charAt(randomInt(ENROLMENT_CODE_ALPHABET.length));
  return code;
}
