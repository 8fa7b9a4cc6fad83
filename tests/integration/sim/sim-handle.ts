/**
 * The server process of a fault simulation run (issue 9 §10), whatever store it runs on: started,
 * killed with SIGKILL and restarted on the same port and data directory, perhaps from an upgraded
 * build. What touches the store itself (the committed device counter, the final checks' store, the
 * backup and the restore) is the store's own: sim-faults.ts (SQLite) and sim-faults-pg.ts (PostgreSQL).
 */
import type { Store } from '../../../src/server/store/store';
import type { StoreInspect } from '../../support/test-store';
import { REPO_ROOT, startSimServer, upgradedBuild, type SimServer } from './sim-server';

/** The server's store, opened in the test process (the server stopped) for the final checks. */
export interface OpenedStore {
  store: Store;
  inspect: StoreInspect;
}

export abstract class ServerHandle {
  server: SimServer | null = null;
  port = 0;
  /** The build the server runs: the repository, then the upgraded copy. */
  root = REPO_ROOT;

  constructor(readonly dataDir: string) {}

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

  /** The device's last counter as committed in the store (read beside the live server). */
  abstract lastCounter(deviceId: string): Promise<number>;

  /** The store with the migrations of the build the server runs, opened in this process (the server stopped). */
  abstract openStore(): Promise<OpenedStore>;

  /** A consistent online backup of the live database into `file`, beside the running server. */
  abstract backup(file: string): Promise<void>;

  /** Issue 9 §10: the server stops, its database is restored from `file`, and it starts again. */
  abstract restore(file: string): Promise<void>;
}
