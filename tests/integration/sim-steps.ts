/** The random actions of the sync simulation and the snapshots it compares at the end. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { SYNC_TABLES } from '../../src/domain/entities';
import { PullResponse } from '../../src/domain/sync-protocol';
import { getMeta } from '../../src/client/db/meta';
import { openDutyFor } from '../../src/client/db/queries';
import { endDuty, startDuty } from '../unit/client/duty-fixture';
import { amendLogEntry, createLogEntry } from '../../src/client/db/repos/log-repo';
import type { WriteContext } from '../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../src/client/db/schema';
import type { SyncEngine } from '../../src/client/sync/sync-engine';

export interface Tablet {
  name: string;
  db: HandoverDb;
  engine: SyncEngine;
  ctx: WriteContext;
}

/** What the test itself did, to check the server applied each op exactly once. */
export interface Tally {
  entries: number;
  amendments: number;
  duties: number;
}

const dev = fc.constantFrom(0, 1);
export const ACTION = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('create' as const), dev, major: fc.boolean(), resolved: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('amend' as const),
      dev,
      pick: fc.nat(),
      status: fc.constantFrom(null, 'open' as const, 'resolved' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('startDuty' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('endDuty' as const), dev }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), dev }) },
);
export type Action = typeof ACTION extends fc.Arbitrary<infer A> ? A : never;

async function dutyFor(t: Tablet, tally: Tally): Promise<string> {
  const open = await openDutyFor(t.db, t.ctx.actorStaffId);
  if (open) return open.id;
  tally.duties++;
  return (await startDuty(t.db, t.ctx, { shiftId: 'day' })).id;
}

export async function runAction(action: Action, tablets: [Tablet, Tablet], tally: Tally): Promise<void> {
  const t = tablets[action.dev]!;
  switch (action.t) {
    case 'create': {
      const dutyId = await dutyFor(t, tally);
      const r = await createLogEntry(t.db, t.ctx, {
        dutyId,
        fields: {
          kind: action.major ? 'repair' : 'enquiry',
          severity: action.major ? 'major' : 'routine',
          status: action.resolved ? 'resolved' : 'open',
          cause: `${t.name}: matter ${tally.entries + 1}`,
          process: action.major || action.resolved ? 'Called the engineer on duty' : '',
          result: action.resolved ? 'Fixed' : '',
          party: '12F',
          contact: '',
          location: 'Lobby',
          occurredAt: t.ctx.now() - 60_000,
        },
      });
      expect(r.ok).toBe(true);
      tally.entries++;
      return;
    }
    case 'amend': {
      const entries = (await t.db.logEntry.toArray())
        .filter((e) => !e.deleted)
        .sort((x, y) => x.id.localeCompare(y.id));
      const entry = entries[action.pick % Math.max(1, entries.length)];
      if (!entry) return;
      const r = await amendLogEntry(t.db, t.ctx, {
        entryId: entry.id,
        text: `${t.name}: follow-up ${tally.amendments + 1}`,
        statusChange: action.status,
        ...(action.status === 'resolved' ? { result: `Resolved by ${t.name}` } : {}),
      });
      expect(r.ok).toBe(true);
      tally.amendments++;
      return;
    }
    case 'startDuty':
      await dutyFor(t, tally);
      return;
    case 'endDuty': {
      const open = await openDutyFor(t.db, t.ctx.actorStaffId);
      if (open) await endDuty(t.db, t.ctx, open.id);
      return;
    }
    case 'sync':
      await t.engine.syncNow(); // may fail under faults; the outcome says so
      return;
  }
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
export async function snapshotServer(baseUrl: string, t: Tablet) {
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
