import { useLiveQuery } from 'dexie-react-hooks';
import type { Site } from '../../domain/entities';
import { getSite } from '../db/queries';
import { useDb } from './db-context';

/** The enrolled building, live; undefined until its first sync has arrived. */
export function useSite(): Site | undefined {
  const db = useDb();
  return useLiveQuery(() => getSite(db), [db]);
}

/** The building's time zone, falling back to the tablet's until the site has synced. */
export function useSiteTimeZone(): string {
  const site = useSite();
  return site?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
