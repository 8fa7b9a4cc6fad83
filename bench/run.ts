/**
 * `npm run bench` (not part of `npm test`): sync throughput over loopback against the real server
 * process, the same rows as raw SQLite transactional inserts for scale (src/server/store/sqlite-floor.ts), search latency on
 * the tablet and the server (bench/search-latency.ts, D5), the size of the JavaScript a tablet
 * loads first, and (issue 10 §9, bench/load.ts) the same sync load on SQLite and PostgreSQL. Prints a table and writes bench/results.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { verifyOpProof } from '../src/domain/actor-proof';
import { timeRawInserts } from '../src/server/store/sqlite-floor';
import type { Op } from '../src/domain/sync-protocol';
import { REPO_ROOT, startServerProcess } from '../tests/e2e/server-process';
import { benchCountLatency } from './count-latency';
import { benchLoad } from './load';
import { benchReportGeneration } from './report-generation';
import { benchSearch } from './search-latency';
import { logEntryOps, pull, push, setUpSite, type BenchSite } from './workload';

const PUSH_OPS = 5_000;
const PULL_CHANGES = 20_000;
const BATCH = 500;

interface Rate {
  count: number;
  ms: number;
  perSecond: number;
}

const rate = (count: number, ms: number): Rate => ({
  count,
  ms: Math.round(ms),
  perSecond: Math.round((count / ms) * 1000),
});

async function timed(fn: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** (a) Push the queued log-entry `ops` in batches, one request at a time like the sync engine. */
async function benchPush(site: BenchSite, ops: Op[]): Promise<Rate> {
  const ms = await timed(async () => {
    for (let i = 0; i < ops.length; i += BATCH) await push(site, ops.slice(i, i + BATCH));
  });
  return rate(ops.length, ms);
}

/** (b) Pull `count` changes from cursor 0 in pages, as a fresh tablet does. */
async function benchPull(site: BenchSite, count: number): Promise<Rate> {
  let pulled = 0;
  let cursor = 0;
  const ms = await timed(async () => {
    while (pulled < count) {
      const page = await pull(site, cursor, Math.min(BATCH, count - pulled));
      if (page.changes.length === 0) throw new Error(`pull ran dry after ${pulled} changes`);
      pulled += page.changes.length;
      cursor = page.cursor;
    }
  });
  return rate(pulled, ms);
}

/**
 * (e) Issue 9 §3: what the actor proofs cost the server per op, measured on their own: the very ops
 * (a) pushed, canonical JSON plus HMAC-SHA256 verification, as apply-op.ts does. Beside (a) in one
 * run it gives the proofs' share of a push. (Verifying the pushed ops, rather than building more,
 * leaves the device counter alone: ops built and never sent would leave a gap the server refuses.)
 */
function benchProofs(site: BenchSite, ops: Op[]): Rate {
  const start = performance.now();
  for (const op of ops) {
    if (!verifyOpProof(site.proofKey, op, op.proof)) throw new Error(`bench op ${op.counter} does not verify`);
  }
  return rate(ops.length, performance.now() - start);
}

/** (c) The same rows as plain transactional inserts into one table: the floor of the storage cost. */
function benchRawInserts(dir: string, rows: Record<string, unknown>[], name: string): Rate {
  return rate(rows.length, timeRawInserts(join(dir, `${name}.sqlite`), rows, BATCH));
}

interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** (d) The scripts and modulepreloads dist/index.html references: what a first load must fetch. */
function initialJavaScript(): { files: AssetSize[]; bytes: number; gzipBytes: number } {
  const html = readFileSync(join(REPO_ROOT, 'dist', 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) if (m[1]) refs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) if (m[1]) refs.add(m[1]);
  const files = [...refs].map((ref) => {
    const data = readFileSync(join(REPO_ROOT, 'dist', ref.replace(/^\//, '')));
    return { file: ref, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error('dist/index.html references no script');
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'handover-bench-'));
  const server = await startServerProcess({ dataDir: join(scratch, 'server') });
  try {
    const site = await setUpSite(server);
    const pushed = logEntryOps(site, PUSH_OPS).ops;
    const pushRate = await benchPush(site, pushed);
    const proofRate = benchProofs(site, pushed);
    // Fill the building up to the pull size; not timed, only there so the pull has work.
    const fill = logEntryOps(site, PULL_CHANGES - PUSH_OPS);
    for (let i = 0; i < fill.ops.length; i += BATCH) await push(site, fill.ops.slice(i, i + BATCH));
    const pullRate = await benchPull(site, PULL_CHANGES);

    const rawPush = benchRawInserts(scratch, logEntryOps(site, PUSH_OPS).rows, 'raw-5k');
    const rawPull = benchRawInserts(scratch, logEntryOps(site, PULL_CHANGES).rows, 'raw-20k');
    const js = initialJavaScript();
    const count = await benchCountLatency(300);
    const report = await benchReportGeneration();
    const search = await benchSearch();
    // Issue 10 §9: the same sync load on SQLite and PostgreSQL (its own servers and databases).
    const load = await benchLoad();

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
      batch: BATCH,
      push: { count: pushRate.count, ms: pushRate.ms, opsPerSecond: pushRate.perSecond },
      pull: { count: pullRate.count, ms: pullRate.ms, changesPerSecond: pullRate.perSecond },
      rawInsert5k: { count: rawPush.count, ms: rawPush.ms, rowsPerSecond: rawPush.perSecond },
      rawInsert20k: { count: rawPull.count, ms: rawPull.ms, rowsPerSecond: rawPull.perSecond },
      proofs: { count: proofRate.count, ms: proofRate.ms, opsPerSecond: proofRate.perSecond },
      ratios: {
        proofShareOfPush: Number((proofRate.ms / Math.max(1, pushRate.ms)).toFixed(4)),
        pushVsRawInsert: Number((pushRate.perSecond / rawPush.perSecond).toFixed(4)),
        pullVsRawInsert: Number((pullRate.perSecond / rawPull.perSecond).toFixed(4)),
      },
      initialJs: js,
      countTap: count,
      dailyReport: report,
      search: search.results,
      load,
    };
    writeFileSync(join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

    const rows: [string, string, string, string][] = [
      ['measure', 'count', 'time', 'throughput'],
      [
        '(a) push over loopback, 500/batch',
        fmt(pushRate.count),
        `${fmt(pushRate.ms)} ms`,
        `${fmt(pushRate.perSecond)} ops/s`,
      ],
      [
        '(e) op proofs verified (canonical JSON + HMAC)',
        fmt(proofRate.count),
        `${fmt(proofRate.ms)} ms`,
        `${fmt(proofRate.perSecond)} ops/s`,
      ],
      [
        '(b) pull over loopback, 500/page',
        fmt(pullRate.count),
        `${fmt(pullRate.ms)} ms`,
        `${fmt(pullRate.perSecond)} changes/s`,
      ],
      [
        '(c) raw SQLite insert, 5k rows',
        fmt(rawPush.count),
        `${fmt(rawPush.ms)} ms`,
        `${fmt(rawPush.perSecond)} rows/s`,
      ],
      [
        '(c) raw SQLite insert, 20k rows',
        fmt(rawPull.count),
        `${fmt(rawPull.ms)} ms`,
        `${fmt(rawPull.perSecond)} rows/s`,
      ],
    ];
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
    const line = (r: string[]) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
    console.log(`\nHandover Desk bench (${results.machine.cpus} cores, Node ${process.version})\n`);
    console.log(line(rows[0] ?? []));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows.slice(1)) console.log(line(r));
    const times = (r: number) => (1 / r).toFixed(1);
    console.log(
      `\nratio push / raw insert: ${results.ratios.pushVsRawInsert} (raw inserts ${times(results.ratios.pushVsRawInsert)}x faster)`,
    );
    console.log(
      `op proofs' share of the push time: ${(results.ratios.proofShareOfPush * 100).toFixed(1)}% (issue 9: at most 20%)`,
    );
    console.log(
      `ratio pull / raw insert: ${results.ratios.pullVsRawInsert} (raw inserts ${times(results.ratios.pullVsRawInsert)}x faster)`,
    );
    console.log(
      `\ninitial JavaScript (${js.files.length} file(s)): ${kib(js.bytes)} raw, ${kib(js.gzipBytes)} gzipped`,
    );
    for (const f of js.files) console.log(`  ${f.file}  ${kib(f.bytes)} raw, ${kib(f.gzipBytes)} gzip`);
    console.log(
      `\ncount of ${count.items} items in Chromium (IndexedDB), tap to durable: p50 ${count.tap.p50} ms, p95 ${count.tap.p95} ms`,
    );
    console.log(`  raw Dexie put, same page:                  p50 ${count.rawPut.p50} ms, p95 ${count.rawPut.p95} ms`);
    console.log(`  ratio tap / raw put: p50 ${count.ratioP50}x, p95 ${count.ratioP95}x`);
    console.log(
      `\ndaily report (O2) of a busy day (${fmt(report.busyDayEntries)} entries) in a tablet database of ${fmt(report.entriesInDb)} entries (fake-indexeddb): p50 ${report.p50} ms, p95 ${report.p95} ms (figures alone ${report.figuresP50} ms)`,
    );
    for (const l of search.lines) console.log(l);
    console.log('\nwritten to bench/results.json');
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
