/**
 * The Store contract suite (store-contract.ts) on the PostgreSQL store (issue 10 §3), each test on a
 * fresh database of the run's throwaway cluster (tests/support/pg-cluster.ts), whatever TEST_STORE
 * says: this file is about PostgreSQL. What only the PostgreSQL store has to prove (search against
 * SQLite, two pools on one building, restarts, timeouts) is in pg-store.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncTable } from '../../../src/domain/entities';
import { appliedPgMigrations } from '../../../src/server/store/pg-inspect';
import { PG_MIGRATIONS_DIR, readPgMigrationFiles } from '../../../src/server/store/pg-migrations';
import { openPgStore } from '../../../src/server/store/pg-store';
import type { RowWrite } from '../../../src/server/store/store';
import { openPgTestStore } from '../../support/pg-cluster';
import { describeStoreContract } from './store-contract';

describeStoreContract('PostgreSQL', async () => {
  const opened = await openPgTestStore({ nowMs: 1 });
  const url = opened.database.url;
  const dirs: string[] = [];
  return {
    store: opened.store,
    appliedMigrations: async () => (await appliedPgMigrations(url)).map((m) => m.name),
    shippedMigrations: () => readPgMigrationFiles().map((f) => f.name),
    async reopenWithChangedMigration() {
      await opened.store.close();
      const migrations = mkdtempSync(join(tmpdir(), 'hd-pgmig-'));
      dirs.push(migrations);
      cpSync(PG_MIGRATIONS_DIR, migrations, { recursive: true });
      const first = join(migrations, '0001_init.sql');
      writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
      const reopened = await openPgStore({ connectionString: url, nowMs: 2, migrationsDir: migrations });
      // Not reached when the open is refused, as it must be; closed if it ever is.
      await reopened.close();
    },
    openSecond: () => openPgStore({ connectionString: url, nowMs: 1 }),
    async dispose() {
      await opened.dispose();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
});

describe('PostgreSQL store: connections of its own', () => {
  it('a Store read inside a transaction runs on another pooled connection and sees committed data only', async () => {
    const { store, dispose } = await openPgTestStore({ nowMs: 1 });
    const row = { id: 'i1', siteId: 'A', label: 'radio', updatedAt: 'h', deleted: false };
    const radio: RowWrite<SyncTable> = {
      siteId: 'A',
      table: 'item',
      id: 'i1',
      row,
      versions: { label: 1 },
      updatedHlc: 'h',
      deleted: false,
    };
    try {
      const seen = await store.transaction('A', async (tx) => {
        await tx.writeRow(radio);
        return { inside: await tx.siteSequence('A'), outside: await store.siteSequence('A') };
      });
      expect(seen).toEqual({ inside: 1, outside: 0 });
      expect(await store.siteSequence('A')).toBe(1);
    } finally {
      await dispose();
    }
  });
});
