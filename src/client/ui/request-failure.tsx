import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { ProofKeyMissingError } from '../state/proof-keys';
import { useSessionStore } from '../state/session-store';
import { ApiRequestError, NetworkError } from '../sync/api-client';
import { Button } from './button';
import { FailureAlert } from './failure-alert';
import { formatDateTime } from './time';

/** What a screen says for each kind of failure of a request made in a person's name. */
export interface RequestFailureMessages {
  network: MessageKey;
  retry: MessageKey;
  signIn: MessageKey;
  signInButton: MessageKey;
  /** With `{time}`, the end of the lockout. */
  lockedOut: MessageKey;
}

export interface RequestFailureProps {
  error: unknown;
  messages: RequestFailureMessages;
  /** The building's zone, for the end of a lockout. */
  timeZone: string;
  /** Repeats the failed request (offered after a network failure). */
  onRetry?: (() => void) | undefined;
}

/** True when the server (or this page) cannot prove the person's PIN: they must sign in again. */
export function needsSignIn(error: unknown): boolean {
  return error instanceof ProofKeyMissingError || (error instanceof ApiRequestError && error.code === 'actor_unproven');
}

function lockedUntil(error: unknown): number | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'locked_out') return null;
  const until = (error.details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
  return typeof until === 'number' ? until : null;
}

/**
 * Why a request made online in a person's name failed (issue 9 §3), with what to do next: the
 * network → try again; the PIN proof not accepted (or not held since a reload) → sign in again; a
 * lockout → until when, in the building's time; anything else → the shared message of its code.
 */
export function RequestFailure({ error, messages, timeZone, onRetry }: RequestFailureProps) {
  const t = useT();
  const signOut = useSessionStore((s) => s.signOut);
  if (error === null || error === undefined) return null;
  if (error instanceof NetworkError) {
    return (
      <div role="alert" className="form-error admin-failure">
        <p>{t(messages.network)}</p>
        {onRetry ? <Button onClick={onRetry}>{t(messages.retry)}</Button> : null}
      </div>
    );
  }
  if (needsSignIn(error)) {
    return (
      <div role="alert" className="form-error admin-failure">
        <p>{t(messages.signIn)}</p>
        <Button onClick={() => signOut('signInAgain')}>{t(messages.signInButton)}</Button>
      </div>
    );
  }
  const until = lockedUntil(error);
  if (until !== null) {
    return <FailureAlert error={error} message={t(messages.lockedOut, { time: formatDateTime(until, timeZone) })} />;
  }
  return <FailureAlert error={error} />;
}
