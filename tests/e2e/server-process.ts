/**
 * Starts the real server (`node --import tsx src/server/main.ts`) as a child process on 127.0.0.1
 * with a fresh data directory, the way `npm start` runs it, and stops it with SIGTERM. Used by the
 * end-to-end tests and by `npm run bench`; kept free of Playwright so the bench needs no browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupCodeOf } from '../support/server-log';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerProcess {
  /** http://127.0.0.1:PORT — 127.0.0.1 is a secure origin, so service workers run without TLS. */
  readonly url: string;
  readonly port: number;
  /** Issue 9 §4: the HTTPS listener's port (HTTPS_PORT=0 picks a free one). */
  readonly httpsPort: number;
  readonly dataDir: string;
  /** Issue 9 §7: the one-time setup code the server logged at start; throws when it logged none. */
  setupCode(): string;
  /** The last log lines, for a useful failure message. */
  readonly logs: string[];
  /** SIGTERM, wait for a clean exit (SIGKILL after 10 s); removes the data dir unless kept. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Reuse a data directory (e.g. to restart on the same database); default: a new temp dir. */
  dataDir?: string;
  /** Keep the data directory on stop (the caller owns it). */
  keepDataDir?: boolean;
  distDir?: string;
  env?: Record<string, string>;
}

const MAX_LOG_LINES = 200;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Spawns the server and resolves once it prints its JSON `listening` line. */
export function startServerProcess(opts: StartServerOptions = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'handover-data-'));
  const removeDataDir = opts.dataDir === undefined && opts.keepDataDir !== true;
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/server/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: opts.distDir ?? join(REPO_ROOT, 'dist'),
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > MAX_LOG_LINES) logs.shift();
  };

  return new Promise<ServerProcess>((resolvePromise, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`server did not start: ${why}\n${logs.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);

    onLines(child, 'stderr', remember);
    onLines(child, 'stdout', (line) => {
      remember(line);
      if (settled) return;
      const port = listeningPort(line);
      if (port === null) return;
      const httpsPort = listeningHttpsPort(line);
      settled = true;
      clearTimeout(timer);
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        port,
        httpsPort,
        dataDir,
        logs,
        setupCode: () => setupCodeIn(logs),
        stop: () =>
          stopChild(child).finally(() => {
            if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
          }),
      });
    });
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

/** The port from the server's `{"msg":"listening","port":N}` log line, or null for other lines. */
export function listeningPort(line: string): number | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return parsed.msg === 'listening' && typeof parsed.port === 'number' ? parsed.port : null;
  } catch {
    return null;
  }
}

/** The HTTPS port of the `listening` line (issue 9 §4); 0 when the line has none. */
function listeningHttpsPort(line: string): number {
  const parsed = JSON.parse(line) as { httpsPort?: unknown };
  return typeof parsed.httpsPort === 'number' ? parsed.httpsPort : 0;
}

/** The setup code of the server's `{"msg":"setup code","setupCode":...}` log line. */
function setupCodeIn(logs: readonly string[]): string {
  for (const line of logs) {
    const code = setupCodeOf(line);
    if (code !== null) return code;
  }
  throw new Error('the server logged no setup code (a building exists, or it predates issue 9 §7)');
}

function onLines(child: ChildProcess, stream: 'stdout' | 'stderr', fn: (line: string) => void): void {
  let buffer = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (data: string) => {
    buffer += data;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      fn(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
