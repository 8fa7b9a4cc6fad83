import { useT } from '../i18n/use-t';
import { describeError } from './describe-error';

/**
 * The message for a failed action, announced to screen readers; renders nothing while there is no
 * failure. What the person typed stays in the form, so they can fix it and try again.
 */
export function FailureAlert({ error, message }: { error: unknown; message?: string }) {
  const t = useT();
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="form-error">
      {message ?? describeError(t, error)}
    </p>
  );
}
