/**
 * Issue 10 §5: the fault simulation's server on PostgreSQL (TEST_STORE=postgres): the process runs
 * with DATABASE_URL on a fresh database of the run's cluster (tests/integration/server-process.ts),
 * the committed counter is read on a connection of its own, and the backup and restore are the
 * documented ones (docs/postgresql.md "Backup and restore"): `pg_dump -Fc` of the live database
 * while the server runs; then, the server stopped, `pg_restore` into a new database, the restore
 * step (`finishPgRestore`, what `npm run restore -- --database-url … --live …` runs), and the server
 * pointed at the restored database.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pgDatabaseDeviceCounter } from '../../../src/server/store/pg-inspect';
import { finishPgRestore } from '../../../src/server/store/pg-restore';
import { openPgStore } from '../../../src/server/store/pg-store';
import { createTestDatabase, postgresBinDir } from '../../support/pg-cluster';
import { pgInspect } from '../../support/test-store';
import { dataDirDatabaseUrl, pointDataDirAt } from '../server-process';
import { ServerHandle, type OpenedStore } from './sim-handle';

/** pg_dump or pg_restore of the cluster's version (as tests/unit/server/pg-restore.test.ts runs them). */
function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): void {
  try {
    execFileSync(join(postgresBinDir(), tool), args, { stdio: 'pipe', timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`${tool} failed: ${e.stderr?.toString() || e.message}`);
  }
}

export class PgServerHandle extends ServerHandle {
  /** The database the server runs on now (set at its first start; another one after a restore). */
  get databaseUrl(): string {
    const url = dataDirDatabaseUrl(this.dataDir);
    if (url === undefined) throw new Error('the server has not started on PostgreSQL yet');
    return url;
  }

  lastCounter(deviceId: string): Promise<number> {
    return pgDatabaseDeviceCounter(this.databaseUrl, deviceId);
  }

  async openStore(): Promise<OpenedStore> {
    const store = await openPgStore({
      connectionString: this.databaseUrl,
      nowMs: Date.now(),
      migrationsDir: join(this.root, 'src/server/store/migrations-pg'),
      max: 4,
    });
    return { store, inspect: pgInspect(store) };
  }

  /** A dump is one consistent snapshot, taken while the server serves (docs/postgresql.md). */
  backup(file: string): Promise<void> {
    pgTool('pg_dump', ['-Fc', '--no-owner', '-f', file, this.databaseUrl]);
    return Promise.resolve();
  }

  async restore(file: string): Promise<void> {
    await this.kill();
    const live = this.databaseUrl;
    const restored = await createTestDatabase();
    pgTool('pg_restore', ['--no-owner', '--exit-on-error', '-d', restored.url, file]);
    // A new generation (tablets resync and resend what the dump lacks), devices and keys made since carried.
    await finishPgRestore({ restoredUrl: restored.url, liveUrl: live, nowMs: Date.now() });
    pointDataDirAt(this.dataDir, restored.url);
    await this.start();
  }
}
