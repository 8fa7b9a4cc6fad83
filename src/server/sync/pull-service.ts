/**
 * GET /api/v1/sync/pull (docs/architecture.md "Pull"): a building's changes after a cursor, in sequence
 * order, in pages. The body is assembled from the stored JSON text instead of parsing and
 * re-serialising every row: a tablet back from a week offline pulls tens of thousands of rows.
 * Each change carries the server's receipt time of its row (`receivedAt`, T1) when known.
 */
import type { DeviceKind } from '../../domain/api';
import type { PullQuery } from '../../domain/sync-protocol';
import { ApiError } from '../api-error';
import { staffJsonFor } from '../auth/hash-withholding';
import type { Store } from '../store/store';

/**
 * The PullResponse for `query`, already serialised as JSON. Issue 9 §3: a desk tablet gets admin
 * and manager rows without their PIN verifier (hash-withholding.ts).
 * @throws ApiError `cursor_ahead` (409) when the cursor is past the building's sequence: the tablet
 * pulled from a history this database no longer has (a restore, or commits lost to a power cut),
 * and must re-pull from 0 (issue 9 §1, docs/architecture.md "Restores").
 */
export async function pullChangesJson(
  store: Store,
  siteId: string,
  query: PullQuery,
  nowMs: number,
  deviceKind: DeviceKind = 'desk',
): Promise<string> {
  // One row past the page tells whether there is more without a COUNT.
  const { sequence, changes: rows } = await store.pullPage(siteId, query.cursor, query.limit + 1);
  const generation = store.generation();
  if (query.cursor > sequence) {
    throw new ApiError('cursor_ahead', `cursor ${query.cursor} is past this server's sequence ${sequence}`, {
      sequence,
      generation,
    });
  }
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const cursor = page.length > 0 ? (page[page.length - 1]?.seq ?? query.cursor) : query.cursor;
  const changes = page.map(
    (r) =>
      `{"seq":${r.seq},"table":${JSON.stringify(r.table)},"id":${JSON.stringify(r.id)},` +
      `"row":${r.table === 'staff' ? staffJsonFor(deviceKind, r.dataJson) : r.dataJson},"versions":${r.versionsJson}` +
      // T1: the server's first receipt of the row; rows stored before it was kept have none.
      `${r.receivedAt === null ? '' : `,"receivedAt":${r.receivedAt}`}}`,
  );
  return (
    `{"changes":[${changes.join(',')}],"cursor":${cursor},"hasMore":${hasMore},"serverTime":${nowMs},` +
    `"generation":${JSON.stringify(generation)}}`
  );
}
