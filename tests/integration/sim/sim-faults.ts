/**
 * The server-side faults of the fault simulation (issue 9 §10), on the real process and file: a
 * SIGKILL timed to land while a push is in flight, a restart on a build with one migration more,
 * and a restore from a backup taken earlier in the run (`backupDatabase`, `restoreDatabase`: the
 * same code as `npm run backup` and `npm run restore`).
 */
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../../src/server/main';
import { backupDatabase } from '../../../src/server/store/backup';
import { sqliteFileDeviceCounter } from '../../../src/server/store/sqlite-inspect';
import { restoreDatabase } from '../../../src/server/store/restore';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';
import { REPO_ROOT, startSimServer, upgradedBuild, type SimServer } from './sim-server';

/** The server process of the run, restartable on the same port, data directory and build. */
export class ServerHandle {
  server: SimServer | null = null;
  port = 0;
  root = REPO_ROOT;

  constructor(readonly dataDir: string) {}

  get dbFile(): string {
    return join(this.dataDir, DB_FILE_NAME);
  }

  get migrationsDir(): string {
    return join(this.root, 'src/server/store/migrations');
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<SimServer> {
    this.server = await startSimServer(this.dataDir, this.port, this.root);
    this.port = this.server.port;
    return this.server;
  }

  async kill(): Promise<void> {
    await this.server?.kill();
    this.server = null;
  }

  /** Issue 9 §10: the schema upgrade, a restart on a build with one migration more. */
  async upgrade(): Promise<void> {
    await this.kill();
    this.root = upgradedBuild();
    await this.start();
  }

  /** The device's last counter as committed in the file (read beside the live server, WAL). */
  lastCounter(deviceId: string): number {
    return sqliteFileDeviceCounter(this.dbFile, deviceId);
  }

  /** The store, opened in this process (the server stopped) for the final checks. */
  openStore(): SqliteStore {
    return openSqliteStore(this.dbFile, { nowMs: Date.now(), migrationsDir: this.migrationsDir });
  }

  /** A consistent online backup of the live database (issue 9 §2), beside the running server. */
  async backup(file: string): Promise<void> {
    const store = this.openStore();
    try {
      await backupDatabase(store, file);
    } finally {
      await store.close();
    }
  }

  /** Issue 9 §10: the server stops, its database is restored from `file`, and it starts again. */
  async restore(file: string): Promise<void> {
    await this.kill();
    restoreDatabase({ dataDir: this.dataDir, backupFile: file, nowMs: Date.now() });
    await this.start();
  }
}
