import { ApiRequestError, NetworkError } from '../../sync/api-client';
import { ProofKeyMissingError } from '../../state/proof-keys';
import { useSessionStore } from '../../state/session-store';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';

export interface AdminFailureProps {
  error: unknown;
  /** The building's zone, for the end of a lockout. */
  timeZone: string;
  /** Repeats the failed request (offered after a network failure). */
  onRetry?: (() => void) | undefined;
}

/** True when the server (or this page) cannot prove the admin's PIN: they must sign in again. */
function needsSignIn(error: unknown): boolean {
  return error instanceof ProofKeyMissingError || (error instanceof ApiRequestError && error.code === 'actor_unproven');
}

function lockedUntil(error: unknown): number | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'locked_out') return null;
  const until = (error.details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
  return typeof until === 'number' ? until : null;
}

/**
 * Why an admin request failed, with what to do next (issue 9 §3): the network → try again; the
 * PIN proof not accepted (or not held since a reload) → sign in again; a lockout → until when, in
 * the building's time; anything else → the shared message of its code.
 */
export function AdminFailure({ error, timeZone, onRetry }: AdminFailureProps) {
  const t = useT();
  const signOut = useSessionStore((s) => s.signOut);
  if (error === null || error === undefined) return null;
  if (error instanceof NetworkError) {
    return (
      <div role="alert" className="form-error admin-failure">
        <p>{t('admin.error.network')}</p>
        {onRetry ? <Button onClick={onRetry}>{t('admin.error.retry')}</Button> : null}
      </div>
    );
  }
  if (needsSignIn(error)) {
    return (
      <div role="alert" className="form-error admin-failure">
        <p>{t('admin.error.signIn')}</p>
        <Button onClick={() => signOut('signInAgain')}>{t('admin.error.signInButton')}</Button>
      </div>
    );
  }
  const until = lockedUntil(error);
  if (until !== null) {
    return (
      <FailureAlert error={error} message={t('admin.error.lockedOut', { time: formatDateTime(until, timeZone) })} />
    );
  }
  return <FailureAlert error={error} />;
}
