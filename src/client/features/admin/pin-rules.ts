import type { Role } from '../../../domain/entities';
import { isValidPin, isValidPinFor, pinMinLength } from '../../../domain/pin';
import { ApiRequestError } from '../../sync/api-client';
import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';

export interface NewPinErrors {
  pin?: MessageKey;
  confirmPin?: MessageKey;
}

/**
 * Issue 9 §3: a new PIN and its confirmation, as the add-person form and the PIN reset both check
 * them before sending: digits only, and at least 4 for desk staff or 6 for a chief, manager or
 * admin (domain pin.ts, the server's own check, which answers 400 weak_pin otherwise).
 */
export function newPinErrors(role: Role, pin: string, confirmPin: string): NewPinErrors {
  const e: NewPinErrors = {};
  if (!isValidPin(pin)) e.pin = 'error.pinInvalid';
  else if (!isValidPinFor(role, pin)) e.pin = 'admin.pin.tooShort';
  if (confirmPin !== pin) e.confirmPin = 'error.pinMismatch';
  return e;
}

/** True for the server's refusal of a PIN too short for the role (shown beside the PIN field). */
export function isWeakPin(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'weak_pin';
}

/** The PIN field's hint for `role`: its length, e.g. "Section chief: 6 to 8 digits". */
export function pinHintFor(t: TFunction, role: Role): string {
  return t('admin.pin.hintFor', { role: t(`role.${role}`), min: String(pinMinLength(role)) });
}

/** A PIN field's message; the too-short one names the role and its minimum. */
export function pinErrorText(t: TFunction, key: MessageKey | undefined, role: Role, field: string): string | undefined {
  if (!key) return undefined;
  return t(key, { field, role: t(`role.${role}`), min: String(pinMinLength(role)) });
}
