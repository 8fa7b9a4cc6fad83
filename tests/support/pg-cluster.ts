/**
 * A throwaway PostgreSQL for tests (issue 10 §3, §5). With `TEST_DATABASE_URL` set (CI's own
 * cluster), every test file gets a fresh database on it. Otherwise one cluster is started per test
 * run, lazily, by the first test that needs it: initdb into a temp dir (trust on the unix socket and
 * 127.0.0.1 only), `pg_ctl` on a free loopback port; `tests/support/pg-global-setup.ts` stops and
 * removes it when the run ends. Each test file then creates its own database (`t_<random>`).
 *
 * PostgreSQL's binaries are found under `PG_BIN`, else the newest /usr/lib/postgresql/<n>/bin. When
 * they are missing the test fails and says how to get them: a PostgreSQL test is never skipped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase } from '../../src/server/store/pg-inspect';
import { openPgStore, type PgStore } from '../../src/server/store/pg-store';

/** The env var naming the shared cluster's directory for this run (set by the global setup). */
export const CLUSTER_DIR_ENV = 'HD_TEST_PG_CLUSTER_DIR';

export class PostgresMissingError extends Error {
  constructor(detail: string) {
    super(
      `PostgreSQL is needed by this test but ${detail}. Install it (Debian: apt-get install postgresql), ` +
        'point PG_BIN at its bin directory, or set TEST_DATABASE_URL to a server the tests may create databases on.',
    );
    this.name = 'PostgresMissingError';
  }
}

/** The directory holding initdb, pg_ctl and postgres. */
export function postgresBinDir(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new PostgresMissingError(`PG_BIN=${fromEnv} holds no initdb`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) throw new PostgresMissingError(`no initdb was found under ${root}/<version>/bin`);
  return join(root, newest, 'bin');
}

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` user. */
function asClusterOwner(bin: string, args: string[]): string[] {
  if (process.getuid?.() !== 0) return [bin, ...args];
  return ['runuser', '-u', 'postgres', '--', bin, ...args];
}

function run(command: string[], what: string): void {
  const [file, ...args] = command;
  if (!file) throw new Error('empty command');
  try {
    execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`${what} failed: ${e.stderr?.toString() || e.stdout?.toString() || e.message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One running cluster: the superuser's URL of its `postgres` database, and how to stop it. */
export interface PgCluster {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** pg_ctl restart (fast): every open connection is cut. */
  restart(): void;
  stop(): void;
  /** Stop it and delete its directory. */
  destroy(): void;
}

function clusterAt(dir: string, port: number): PgCluster {
  const bin = postgresBinDir();
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const ctl = (args: string[], what: string) => run(asClusterOwner(join(bin, 'pg_ctl'), ['-D', data, ...args]), what);
  const startArgs = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', log, '-w', '-t', '60'];
  return {
    dir,
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: () => ctl(['restart', '-m', 'fast', ...startArgs], 'pg_ctl restart'),
    stop: () => {
      if (existsSync(join(data, 'postmaster.pid'))) ctl(['stop', '-m', 'fast', '-w'], 'pg_ctl stop');
    },
    destroy() {
      this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Start a new cluster in `dir` (created when missing): initdb, then pg_ctl on a free port. The
 * port is written to `<dir>/port` so other test workers of the run can find it.
 */
export async function startCluster(dir = mkdtempSync(join(tmpdir(), 'hd-pg-'))): Promise<PgCluster> {
  const bin = postgresBinDir();
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  run(
    asClusterOwner(join(bin, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]),
    'initdb',
  );
  // Tests only: no fsync, so a test run does not wait on the disk other engineers share.
  writeFileSync(
    join(dir, 'data', 'postgresql.conf'),
    'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\n',
    { flag: 'a' },
  );
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const cluster = clusterAt(dir, port);
    try {
      run(
        asClusterOwner(join(bin, 'pg_ctl'), [
          '-D',
          join(dir, 'data'),
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
          '-l',
          join(dir, 'server.log'),
          '-w',
          '-t',
          '60',
          'start',
        ]),
        'pg_ctl start',
      );
      writeFileSync(join(dir, 'port'), String(port));
      return cluster;
    } catch (err) {
      // Another process took the port between the probe and the start: try another one.
      if (attempt >= 3) throw err;
    }
  }
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);

let shared: Promise<string> | null = null;

/**
 * The admin URL (database `postgres`) of this run's shared server: `TEST_DATABASE_URL`, else the
 * cluster under `HD_TEST_PG_CLUSTER_DIR`, started by whichever worker asks first (a lock file keeps
 * the other workers waiting for it).
 */
export function sharedAdminUrl(): Promise<string> {
  shared ??= resolveShared();
  return shared;
}

async function resolveShared(): Promise<string> {
  const external = process.env['TEST_DATABASE_URL'];
  if (external) return external;
  postgresBinDir(); // fail first, clearly, when PostgreSQL is missing
  const dir = process.env[CLUSTER_DIR_ENV];
  if (!dir) {
    throw new Error(
      `${CLUSTER_DIR_ENV} is not set: run the tests through vitest (tests/support/pg-global-setup.ts), ` +
        'or set TEST_DATABASE_URL',
    );
  }
  const lock = join(dir, 'starting.lock');
  const portFile = join(dir, 'port');
  for (let waited = 0; ; waited += 100) {
    if (existsSync(portFile)) return clusterAt(dir, Number(readFileSync(portFile, 'utf8'))).url('postgres');
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      if (waited > 180_000) throw new Error(`the shared test cluster in ${dir} did not start within 3 minutes`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const cluster = await startCluster(join(dir, 'cluster'));
    writeFileSync(portFile, String(cluster.port));
    return cluster.url('postgres');
  }
}

/** A database of its own for one test file (or one test). */
export interface TestDatabase {
  url: string;
  name: string;
  /** Drop it (every connection to it must be closed first). */
  drop(): Promise<void>;
}

/** Create a fresh, empty database `t_<random>` on this run's server. */
export async function createTestDatabase(adminUrl?: string): Promise<TestDatabase> {
  const admin = adminUrl ?? (await sharedAdminUrl());
  const name = `t_${randomBytes(8).toString('hex')}`;
  await createDatabase(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => dropDatabase(admin, name),
  };
}

/** The global setup's part: stop and remove the shared cluster of `dir`, if one was started. */
export function destroySharedCluster(dir: string): void {
  const clusterDir = join(dir, 'cluster');
  if (existsSync(join(dir, 'port')) && existsSync(clusterDir)) {
    clusterAt(clusterDir, Number(readFileSync(join(dir, 'port'), 'utf8'))).stop();
  }
  rmSync(dir, { recursive: true, force: true });
}

/** A PgStore on a fresh database of this run's server; `dispose` closes it and drops the database. */
export async function openPgTestStore(
  opts: { nowMs?: number; adminUrl?: string; max?: number } = {},
): Promise<{ store: PgStore; database: TestDatabase; dispose(): Promise<void> }> {
  const database = await createTestDatabase(opts.adminUrl);
  const store = await openPgStore({
    connectionString: database.url,
    nowMs: opts.nowMs ?? Date.UTC(2026, 0, 15, 2),
    max: opts.max ?? 4,
  });
  return {
    store,
    database,
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
}
