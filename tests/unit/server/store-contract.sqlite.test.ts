/**
 * The Store contract suite (store-contract.ts) on the embedded SQLite store, and what only the
 * SQLite store does: one async mutex over its one connection, so a Store method called inside the
 * same store's own transaction would wait for itself; it throws instead (issue 10 §2).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readMigrationFiles } from '../../../src/server/store/migrations';
import { sqliteAppliedMigrations } from '../../../src/server/store/sqlite-inspect';
import { openSqliteStore, STORE_IN_TRANSACTION_MESSAGE } from '../../../src/server/store/sqlite-store';
import { openTestStore } from '../../support/test-store';
import { describeStoreContract } from './store-contract';

const FILE = 'handover-desk.sqlite';

describeStoreContract('SQLite', async () => {
  const opened = await openTestStore({ kind: 'sqlite', nowMs: 1, fileName: FILE });
  const file = join(opened.dir, FILE);
  return {
    store: opened.store,
    appliedMigrations: async () => sqliteAppliedMigrations(file).map((m) => m.name),
    shippedMigrations: () => readMigrationFiles().map((f) => f.name),
    async reopenWithChangedMigration() {
      await opened.store.close();
      const migrations = join(opened.dir, 'migrations');
      cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
      const first = join(migrations, '0001_init.sql');
      writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
      openSqliteStore(file, { nowMs: 2, migrationsDir: migrations });
    },
    openSecond: async () => openSqliteStore(file, { nowMs: 1 }),
    dispose: () => opened.dispose(),
  };
});

describe('SQLite store: the tx rule (issue 10 §2)', () => {
  it('a Store method called inside the same store’s transaction throws "inside a transaction use tx" instead of waiting forever', async () => {
    const { store, dispose } = await openTestStore({ kind: 'sqlite', nowMs: 1 });
    try {
      const outcome = await store.transaction('A', async () => {
        try {
          await store.getRow('A', 'item', 'x');
          return 'waited';
        } catch (err) {
          return (err as Error).message;
        }
      });
      expect(outcome).toBe(STORE_IN_TRANSACTION_MESSAGE);
      expect(outcome).toMatch(/inside a transaction use tx/);
      // A nested transaction of the same store is refused the same way.
      await expect(store.transaction('A', () => store.transaction('A', async () => 1))).rejects.toThrow(
        /inside a transaction use tx/,
      );
      // After the transaction the store's own methods work again.
      expect(await store.getRow('A', 'item', 'x')).toBeUndefined();
    } finally {
      await dispose();
    }
  });

  it('work started inside a transaction that outlives it (after the commit) may use the store', async () => {
    const { store, dispose } = await openTestStore({ kind: 'sqlite', nowMs: 1 });
    try {
      let later: Promise<unknown> | undefined;
      await store.transaction('A', async () => {
        // Fire-and-forget after the answer, as the escalation push does: it runs once this ended.
        later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => store.siteSequence('A'));
      });
      await expect(later).resolves.toBe(0);
    } finally {
      await dispose();
    }
  });

  it('two stores of two files: inside one store’s transaction the other store is free to use', async () => {
    const one = await openTestStore({ kind: 'sqlite', nowMs: 1 });
    const two = await openTestStore({ kind: 'sqlite', nowMs: 1 });
    try {
      const seq = await one.store.transaction('A', () => two.store.siteSequence('A'));
      expect(seq).toBe(0);
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });
});
