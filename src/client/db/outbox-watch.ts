/** Lets code outside the data layer react to local writes without importing Dexie. */
import { liveQuery } from 'dexie';
import type { HandoverDb } from './schema';

/**
 * Calls `onChange(highestQueuedCounter)` whenever the outbox changes (0 when empty), first with
 * the current value. Works across tabs and the service worker (Dexie's change propagation).
 * Returns the unsubscribe function.
 */
export function watchOutboxHead(db: HandoverDb, onChange: (counter: number) => void): () => void {
  const sub = liveQuery(async () => (await db.outbox.orderBy('counter').last())?.counter ?? 0).subscribe({
    next: onChange,
    error: () => {
      // A closed database ends the watch; the page's timer trigger keeps syncing.
    },
  });
  return () => sub.unsubscribe();
}
