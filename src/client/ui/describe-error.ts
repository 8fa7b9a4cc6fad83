import { TooLongError } from '../db/errors';
import type { TFunction } from '../i18n/use-t';
import { PinUpgradeNeededError, ProofKeyMissingError } from '../state/proof-keys';
import { ApiRequestError, NetworkError } from '../sync/api-client';

const EXPLAINED_CODES = [
  'actor_unproven',
  'setup_code_invalid',
  'weak_pin',
  'unsupported_media_type',
  'cursor_ahead',
  'locked_out',
  'rate_limited',
  'store_unavailable',
] as const;
type ExplainedCode = (typeof EXPLAINED_CODES)[number];

function isExplainedCode(code: string): code is ExplainedCode {
  return (EXPLAINED_CODES as readonly string[]).includes(code);
}

/**
 * One message for a failed server call: offline gets the network message, an API error shows its
 * code, anything else its text. Screens map the codes they expect (e.g. invalid_enrolment_code)
 * to a field before falling back to this.
 */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiRequestError) {
    // Issue 9: the refusals a person can act on have a sentence of their own in every language.
    if (isExplainedCode(error.code)) {
      const until = (error.details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
      const at = typeof until === 'number' ? new Date(until).toLocaleTimeString([], { timeStyle: 'short' }) : '';
      return t(`error.code.${error.code}`, { until: at });
    }
    return t('error.server', { code: error.code, message: error.message });
  }
  // Issue 9 §3: a write in the name of a person whose PIN was not typed in this page saves nothing.
  if (error instanceof PinUpgradeNeededError) return t('error.pinUpgradeNeeded');
  if (error instanceof ProofKeyMissingError) return t('error.proofKeyMissing');
  // The write path's last guard (issue 7); forms normally say this beside the field first. The
  // three UI languages group digits alike ("2,805"), so one grouping serves them all.
  if (error instanceof TooLongError) {
    const n = (v: number) => v.toLocaleString('en');
    return t('error.maxLength', { max: n(error.max), count: n(error.length) });
  }
  return t('error.unexpected', { message: error instanceof Error ? error.message : String(error) });
}
