/**
 * Runs the real server (`node --import tsx src/server/main.ts`) as a child process, the way
 * `npm start` does, and finds its port from the JSON 'listening' line (server.md). The restore
 * test and the fault simulation (which kills it with SIGKILL and restarts it, perhaps from an
 * upgraded copy of the build) both start it here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../support/pg-cluster';
import { setupCodeOf } from '../support/server-log';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  port: number;
  /** The server's process id (the bench reads its CPU time). */
  pid: number;
  baseUrl: string;
  /** The last lines of stderr/stdout, for a failure message. */
  tail(): string;
  /** The last warnings and errors it logged (the request log would push them out of `tail`). */
  problems(): string[];
  /** Issue 9 §7: the one-time setup code the server logged at start (null once a building exists). */
  setupCode: string | null;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  /** The build to run: the repository, or an upgraded copy of it. */
  root?: string;
  /** How long it may take to listen before the start counts as failed. */
  startTimeoutMs?: number;
  /** More environment (LOG_LEVEL…). */
  env?: Record<string, string>;
  /** Options for node itself (the bench's `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

/**
 * Starts the server on `dataDir` at 127.0.0.1. `port` 0 picks a free port; a restart passes the old
 * one so the clients' base URL stays. HTTPS (unused here) always takes a free port, never the
 * default 8443 another server on the machine may hold.
 */
export async function spawnServer(dataDir: string, port = 0, opts: SpawnOptions = {}): Promise<ServerProcess> {
  const store = await storeEnv(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts'],
    {
      cwd: opts.root ?? REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HTTPS_PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DIST_DIR: join(dataDir, 'no-dist'),
        ...store,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let setupCode: string | null = null;
  const problems: string[] = [];
  const remember = (line: string) => {
    lines.push(line.slice(0, 400));
    if (lines.length > 60) lines.shift();
    if (line.startsWith('{"level":"warn"') || line.startsWith('{"level":"error"')) {
      problems.push(line.slice(0, 600));
      if (problems.length > 200) problems.shift();
    }
  };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').forEach(remember));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const listening = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${lines.join('\n')}`)),
      opts.startTimeoutMs ?? 30_000,
    );
    rl.on('line', (line) => {
      remember(line);
      setupCode = setupCodeOf(line) ?? setupCode;
      try {
        const msg = JSON.parse(line) as { msg?: string; port?: number };
        if (msg.msg === 'listening' && typeof msg.port === 'number') {
          clearTimeout(timer);
          resolve(msg.port);
        }
      } catch {
        // Not a JSON log line (the setup code is also printed plainly).
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`));
    });
  });

  return {
    port: listening,
    pid: child.pid ?? 0,
    baseUrl: `http://127.0.0.1:${listening}`,
    tail: () => lines.join('\n'),
    problems: () => [...problems],
    setupCode,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Where the data dir remembers the PostgreSQL database its server runs on (TEST_STORE=postgres). */
const DATABASE_URL_FILE = 'test-database-url';

/** The PostgreSQL database a data dir's server runs on (TEST_STORE=postgres), once it has started. */
export function dataDirDatabaseUrl(dataDir: string): string | undefined {
  const file = join(dataDir, DATABASE_URL_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Points a data dir's server at another database from its next start on (the fault simulation's
 * restore: "point DATABASE_URL at it", docs/postgresql.md "Backup and restore").
 */
export function pointDataDirAt(dataDir: string, databaseUrl: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, DATABASE_URL_FILE), databaseUrl);
}

/**
 * Issue 10 §5: with TEST_STORE=postgres the server runs on PostgreSQL: a fresh database of the run's
 * cluster for each data dir, the same one again when the server restarts on that data dir (the fault
 * simulation kills and restarts it). Otherwise nothing: SQLite under the data dir.
 */
async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  if (process.env['TEST_STORE'] !== 'postgres') return {};
  const known = dataDirDatabaseUrl(dataDir);
  if (known !== undefined) return { DATABASE_URL: known };
  const database = await createTestDatabase();
  pointDataDirAt(dataDir, database.url);
  return { DATABASE_URL: database.url };
}
