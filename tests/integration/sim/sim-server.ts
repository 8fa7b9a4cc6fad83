/**
 * The real server process of the fault simulation (issue 9 §10): `node --import tsx
 * src/server/main.ts` on 127.0.0.1 with a temp DATA_DIR (its SQLite file, or with TEST_STORE=postgres
 * the name of its PostgreSQL database: server-process.ts), killed with SIGKILL
 * and restarted on the same port. A schema upgrade restarts it from a copy of the build whose
 * migrations directory holds one migration more (a harmless new table), as a new release would.
 */
import { cpSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, spawnServer } from '../server-process';

export { REPO_ROOT };

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
  const s = await spawnServer(dataDir, port, { root, startTimeoutMs: 60_000, env: { LOG_LEVEL: 'info' } });
  return { ...s, kill: () => s.kill('SIGKILL') };
}

/** The harmless migration of the simulated upgrade: a new table nobody reads yet. */
export const UPGRADE_TABLE = 'sim_upgrade_probe';

/**
 * A copy of the build (src, package.json, node_modules linked) whose migrations directories (SQLite's
 * and PostgreSQL's) hold one migration more than the repository's. Returns the copy's root, for `startSimServer`.
 */
export function upgradedBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'handover-sim-build-'));
  cpSync(join(REPO_ROOT, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  // The same numbered file in both dialects' folders (issue 10 §3): valid SQL for SQLite and PostgreSQL.
  for (const folder of ['migrations', 'migrations-pg']) {
    const dir = join(root, 'src/server/store', folder);
    const next = readdirSync(dir).filter((n) => n.endsWith('.sql')).length + 1;
    writeFileSync(
      join(dir, `${String(next).padStart(4, '0')}_sim_upgrade.sql`),
      `-- The simulation's upgrade (issue 9 §10): a new, empty table; nothing old changes.\nCREATE TABLE ${UPGRADE_TABLE} (id INTEGER PRIMARY KEY, note TEXT);\n`,
    );
  }
  return root;
}
