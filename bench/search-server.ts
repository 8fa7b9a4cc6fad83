/**
 * Server search latency (D5): a building with about 150,000 entries over 2 years written through
 * the store (so the FTS5 index is built by the real write path), then the search service timed on
 * a mix of queries, with and without the register filters, newest first, 50 a page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../src/domain/ids';
import { searchBuilding } from '../src/server/search/search-service';
import { openSqliteStore } from '../src/server/store/sqlite-store';
import type { StoreTx } from '../src/server/store/store';
import { initialVersions } from '../src/server/sync/server-rows';
import type { SyncTable } from '../src/domain/entities';
import { percentiles, type Percentiles } from './count-latency';
import { BENCH_QUERIES, entryText, seeded } from './search-corpus';

const DAY = 86_400_000;

export interface ServerSearchBench {
  entries: number;
  indexMs: number;
  queries: number;
  search: Percentiles;
}

export async function benchServerSearch(entries = 150_000, rounds = 20): Promise<ServerSearchBench> {
  const dir = mkdtempSync(join(tmpdir(), 'search-bench-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'), { nowMs: Date.now() });
  try {
    const siteId = newId();
    const staffId = newId();
    const now = Date.now();
    const hlc = `${String(now).padStart(15, '0')}-0000-bench`;
    const write = (tx: StoreTx, table: 'site' | 'logEntry', row: Record<string, unknown>) =>
      tx.writeRow<SyncTable>({
        siteId,
        table,
        id: String(row.id),
        row,
        versions: initialVersions(row),
        updatedHlc: hlc,
        deleted: false,
      });
    await store.transaction(siteId, (tx) =>
      write(tx, 'site', {
        id: siteId,
        siteId,
        name: 'Bench Tower',
        timeZone: 'Asia/Hong_Kong',
        updatedAt: hlc,
        deleted: false,
      }),
    );
    const rand = seeded(150);
    const span = 730 * DAY;
    const start = performance.now();
    for (let i = 0; i < entries; i += 1000) {
      await store.transaction(siteId, async (tx) => {
        for (let j = i; j < Math.min(entries, i + 1000); j += 1) {
          const at = now - span + Math.floor((j / entries) * span);
          await write(tx, 'logEntry', {
            id: newId(),
            siteId,
            dutyId: 'bench-duty',
            staffId,
            kind: j % 5 === 0 ? 'repair' : 'enquiry',
            severity: j % 17 === 0 ? 'major' : 'routine',
            status: j % 3 === 0 ? 'open' : 'resolved',
            ...entryText(rand),
            occurredAt: at,
            recordedAt: at,
            updatedAt: hlc,
            deleted: false,
          });
        }
      });
    }
    const indexMs = performance.now() - start;
    const samples: number[] = [];
    const filterSets: Record<string, string>[] = [{}, { kind: 'repair' }, { from: '2026-01-01', severity: 'major' }];
    for (let r = 0; r < rounds; r += 1) {
      for (const q of BENCH_QUERIES) {
        const filters = filterSets[r % filterSets.length] ?? {};
        const t0 = performance.now();
        await searchBuilding(store, siteId, { q, ...filters }, now);
        samples.push(performance.now() - t0);
      }
    }
    return { entries, indexMs: Math.round(indexMs), queries: samples.length, search: percentiles(samples) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
