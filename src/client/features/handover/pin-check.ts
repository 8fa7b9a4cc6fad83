import { signInWithPin } from '../../db/repos/pin-repo';
import type { HandoverDb } from '../../db/schema';
import type { TFunction } from '../../i18n/use-t';
import { formatDateTime } from '../../ui/time';

/** Why a PIN confirmation (joining, an approval, a signature, an unlock) was refused. */
export type PinProblem =
  | { kind: 'required' }
  | { kind: 'wrongPin'; attemptsLeft: number | undefined }
  | { kind: 'lockedOut'; until: number }
  | { kind: 'inactive' }
  | { kind: 'unknown' }
  /** Issue 9 §3: the server checks this person's PIN and cannot be reached. */
  | { kind: 'onlineOnly' }
  | { kind: 'server'; code: string };

/**
 * Checks `pin` as `staffId`'s own (the PIN of anyone else does not count). It goes through the
 * sign-in check, so wrong PINs count towards the same five-tries lockout: a signature, approval or
 * unlock box cannot be used to guess a chief's PIN without limit.
 */
export async function checkPin(
  db: HandoverDb,
  staffId: string,
  pin: string,
  nowMs: number,
): Promise<PinProblem | null> {
  if (pin === '') return { kind: 'required' };
  const result = await signInWithPin(db, staffId, pin, nowMs);
  if (result.ok) return null;
  // The fifth wrong PIN already locks: say until when rather than "0 attempts left".
  if (result.lockedUntil !== undefined && result.lockedUntil > nowMs)
    return { kind: 'lockedOut', until: result.lockedUntil };
  if (result.reason === 'wrongPin') return { kind: 'wrongPin', attemptsLeft: result.attemptsLeft };
  if (result.reason === 'lockedOut') return { kind: 'lockedOut', until: result.lockedUntil ?? nowMs };
  if (result.reason === 'server') return { kind: 'server', code: result.code ?? 'server' };
  return { kind: result.reason };
}

/** The message for a refused PIN, naming whose PIN was asked for. */
export function pinProblemText(t: TFunction, problem: PinProblem, name: string, timeZone: string): string {
  switch (problem.kind) {
    case 'required':
      return t('handover.pin.required', { name });
    case 'wrongPin':
      return problem.attemptsLeft === undefined
        ? t('handover.pin.wrong', { name })
        : t('handover.pin.wrongLeft', { name, count: problem.attemptsLeft });
    case 'lockedOut':
      return t('handover.pin.lockedOut', { name, time: formatDateTime(problem.until, timeZone) });
    case 'inactive':
      return t('signin.inactive');
    case 'unknown':
      return t('signin.unknown');
    case 'onlineOnly':
      return t('signin.onlineOnly');
    case 'server':
      return t('signin.serverRefused', { code: problem.code });
  }
}
