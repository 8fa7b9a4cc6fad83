import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getSyncStatus } from '../db/queries';
import { useDb } from './db-context';

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

/**
 * T1: the offset (server minus tablet, ms) learned at the last sync, live; undefined until it has
 * loaded from IndexedDB. For code that needs the corrected time at the moment of an action
 * (`Date.now() + offset`) rather than at the last tick.
 */
export function useClockOffset(): number | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getSyncStatus(db)).clockOffsetMs, [db]);
}

/**
 * T1: the tablet's clock corrected by the offset learned from the server, refreshed every
 * `intervalMs` like `useNow`; undefined until the offset has loaded, so an overdue mark or a
 * reminder never flickers on a tablet whose own clock is wrong.
 */
export function useCorrectedNow(intervalMs = 60_000): number | undefined {
  const offset = useClockOffset();
  const now = useNow(intervalMs);
  return offset === undefined ? undefined : now + offset;
}
