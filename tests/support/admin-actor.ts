/**
 * The admin of a tablet's database as the admin client's AdminActor (admin-client.ts), for a test
 * that runs the client in Node against a real server: the screens' requests go to the page's own
 * server by a relative path, these go to `baseUrl`.
 */
import type { HandoverDb } from '../../src/client/db/schema';
import type { AdminActor } from '../../src/client/sync/admin-client';

/** `deviceNow`: the tablet's clock when it is not the machine's (a simulated skew). */
export function adminActorAt(baseUrl: string, db: HandoverDb, staffId: string, deviceNow?: () => number): AdminActor {
  const fetchFn: typeof fetch = (path, init) => fetch(`${baseUrl}${String(path)}`, init);
  return { db, staffId, fetchFn, ...(deviceNow ? { deviceNow } : {}) };
}
