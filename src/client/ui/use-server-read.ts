import { useCallback, useEffect, useState } from 'react';
import { useOnline } from './use-online';

/**
 * A read the server answers online only (admin lists, the buildings overview): loaded when the
 * screen opens online, again after coming back online and on `reload()`. The last answer stays
 * shown while a reload runs or fails; `failure` says why the last try failed.
 */
export function useServerRead<T>(read: () => Promise<T>) {
  const online = useOnline();
  const [data, setData] = useState<T | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>(null);
  // Bumped to load again (a refresh button, after a change).
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void (async () => {
      try {
        const answer = await read();
        if (current) {
          setData(answer);
          setLoadedAt(Date.now());
          setFailure(null);
        }
      } catch (error) {
        if (current) setFailure(error);
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
  }, [online, read, round]);

  const reload = useCallback(() => {
    setLoading(true);
    setFailure(null);
    setRound((n) => n + 1);
  }, []);

  return { data, loadedAt, loading: loading && online, failure, online, reload };
}
