import { useLiveQuery } from 'dexie-react-hooks';
import { getSyncStatus, openDutyFor } from '../../db/queries';
import type { HandoverDb } from '../../db/schema';
import { useDb } from '../../ui/db-context';
import { useNow } from '../../ui/use-now';

/**
 * T1: the tablet's clock corrected by the offset learned from the server, refreshed every
 * `intervalMs`; undefined until the offset has loaded, so an overdue mark never flickers on a
 * tablet whose own clock is wrong.
 */
export function useCorrectedNow(intervalMs = 30_000): number | undefined {
  const db = useDb();
  const offset = useLiveQuery(async () => (await getSyncStatus(db)).clockOffsetMs, [db]);
  const now = useNow(intervalMs);
  return offset === undefined ? undefined : now + offset;
}

/**
 * The duty a movement belongs to: the person's open duty at the moment of writing, or null when
 * they have none open (a chief lending a key outside a desk shift). Read at save time, not
 * cached, so a handover signed meanwhile never attaches a loan to a closed duty.
 */
export async function currentDutyId(db: HandoverDb, staffId: string): Promise<string | null> {
  return (await openDutyFor(db, staffId))?.id ?? null;
}
