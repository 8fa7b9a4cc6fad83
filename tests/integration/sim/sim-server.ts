/**
 * The real server process of the fault simulation (issue 9 §10): `node --import tsx
 * src/server/main.ts` on 127.0.0.1 with its SQLite file in a temp DATA_DIR, killed with SIGKILL
 * and restarted on the same port. A schema upgrade restarts it from a copy of the build whose
 * migrations directory holds one migration more (a harmless new table), as a new release would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setupCodeOf } from '../../support/server-log';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SimServer {
  port: number;
  baseUrl: string;
  /** The one-time setup code the server printed (issue 9 §7), when it printed one. */
  setupCode: string | null;
  /** The last lines of its output, for a failure message. */
  tail(): string;
  /** SIGKILL: no shutdown, no checkpoint; whatever was in flight is cut. */
  kill(): Promise<void>;
}

/**
 * Starts the server of the build at `root` (the repository, or an upgraded copy) on `dataDir`.
 * `port` 0 picks a free port; a restart passes the old one so the tablets' base URL stays.
 */
export async function startSimServer(dataDir: string, port = 0, root = REPO_ROOT): Promise<SimServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      // A restart names its HTTP port; HTTPS (unused here) takes any free one, never the default 8443.
      HTTPS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: join(dataDir, 'no-dist'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line.slice(0, 400));
    if (lines.length > 60) lines.shift();
  };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').forEach(remember));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let setupCode: string | null = null;

  const listening = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 60_000);
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
    baseUrl: `http://127.0.0.1:${listening}`,
    setupCode,
    tail: () => lines.join('\n'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The harmless migration of the simulated upgrade: a new table nobody reads yet. */
export const UPGRADE_TABLE = 'sim_upgrade_probe';

/**
 * A copy of the build (src, package.json, node_modules linked) whose migrations directory holds one
 * migration more than the repository's. Returns the copy's root, for `startSimServer`.
 */
export function upgradedBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'handover-sim-build-'));
  cpSync(join(REPO_ROOT, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const dir = join(root, 'src/server/store/migrations');
  const next = readdirSync(dir).filter((n) => n.endsWith('.sql')).length + 1;
  writeFileSync(
    join(dir, `${String(next).padStart(4, '0')}_sim_upgrade.sql`),
    `-- The simulation's upgrade (issue 9 §10): a new, empty table; nothing old changes.\nCREATE TABLE ${UPGRADE_TABLE} (id INTEGER PRIMARY KEY, note TEXT);\n`,
  );
  return root;
}
