import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, for render code that compares with "now"
 * (today's entries show only the time). Read once per tick so renders stay pure.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
