/** Shared set-up for the engine tests: an enrolled tablet and the in-memory protocol server. */
import 'fake-indexeddb/auto';
import { createLogEntry } from '../../../src/client/db/repos/log-repo';
import { makeWriteContext, type WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { createSyncEngine } from '../../../src/client/sync/sync-engine';
import { createFakeServer } from './fake-server';
import { enrolledDb, fields, T0 } from './helpers';

export async function setup(opts?: {
  serverAheadMs?: number;
  reject?: Parameters<typeof createFakeServer>[0]['reject'];
  /** A clock the test moves (tablet and server alike); T0 and still without it. */
  clock?: { now: number };
}) {
  const e = await enrolledDb();
  const clock = opts?.clock ?? { now: T0 };
  const deviceNow = () => clock.now;
  const server = createFakeServer({
    now: () => clock.now + (opts?.serverAheadMs ?? 0),
    siteId: e.siteId,
    deviceId: e.deviceId,
    token: e.token,
    ...(opts?.reject ? { reject: opts.reject } : {}),
  });
  const ctx = await makeWriteContext(e.db, e.staffId, deviceNow);
  const engine = (fetch: typeof globalThis.fetch = server.fetch, pushBatch = 100) =>
    createSyncEngine({ db: e.db, baseUrl: 'http://test', fetch, now: deviceNow, pushBatch });
  return { ...e, server, ctx, engine };
}

export async function entry(db: HandoverDb, ctx: WriteContext, dutyId: string, cause = 'Lift stuck at 3F') {
  const r = await createLogEntry(db, ctx, { dutyId, fields: fields({ cause }) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
