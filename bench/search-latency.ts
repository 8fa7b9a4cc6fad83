/**
 * Search latency (D5, issue 8): the tablet's search over 90 days of a busy desk in headless
 * Chromium (bench/search-page.ts, bundled with Vite as the count bench does), and the server's
 * search over 2 years (bench/search-server.ts). Targets: tablet p95 ≤ 100 ms, server p95 ≤ 200 ms.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launchBrowser } from '../tests/e2e/harness';
import { REPO_ROOT } from '../tests/e2e/server-process';
import { percentiles, type Percentiles } from './count-latency';
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
  const dir = mkdtempSync(join(tmpdir(), 'search-page-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: REPO_ROOT,
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: true,
        lib: { entry: join(REPO_ROOT, 'bench', 'search-page.ts'), formats: ['es'], fileName: () => 'search-page.js' },
      },
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="/search-page.js"></script>',
    );
    const server = createServer((req, res) => {
      const file = req.url === '/search-page.js' ? 'search-page.js' : 'index.html';
      res.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
      res.end(readFileSync(join(dir, file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => 'runSearchBench' in globalThis);
      const result = await page.evaluate(
        ([n, r]) =>
          (
            globalThis as unknown as { runSearchBench(n: number, r: number): Promise<SearchBenchResult> }
          ).runSearchBench(n, r),
        [entries, rounds] as const,
      );
      return {
        entries: result.entries,
        firstMs: Math.round(result.firstMs),
        search: percentiles(result.searchMs),
        afterWrite: percentiles(result.afterWriteMs),
      };
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
