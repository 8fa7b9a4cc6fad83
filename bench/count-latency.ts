/**
 * Tap-to-durable latency of the count (issue 3): bundles bench/count-page.ts with Vite, serves it
 * on 127.0.0.1 (IndexedDB needs a real origin) and runs it in headless Chromium with real
 * IndexedDB. Returns the p50/p95 of a count tap (recordCountTap) and of a raw Dexie put.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launchBrowser } from '../tests/e2e/harness';
import { REPO_ROOT } from '../tests/e2e/server-process';
import type { CountBenchResult } from './count-page';

export interface Percentiles {
  p50: number;
  p95: number;
  mean: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Number(n.toFixed(2));
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length) };
}

export interface CountLatency {
  items: number;
  tap: Percentiles;
  rawPut: Percentiles;
  ratioP50: number;
  ratioP95: number;
}

export async function benchCountLatency(items = 300): Promise<CountLatency> {
  const dir = mkdtempSync(join(tmpdir(), 'count-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: REPO_ROOT,
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: true,
        lib: { entry: join(REPO_ROOT, 'bench', 'count-page.ts'), formats: ['es'], fileName: () => 'count-page.js' },
      },
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="/count-page.js"></script>',
    );
    const server = createServer((req, res) => {
      const file = req.url === '/count-page.js' ? 'count-page.js' : 'index.html';
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
      await page.waitForFunction(() => 'runCountBench' in globalThis);
      const result = await page.evaluate(
        (n) => (globalThis as unknown as { runCountBench(n: number): Promise<CountBenchResult> }).runCountBench(n),
        items,
      );
      const tap = percentiles(result.tapMs);
      const rawPut = percentiles(result.rawPutMs);
      return {
        items: result.items,
        tap,
        rawPut,
        ratioP50: Number((tap.p50 / rawPut.p50).toFixed(2)),
        ratioP95: Number((tap.p95 / rawPut.p95).toFixed(2)),
      };
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
