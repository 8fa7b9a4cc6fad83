/**
 * Issue 10 §9: the same sync load on SQLite and on PostgreSQL, side by side, through a real server
 * process each (`node --import tsx bench/load.ts [--quick]`, and part of `npm run bench`):
 *
 * - A: 200 tablets of one building;
 * - B: 100 buildings of 20 tablets (created as a company's admin creates them, issue 10 §1);
 *
 * each at the real rate and at ten times it. The real rate is the tablet's own: its page sync runs
 * every 30 s (src/client/sync/page-sync.ts DEFAULT_SYNC_INTERVAL_MS) and a busy desk writes a few
 * ops a minute, so each tablet pulls every 30 s and pushes 1-3 ops every 60 s, each tablet at its
 * own random phase and with ±20 % jitter. Each tablet behaves as its sync engine does: one pull and
 * one push at a time (a tick that finds one running is skipped; the ops wait in its outbox), and a
 * push that failed is resent with whatever was written since. Reported per run: push and pull p50/p95/p99 in ms, requests, errors
 * (a non-2xx answer, a failed request or a refused op) and CPU from /proc: the server process's, the
 * database's (PostgreSQL's processes), the load generator's (% of one core each) and the whole
 * machine's (% of all cores: the generator shares the machine, so near 100 % a run measures the
 * machine, not the server). PostgreSQL is a throwaway cluster with fsync on, as in production.
 * `--store`, `--scenario`, `--rate` run one line alone; `--cpu-prof DIR` profiles the server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTOR_HEADERS, signOp, signRequest } from '../src/domain/actor-proof';
import type { BuildingSummary, EnrolResponse, SetupResponse, StaffListResponse } from '../src/domain/api';
import { formatHlc } from '../src/domain/hlc';
import { newId } from '../src/domain/ids';
import { proofKeyFor } from '../src/domain/pin';
import {
  MAX_PUSH_OPS,
  SCHEMA_VERSION,
  type Op,
  type PullResponse,
  type PushResponse,
} from '../src/domain/sync-protocol';
import { spawnServer, type ServerProcess } from '../tests/integration/server-process';
import { createTestDatabase, postgresBinDir, startCluster, type PgCluster } from '../tests/support/pg-cluster';
import { itemFields, setupRequest, TEST_PINS } from '../tests/unit/server/helpers';

const QUICK = process.argv.includes('--quick');
/** `--store sqlite|postgres`, `--scenario A|B`, `--rate real|10x`: run only those (alone, for profiling). */
const argOf = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const ONLY = { store: argOf('--store'), scenario: argOf('--scenario'), rate: argOf('--rate') };
/** `--cpu-prof DIR`: the server process writes a V8 CPU profile per run into DIR (open it in Chrome DevTools). */
const CPU_PROF_DIR = argOf('--cpu-prof');
const DURATION_MS = QUICK ? 8_000 : 45_000;
const REAL = { pullEveryMs: 30_000, pushEveryMs: 60_000 };
/** `--quick` checks the bench itself in seconds: the same shapes, a tenth of the tablets. */
const SCENARIOS = QUICK
  ? [
      { name: 'A: 20 tablets, 1 building (quick)', buildings: 1, tablets: 20 },
      { name: 'B: 10 buildings x 2 tablets (quick)', buildings: 10, tablets: 2 },
    ]
  : [
      { name: 'A: 200 tablets, 1 building', buildings: 1, tablets: 200 },
      { name: 'B: 100 buildings x 20 tablets', buildings: 100, tablets: 20 },
    ];
/** Limits as high as a load generator on one address needs (they are per client address). */
const BENCH_LIMITS = {
  RATE_LIMIT_ENROL: '100000',
  RATE_LIMIT_ADMIN: '100000',
  RATE_LIMIT_SETUP: '1000',
  RATE_LIMIT_AUTH: '100000',
  MAX_CONNECTIONS_PER_IP: '100000',
};

interface Actor {
  deviceId: string;
  staffId: string;
  key: Uint8Array;
}

interface Tablet {
  deviceId: string;
  token: string;
  siteId: string;
  actor: Omit<Actor, 'deviceId'>;
  counter: number;
  cursor: number;
  /** Ops written and not yet acknowledged: resent with the next push, as the tablet's outbox does. */
  outbox: Op[];
  pushing: boolean;
  pulling: boolean;
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; actor?: Actor } = {},
): Promise<T> {
  const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.actor) {
    const at = Date.now();
    const { deviceId, staffId, key } = opts.actor;
    headers[ACTOR_HEADERS.staffId] = staffId;
    headers[ACTOR_HEADERS.at] = String(at);
    headers[ACTOR_HEADERS.proof] = signRequest(key, { method, path, deviceId, staffId, at, body });
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === '' ? {} : { body }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Desk tablets of one building, enrolled with codes its admin makes on `device` (that building's). */
async function enrolTablets(base: string, device: Actor & { token: string }, siteId: string, n: number) {
  const tablets: Tablet[] = [];
  for (let i = 0; i < n; i++) {
    const { code } = await call<{ code: string }>(base, 'POST', '/api/v1/enrolment-codes', {
      token: device.token,
      body: { deviceKind: 'desk' },
      actor: device,
    });
    const e = await call<EnrolResponse>(base, 'POST', '/api/v1/enrol', {
      body: { code, deviceName: `Tablet ${i + 1}` },
    });
    tablets.push({
      deviceId: e.deviceId,
      token: e.token,
      siteId,
      actor: { staffId: device.staffId, key: device.key },
      counter: 0,
      cursor: 0,
      outbox: [],
      pushing: false,
      pulling: false,
    });
  }
  return tablets;
}

/** The company of a scenario: its first building set up, the others created by its admin (§1). */
async function company(server: ServerProcess, buildings: number, perBuilding: number): Promise<Tablet[]> {
  const base = server.baseUrl;
  const setup = await call<SetupResponse>(base, 'POST', '/api/v1/setup', {
    body: { ...(await setupRequest()), setupCode: server.setupCode ?? '' },
  });
  const staff = await call<StaffListResponse>(base, 'GET', `/api/v1/sites/${setup.siteId}/staff`, {
    token: setup.token,
  });
  const admin = staff.staff.find((s) => s.id === setup.adminStaffId);
  if (!admin) throw new Error('setup made no admin');
  const key = await proofKeyFor(TEST_PINS.other, admin.pinHash);
  const desk = { deviceId: setup.deviceId, staffId: setup.adminStaffId, key, token: setup.token };
  const tablets = await enrolTablets(base, desk, setup.siteId, perBuilding);
  if (buildings === 1) return tablets;
  const { code } = await call<{ code: string }>(base, 'POST', '/api/v1/enrolment-codes', {
    token: desk.token,
    body: { deviceKind: 'office' },
    actor: desk,
  });
  const office = await call<EnrolResponse>(base, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'Office' } });
  for (let b = 1; b < buildings; b++) {
    const { building } = await call<{ building: BuildingSummary }>(base, 'POST', '/api/v1/admin/buildings', {
      token: desk.token,
      body: { name: `Building ${b + 1}` },
      actor: desk,
    });
    const opened = await call<EnrolResponse & { staffId: string }>(
      base,
      'POST',
      `/api/v1/office/buildings/${building.siteId}/device`,
      { token: office.token, body: {}, actor: { deviceId: office.deviceId, staffId: desk.staffId, key } },
    );
    const there = { deviceId: opened.deviceId, staffId: opened.staffId, key, token: opened.token };
    tablets.push(...(await enrolTablets(base, there, building.siteId, perBuilding)));
  }
  return tablets;
}

interface Figures {
  push: { n: number; p50: number; p95: number; p99: number };
  pull: { n: number; p50: number; p95: number; p99: number };
  errors: number;
  /** The server process, % of one core. */
  cpuPercent: number;
  /** This load generator, % of one core (it shares the machine). */
  generatorCpuPercent: number;
  /** PostgreSQL's processes together, % of one core (0 on SQLite). */
  databaseCpuPercent: number;
  /** The whole machine's busy time, % of all its cores: near 100 the run measures the machine. */
  machineBusyPercent: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: s.length, p50: r(pct(s, 50)), p95: r(pct(s, 95)), p99: r(pct(s, 99)) };
};

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every process whose parent is `parentPid`, and of that process itself. */
function treeCpuSeconds(parentPid: number): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      if (Number(name) === parentPid || Number(fields[1]) === parentPid)
        total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}

/** The machine's busy and total jiffies so far (/proc/stat's first line). */
function machineTimes(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

async function runLoad(
  server: ServerProcess,
  tablets: Tablet[],
  speedup: number,
  databasePid: number | null,
): Promise<Figures> {
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  let errors = 0;
  /** The first few failures' messages, so a run with errors says what they were. */
  const failures = new Map<string, number>();
  const failed = (err: unknown) => {
    errors += 1;
    const what = (
      err instanceof Error ? `${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}` : String(err)
    )
      .replace(/\d+/g, 'N')
      .slice(0, 160);
    failures.set(what, (failures.get(what) ?? 0) + 1);
  };
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  // As the tablet's sync engine does: one pull and one push of a tablet at a time (a tick that
  // finds one running leaves it be), and a push that failed is sent again with what was written
  // since (the outbox), so the server answers `duplicate` for whatever it had applied.
  const doPull = async (t: Tablet) => {
    if (t.pulling) return;
    t.pulling = true;
    const start = performance.now();
    try {
      const page = await call<PullResponse>(server.baseUrl, 'GET', `/api/v1/sync/pull?cursor=${t.cursor}&limit=500`, {
        token: t.token,
      });
      t.cursor = page.cursor;
      pullMs.push(performance.now() - start);
    } catch (err) {
      failed(err);
    } finally {
      t.pulling = false;
    }
  };
  const doPush = async (t: Tablet) => {
    for (let k = 0; k < 1 + Math.floor(Math.random() * 3); k++) {
      const id = newId();
      t.counter += 1;
      const unsigned = {
        deviceId: t.deviceId,
        counter: t.counter,
        table: 'item' as const,
        rowId: id,
        kind: 'put' as const,
        fields: itemFields(t.siteId, id),
        baseVersion: {},
        hlc: formatHlc({ wallMs: Date.now(), counter: t.counter, node: t.deviceId }),
        deviceTime: Date.now(),
        actorStaffId: t.actor.staffId,
      };
      t.outbox.push({ ...unsigned, proof: signOp(t.actor.key, unsigned) });
    }
    if (t.pushing) return;
    t.pushing = true;
    const ops = t.outbox.slice(0, MAX_PUSH_OPS);
    const start = performance.now();
    try {
      const r = await call<PushResponse>(server.baseUrl, 'POST', '/api/v1/sync/push', {
        token: t.token,
        // As the app sends it (src/client/sync/push.ts): its clock, for the T1 offset.
        body: { deviceId: t.deviceId, schemaVersion: SCHEMA_VERSION, deviceNow: Date.now(), ops },
      });
      pushMs.push(performance.now() - start);
      t.outbox.splice(0, ops.length);
      const refused = r.results.filter((x) => x.status !== 'applied' && x.status !== 'duplicate');
      for (const x of refused) failed(new Error(`op refused: ${x.status} ${'code' in x ? String(x.code) : ''}`));
    } catch (err) {
      failed(err);
    } finally {
      t.pushing = false;
    }
  };
  const timers: NodeJS.Timeout[] = [];
  const every = (periodMs: number, fn: () => Promise<void>) => {
    const tick = () => {
      track(fn());
      timers.push(setTimeout(tick, periodMs * (0.8 + Math.random() * 0.4)));
    };
    timers.push(setTimeout(tick, Math.random() * periodMs));
  };
  const cpu0 = cpuSeconds(server.pid);
  const gen0 = process.cpuUsage();
  const db0 = databasePid === null ? 0 : treeCpuSeconds(databasePid);
  const machine0 = machineTimes();
  const t0 = performance.now();
  for (const t of tablets) {
    every(REAL.pullEveryMs / speedup, () => doPull(t));
    every(REAL.pushEveryMs / speedup, () => doPush(t));
  }
  await new Promise((r) => setTimeout(r, DURATION_MS));
  for (const t of timers) clearTimeout(t);
  await Promise.all([...inFlight]);
  const seconds = (performance.now() - t0) / 1000;
  for (const [what, n] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${n} x ${what}`);
  const percentOf = (cpuSecs: number) => Math.round((cpuSecs / seconds) * 100);
  const gen = process.cpuUsage(gen0);
  const machine1 = machineTimes();
  return {
    push: summary(pushMs),
    pull: summary(pullMs),
    errors,
    cpuPercent: percentOf(cpuSeconds(server.pid) - cpu0),
    generatorCpuPercent: percentOf((gen.user + gen.system) / 1e6),
    databaseCpuPercent: databasePid === null ? 0 : percentOf(treeCpuSeconds(databasePid) - db0),
    machineBusyPercent: Math.round(
      ((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * 100,
    ),
  };
}

export interface LoadResult {
  store: 'sqlite' | 'postgres';
  scenario: string;
  rate: 'real' | '10x';
  figures: Figures;
}

/** Every scenario at both rates on one store, each scenario on a fresh server and database. */
async function onStore(store: 'sqlite' | 'postgres', cluster: PgCluster | null): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (const s of SCENARIOS) {
    if (ONLY.scenario !== undefined && !s.name.startsWith(`${ONLY.scenario}:`)) continue;
    const dir = mkdtempSync(join(tmpdir(), `hd-load-${store}-`));
    const env: Record<string, string> = { ...BENCH_LIMITS };
    if (cluster) env['DATABASE_URL'] = (await createTestDatabase(cluster.url('postgres'))).url;
    const nodeArgs = CPU_PROF_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`];
    const server = await spawnServer(dir, 0, { env, nodeArgs });
    try {
      const tablets = await company(server, s.buildings, s.tablets);
      for (const [rate, speedup] of [
        ['real', 1],
        ['10x', 10],
      ] as const) {
        if (ONLY.rate !== undefined && rate !== ONLY.rate) continue;
        const figures = await runLoad(server, tablets, speedup, cluster ? postmasterPid(cluster) : null);
        out.push({ store, scenario: s.name, rate, figures });
        console.log(`${store} ${s.name} ${rate}: ${JSON.stringify(figures)}`);
        // What the server itself logged as going wrong.
        if (figures.errors > 0) {
          const logged = new Map<string, number>();
          for (const line of server.problems()) {
            const what = line.replace(/"(time|requestId|durationMs|at)":[^,}]*,?/g, '').slice(0, 300);
            if (what.trim()) logged.set(what, (logged.get(what) ?? 0) + 1);
          }
          for (const [what, n] of logged) console.log(`  server: ${n} x ${what}`);
        }
      }
    } finally {
      await server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/** The PostgreSQL server's own pid (the parent of every backend). */
function postmasterPid(cluster: PgCluster): number {
  return Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Both stores, side by side; prints a table and returns the figures for bench/results.json. */
export async function benchLoad(): Promise<LoadResult[]> {
  const cluster = await startCluster();
  try {
    // As in production: the test cluster runs without fsync, which would flatter PostgreSQL.
    execFileSync(
      join(postgresBinDir(), 'psql'),
      [cluster.url('postgres'), '-qc', 'ALTER SYSTEM SET fsync = on', '-c', 'SELECT pg_reload_conf()'],
      { stdio: 'ignore' },
    );
    const results = [
      ...(ONLY.store === undefined || ONLY.store === 'sqlite' ? await onStore('sqlite', null) : []),
      ...(ONLY.store === undefined || ONLY.store === 'postgres' ? await onStore('postgres', cluster) : []),
    ];
    printTable(results);
    return results;
  } finally {
    cluster.destroy();
  }
}

function printTable(results: LoadResult[]): void {
  const line = (cells: string[]) =>
    console.log(cells.map((c, i) => (i < 3 ? c.padEnd(i === 1 ? 36 : 9) : c.padStart(i < 5 ? 22 : 9))).join(' '));
  line([
    'store',
    'scenario',
    'rate',
    'push p50/p95/p99',
    'pull p50/p95/p99',
    'requests',
    'errors',
    'server',
    'database',
    'generator',
    'machine',
  ]);
  for (const r of results) {
    const f = r.figures;
    line([
      r.store,
      r.scenario,
      r.rate,
      `${f.push.p50}/${f.push.p95}/${f.push.p99} ms`,
      `${f.pull.p50}/${f.pull.p95}/${f.pull.p99} ms`,
      String(f.push.n + f.pull.n),
      String(f.errors),
      `${f.cpuPercent} %`,
      `${f.databaseCpuPercent} %`,
      `${f.generatorCpuPercent} %`,
      `${f.machineBusyPercent} %`,
    ]);
  }
  const find = (store: string, scenario: string, rate: string) =>
    results.find((r) => r.store === store && r.scenario.startsWith(scenario) && r.rate === rate)?.figures;
  const a = find('postgres', 'A', 'real');
  const b = find('postgres', 'B', '10x');
  console.log(`target: PostgreSQL push p99 <= 50 ms, A at the real rate: ${a ? `${a.push.p99} ms` : 'not run'}`);
  console.log(`target: PostgreSQL B at 10x with 0 errors: ${b ? `${b.errors} errors` : 'not run'}`);
  for (const scenario of ['A', 'B'])
    for (const rate of ['real', '10x']) {
      const s = find('sqlite', scenario, rate);
      const p = find('postgres', scenario, rate);
      if (s && p)
        console.log(
          `ratio PostgreSQL/SQLite ${scenario} ${rate}: push p99 ${(p.push.p99 / Math.max(0.1, s.push.p99)).toFixed(2)}, pull p99 ${(p.pull.p99 / Math.max(0.1, s.pull.p99)).toFixed(2)}, CPU ${(p.cpuPercent / Math.max(1, s.cpuPercent)).toFixed(2)}`,
        );
    }
}

if (process.argv[1]?.endsWith('load.ts')) {
  await benchLoad();
}
