/**
 * Search latency (D5, issue 8): the tablet's search over 90 days of a busy desk in headless
 * Chromium (bench/search-page.ts, bundled with Vite as the count bench does), and the server's
 * search over 2 years (bench/search-server.ts). Targets: tablet p95 ≤ 100 ms, server p95 ≤ 200 ms.
 */
import { percentiles, type Percentiles } from './count-latency';
import { withBenchPage } from './bench-page';
import type { SearchBenchResult } from './search-page';
import { benchServerSearch, type ServerSearchBench } from './search-server';

export interface TabletSearchBench {
  entries: number;
  firstMs: number;
  search: Percentiles;
  afterWrite: Percentiles;
}

/** The tablet's search in Chromium over `entries` entries of the last 90 days. */
export async function benchTabletSearch(entries = 20_000, rounds = 20): Promise<TabletSearchBench> {
  return withBenchPage('search-page', 'runSearchBench', async (page) => {
    const result = await page.evaluate(
      ([n, r]) =>
        (globalThis as unknown as { runSearchBench(n: number, r: number): Promise<SearchBenchResult> }).runSearchBench(
          n,
          r,
        ),
      [entries, rounds] as const,
    );
    return {
      entries: result.entries,
      firstMs: Math.round(result.firstMs),
      search: percentiles(result.searchMs),
      afterWrite: percentiles(result.afterWriteMs),
    };
  });
}

export interface SearchBench {
  tablet: TabletSearchBench;
  server: ServerSearchBench;
}

/** Both search benches, and their lines for the bench's printout. */
export async function benchSearch(): Promise<{ results: SearchBench; lines: string[] }> {
  const tablet = await benchTabletSearch();
  const server = await benchServerSearch();
  const lines = [
    `\nsearch on the tablet, ${tablet.entries.toLocaleString('en-US')} entries of 90 days in Chromium (target p95 ≤ 100 ms):`,
    `  first search (reads the window): ${tablet.firstMs} ms; then p50 ${tablet.search.p50} ms, p95 ${tablet.search.p95} ms`,
    `  right after a new entry:         p50 ${tablet.afterWrite.p50} ms, p95 ${tablet.afterWrite.p95} ms`,
    `search on the server, ${server.entries.toLocaleString('en-US')} entries of 2 years (target p95 ≤ 200 ms):`,
    `  p50 ${server.search.p50} ms, p95 ${server.search.p95} ms over ${server.queries} searches (index built in ${server.indexMs} ms)`,
  ];
  return { results: { tablet, server }, lines };
}

// `node --import tsx bench/search-latency.ts` runs the search benches alone.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const { results, lines } = await benchSearch();
  for (const line of lines) console.log(line);
  console.log(JSON.stringify(results));
}
