import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewFlag } from '../../domain/entities';
import { flagsForRow } from '../db/queries/review-flags';
import { useDb } from './db-context';

/** The server's review flags on one record (T1, H3), live; undefined while loading. */
export function useReviewFlags(table: string, rowId: string): ReviewFlag[] | undefined {
  const db = useDb();
  return useLiveQuery(() => flagsForRow(db, table, rowId), [db, table, rowId]);
}
