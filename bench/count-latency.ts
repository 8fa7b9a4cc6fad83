/**
 * Tap-to-durable latency of the count (issue 3): bundles bench/count-page.ts with Vite, serves it
 * on 127.0.0.1 (IndexedDB needs a real origin) and runs it in headless Chromium with real
 * IndexedDB. Returns the p50/p95 of a count tap (recordCountTap) and of a raw Dexie put.
 */
import { withBenchPage } from './bench-page';
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
  return withBenchPage('count-page', 'runCountBench', async (page) => {
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
  });
}
