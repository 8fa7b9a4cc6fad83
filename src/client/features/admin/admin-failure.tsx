import { RequestFailure, type RequestFailureMessages } from '../../ui/request-failure';

export interface AdminFailureProps {
  error: unknown;
  /** The building's zone, for the end of a lockout. */
  timeZone: string;
  /** Repeats the failed request (offered after a network failure). */
  onRetry?: (() => void) | undefined;
}

const ADMIN_MESSAGES: RequestFailureMessages = {
  network: 'admin.error.network',
  retry: 'admin.error.retry',
  signIn: 'admin.error.signIn',
  signInButton: 'admin.error.signInButton',
  lockedOut: 'admin.error.lockedOut',
};

/** Why an admin request failed, with what to do next (issue 9 §3; ui/request-failure.tsx). */
export function AdminFailure(props: AdminFailureProps) {
  return <RequestFailure {...props} messages={ADMIN_MESSAGES} />;
}
