/**
 * The random actions of the sync simulation and the snapshots it compares at the end. Both tablets
 * write on the building's one open duty (H3: a duty belongs to its person, not the tablet); the desk
 * is opened and closed by signed records (desk-steps.ts), never by a duty put or patch.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { SYNC_TABLES } from '../../src/domain/entities';
import { PullResponse } from '../../src/domain/sync-protocol';
import { getMeta } from '../../src/client/db/meta';
import { amendLogEntry, createLogEntry } from '../../src/client/db/repos/log-repo';
import type { WriteContext } from '../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../src/client/db/schema';
import type { SyncEngine } from '../../src/client/sync/sync-engine';
import { openDuty } from './desk-steps';

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
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), dev }) },
);
export type Action = typeof ACTION extends fc.Arbitrary<infer A> ? A : never;

export async function runAction(action: Action, tablets: [Tablet, Tablet], tally: Tally): Promise<void> {
  const t = tablets[action.dev]!;
  switch (action.t) {
    case 'create': {
      // The desk was opened before the run and both tablets synced it, so a duty is always on.
      const duty = await openDuty(t);
      if (!duty) throw new Error(`${t.name} knows no open duty`);
      const r = await createLogEntry(t.db, t.ctx, {
        dutyId: duty.id,
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
          // T1: within the duty, so no backdating reason is asked.
          occurredAt: Math.max(t.ctx.now() - 60_000, duty.startedAt),
          referredTo: '',
          operationEndedAt: null,
          backdateReason: '',
          channel: null,
          partyType: null,
          unit: '',
          assignedTo: '',
          completedAt: null,
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
    case 'sync':
      await t.engine.syncNow(); // may fail under faults; the outcome says so
      return;
  }
}

/** H11(a): resolve every open major matter the tablet knows, so the desk may be closed. */
export async function resolveOpenMajors(t: Tablet, tally: Tally): Promise<void> {
  const open = (await t.db.logEntry.toArray()).filter(
    (e) => !e.deleted && e.status === 'open' && e.severity !== 'routine',
  );
  for (const entry of open) {
    const r = await amendLogEntry(t.db, t.ctx, {
      entryId: entry.id,
      text: `${t.name}: dealt with before closing`,
      statusChange: 'resolved',
      result: 'Fixed before closing',
    });
    expect(r.ok).toBe(true);
    tally.amendments++;
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
