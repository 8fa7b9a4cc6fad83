/**
 * Vitest global setup: a directory for this run's shared PostgreSQL cluster (tests/support/pg-cluster.ts).
 * Nothing is started here: the first test that needs PostgreSQL starts the cluster, so a run with
 * no PostgreSQL test costs nothing. At the end of the run the cluster, if any, is stopped and removed.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_DIR_ENV, destroySharedCluster } from './pg-cluster';

export default function setup(): () => void {
  if (process.env['TEST_DATABASE_URL'] || process.env[CLUSTER_DIR_ENV]) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'hd-pgrun-'));
  // The cluster inside it may belong to the `postgres` user (initdb refuses root): let it through.
  chmodSync(dir, 0o711);
  process.env[CLUSTER_DIR_ENV] = dir;
  return () => {
    destroySharedCluster(dir);
    delete process.env[CLUSTER_DIR_ENV];
  };
}
