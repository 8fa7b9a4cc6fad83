/**
 * The page side of the tablet search bench (D5), bundled by bench/search-latency.ts and run in
 * Chromium with real IndexedDB: a busy desk's 90 days (about 20,000 entries) on the tablet, then
 * the search screen's own query (`searchLocal`) timed: the first search (reads the window and
 * caches its normalised text), searches after that, and a search right after a new entry is written.
 */
import { openHandoverDb } from '../src/client/db/open';
import { searchLocal } from '../src/client/db/queries/local-search';
import { newId } from '../src/domain/ids';
import { parseSearchFilters } from '../src/domain/search-api';
import { BENCH_QUERIES, entryText, seeded } from './search-corpus';

export interface SearchBenchResult {
  entries: number;
  firstMs: number;
  searchMs: number[];
  afterWriteMs: number[];
}

const DAY = 86_400_000;
const TZ = 'Asia/Hong_Kong';

async function run(entries: number, rounds: number): Promise<SearchBenchResult> {
  const db = openHandoverDb(`search-bench-${newId()}`);
  const siteId = newId();
  const now = Date.now();
  await db.site.put({ id: siteId, siteId, timeZone: TZ, localWindowDays: 90, updatedAt: 'h', deleted: false } as never);
  const rand = seeded(90);
  const rows = [];
  for (let i = 0; i < entries; i += 1) {
    const at = now - 89 * DAY + Math.floor((i / entries) * 89 * DAY);
    rows.push({
      id: newId(),
      siteId,
      dutyId: 'bench-duty',
      staffId: 'bench-staff',
      kind: i % 5 === 0 ? 'repair' : 'enquiry',
      severity: 'routine',
      status: 'resolved',
      ...entryText(rand),
      occurredAt: at,
      recordedAt: at,
      deviceTime: at,
      updatedAt: 'h',
      deleted: false,
      _versions: {},
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await db.logEntry.bulkPut(rows.slice(i, i + 2000) as never);
  const opts = { nowMs: now, timeZone: TZ, windowDays: 90 };
  const filters = (q: string, extra: Record<string, string> = {}) => {
    const parsed = parseSearchFilters({ q, ...extra });
    if (!parsed.ok) throw new Error(`bad bench query ${q}`);
    return parsed.filters;
  };
  let t = performance.now();
  await searchLocal(db, filters('漏水'), opts);
  const firstMs = performance.now() - t;
  const searchMs: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of BENCH_QUERIES) {
      t = performance.now();
      await searchLocal(db, filters(q, r % 2 === 0 ? {} : { kind: 'repair' }), opts);
      searchMs.push(performance.now() - t);
    }
  }
  const afterWriteMs: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    await db.logEntry.put({ ...(rows[r] as object), id: newId(), occurredAt: now } as never);
    t = performance.now();
    await searchLocal(db, filters('漏水'), opts);
    afterWriteMs.push(performance.now() - t);
  }
  db.close();
  await db.delete();
  return { entries, firstMs, searchMs, afterWriteMs };
}

(globalThis as unknown as { runSearchBench: typeof run }).runSearchBench = run;
