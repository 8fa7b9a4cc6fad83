/**
 * What the restore test shares with any multi-tablet integration test: a tablet (the real client
 * on its own fake-indexeddb database), settling every tablet until nothing moves, and snapshots of
 * a tablet's rows and of the server's rows to compare them (issue 9 §1).
 */
import { SYNC_TABLES } from '../../src/domain/entities';
import { PullResponse } from '../../src/domain/sync-protocol';
import { getMeta } from '../../src/client/db/meta';
import type { WriteContext } from '../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../src/client/db/schema';
import type { SyncEngine } from '../../src/client/sync/sync-engine';

export interface Tablet {
  name: string;
  db: HandoverDb;
  engine: SyncEngine;
  ctx: WriteContext;
}

/** Syncs every tablet, round after round, until a whole round moves nothing. */
export async function settle(tablets: Tablet[]): Promise<void> {
  for (let round = 0; round < 20; round++) {
    let quiet = true;
    for (const t of tablets) {
      const o = await t.engine.syncNow();
      if (o.error !== null || o.pushed > 0 || o.pulled > 0 || (await t.db.outbox.count()) > 0) quiet = false;
    }
    if (quiet) return;
  }
  throw new Error('the tablets did not settle in 20 sync rounds');
}

type Snapshot = Record<string, { row: Record<string, unknown>; versions: Record<string, number> }>;

export async function snapshotClient(db: HandoverDb) {
  const rows: Snapshot = {};
  for (const table of SYNC_TABLES) {
    for (const { _versions, ...row } of await db.syncTable(table).toArray()) {
      rows[`${table}:${String(row['id'])}`] = { row, versions: _versions };
    }
  }
  return {
    rows,
    outbox: await db.outbox.count(),
    counter: (await getMeta(db, 'counter')) ?? 0,
    ackedThrough: (await getMeta(db, 'ackedThrough')) ?? 0,
  };
}

/** Everything the server holds for the building, pulled from cursor 0 in pages. */
/** Everything the server gives this tablet's token, pulled from cursor 0 (no faults). */
export async function snapshotServer(baseUrl: string, t: { db: HandoverDb }) {
  const token = (await getMeta(t.db, 'device'))!.token;
  const rows: Snapshot = {};
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = PullResponse.parse(await res.json());
    for (const c of page.changes) rows[`${c.table}:${c.id}`] = { row: c.row, versions: c.versions };
    cursor = page.cursor;
    if (!page.hasMore) return { rows };
  }
}
