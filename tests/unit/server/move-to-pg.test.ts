/**
 * Issue 10 §6: `npm run move-to-postgres` on the demo company (海港中心 with 18 months of signed
 * history, and a second building): every chain verifies on PostgreSQL, every table's count per
 * building equals SQLite's, the generation is kept and a pull answers the same changes in the same
 * order from both stores. A second run over the same target is refused; a copy that fails midway
 * leaves the target empty; a data dir a server holds is refused. PostgreSQL only (the run's cluster).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedSecondBuilding } from '../../../scripts/demo-company';
import { seedDemo } from '../../../scripts/demo-seed';
import { MoveRefusedError, moveToPostgres } from '../../../src/server/store/move-to-pg';
import { openPgStore } from '../../../src/server/store/pg-store';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { tamperDeviceCounter } from '../../../src/server/store/sqlite-tamper';
import { LOCK_FILE_NAME } from '../../../src/server/store/data-dir-lock';
import { createTestDatabase, type TestDatabase } from '../../support/pg-cluster';

const NOW = Date.UTC(2026, 10, 20, 4);
let dataDir: string;
let source: { sites: string[]; changes: Record<string, string>; generation: string };
const databases: TestDatabase[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hd-move-'));
  const store = openSqliteStore(join(dataDir, 'handover-desk.sqlite'), { nowMs: NOW });
  try {
    const seeded = await seedDemo(store, NOW);
    await seedSecondBuilding(store, seeded.siteId, NOW);
    const sites = await store.listSiteIds();
    const changes: Record<string, string> = {};
    for (const s of sites) changes[s] = JSON.stringify(await store.changesSince(s, 0, 1_000_000));
    source = { sites, changes, generation: store.generation() };
  } finally {
    await store.close();
  }
  return () => rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

afterEach(async () => {
  for (const d of databases.splice(0)) await d.drop();
});

async function freshTarget(): Promise<TestDatabase> {
  const d = await createTestDatabase();
  databases.push(d);
  return d;
}

describe('moving the demo company from SQLite to PostgreSQL (issue 10 §6)', () => {
  it('copies everything: chains verified, counts equal, the generation kept, pulls the same; a second run is refused', async () => {
    const target = await freshTarget();
    const report = await moveToPostgres({ dataDir, targetUrl: target.url, nowMs: NOW });
    expect(report.buildings).toHaveLength(2);
    expect(report.buildings.every((b) => b.ok)).toBe(true);
    expect(Math.max(...report.buildings.map((b) => b.records))).toBeGreaterThan(1000);
    expect(report.counts.filter((c) => c.source !== c.target)).toEqual([]);
    const rows = report.counts.filter((c) => c.table === 'rows');
    expect(rows.map((c) => c.siteId).sort()).toEqual([...source.sites].sort());
    expect(report.generation).toBe(source.generation);
    expect(report.searchIndexed).toBeGreaterThan(1000);

    const pgStore = await openPgStore({ connectionString: target.url, nowMs: NOW });
    try {
      expect(pgStore.generation()).toBe(source.generation);
      for (const s of source.sites) {
        expect(JSON.stringify(await pgStore.changesSince(s, 0, 1_000_000))).toBe(source.changes[s]);
      }
    } finally {
      await pgStore.close();
    }

    await expect(moveToPostgres({ dataDir, targetUrl: target.url, nowMs: NOW })).rejects.toThrow(
      /already holds buildings/,
    );
  }, 180_000);

  it('a copy that fails midway leaves the target empty; a data dir a server holds is refused', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'hd-move-bad-'));
    try {
      const store = openSqliteStore(join(broken, 'handover-desk.sqlite'), { nowMs: NOW });
      const seeded = await seedDemo(store, NOW);
      const device = (await store.listDevices(seeded.siteId))[0];
      if (!device) throw new Error('the demo has no device');
      tamperDeviceCounter(store, device.id, 'not a number');
      await store.close();
      const target = await freshTarget();
      await expect(moveToPostgres({ dataDir: broken, targetUrl: target.url, nowMs: NOW })).rejects.toThrow(/bigint/);
      const after = await openPgStore({ connectionString: target.url, nowMs: NOW });
      try {
        expect(await after.hasAnySite()).toBe(false);
        expect(await after.listSiteIds()).toEqual([]);
      } finally {
        await after.close();
      }
      // This process holds the data dir as a running server would.
      writeFileSync(join(broken, LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, startedAt: NOW }));
      await expect(moveToPostgres({ dataDir: broken, targetUrl: target.url, nowMs: NOW })).rejects.toThrow(
        MoveRefusedError,
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 180_000);
});
