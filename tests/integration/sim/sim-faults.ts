/**
 * The server-side faults of the fault simulation (issue 9 §10), on the real process and store: a
 * SIGKILL timed to land while a push is in flight, a restart on a build with one migration more,
 * and a restore from a backup taken earlier in the run. On SQLite (here) the backup and restore are
 * `backupDatabase` and `restoreDatabase`, the same code as `npm run backup` and `npm run restore`;
 * on PostgreSQL (TEST_STORE=postgres, issue 10 §5) see sim-faults-pg.ts.
 */
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../../src/server/main';
import { backupDatabase } from '../../../src/server/store/backup';
import { sqliteFileDeviceCounter } from '../../../src/server/store/sqlite-inspect';
import { restoreDatabase } from '../../../src/server/store/restore';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';
import { inspectSqlite, testStoreKind } from '../../support/test-store';
import { ServerHandle, type OpenedStore } from './sim-handle';
import { PgServerHandle } from './sim-faults-pg';

export { ServerHandle };

/** The run's server on the store TEST_STORE names (issue 10 §5: the simulation runs on both). */
export function serverHandle(dataDir: string): ServerHandle {
  return testStoreKind() === 'postgres' ? new PgServerHandle(dataDir) : new SqliteServerHandle(dataDir);
}

/** The server on its SQLite file in the data directory. */
export class SqliteServerHandle extends ServerHandle {
  get dbFile(): string {
    return join(this.dataDir, DB_FILE_NAME);
  }

  private openSqlite(): SqliteStore {
    return openSqliteStore(this.dbFile, {
      nowMs: Date.now(),
      migrationsDir: join(this.root, 'src/server/store/migrations'),
    });
  }

  /** Read from the file beside the live server (WAL: what is committed). */
  lastCounter(deviceId: string): Promise<number> {
    return Promise.resolve(sqliteFileDeviceCounter(this.dbFile, deviceId));
  }

  openStore(): Promise<OpenedStore> {
    const store = this.openSqlite();
    return Promise.resolve({ store, inspect: inspectSqlite(store) });
  }

  /** Issue 9 §2: the online backup API, beside the running server. */
  async backup(file: string): Promise<void> {
    const store = this.openSqlite();
    try {
      await backupDatabase(store, file);
    } finally {
      await store.close();
    }
  }

  async restore(file: string): Promise<void> {
    await this.kill();
    restoreDatabase({ dataDir: this.dataDir, backupFile: file, nowMs: Date.now() });
    await this.start();
  }
}
