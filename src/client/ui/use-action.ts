import { useCallback, useState } from 'react';

/**
 * Runs an async action for a button: `busy` disables it meanwhile and a failure is kept in
 * `error` for the screen to show (a local write can still fail, e.g. storage full), never lost
 * as an unhandled rejection.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error };
}
