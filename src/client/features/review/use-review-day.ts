import { useLiveQuery } from 'dexie-react-hooks';
import type { Site } from '../../../domain/entities';
import { reviewDayData, type ReviewDayData } from '../../db/queries/review-queries';
import { useDb } from '../../ui/db-context';

/** O1: the day under review, live (every pull and every write shows at once); undefined while loading. */
export function useReviewDay(day: string, site: Site): ReviewDayData | undefined {
  const db = useDb();
  return useLiveQuery(
    () => reviewDayData(db, day, site.timeZone, site.incomingLeadMinutes),
    [db, day, site.timeZone, site.incomingLeadMinutes],
  );
}
