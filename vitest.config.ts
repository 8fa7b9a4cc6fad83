import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Issue 10: the run's throwaway PostgreSQL cluster, started by the first test that needs it. */
const PG_GLOBAL_SETUP = 'tests/support/pg-global-setup.ts';

export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machines, one worker, so
    // the whole suite ran file after file. Much of it waits on other processes (server processes,
    // PostgreSQL, Chromium), so two workers there; e2e stays one file at a time (its project).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: [PG_GLOBAL_SETUP],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: [PG_GLOBAL_SETUP],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      // Issue 10 §5: the server suite again on PostgreSQL (TEST_STORE=postgres: every store a test
      // opens is a PgStore on a fresh database of the run's throwaway cluster). Left out: the tests
      // of SQLite itself (its file, WAL, backup, its migration runner), which open SQLite whatever
      // TEST_STORE says and would only run twice, and the demo seed, a SQLite data dir.
      {
        extends: true,
        test: {
          name: 'unit-pg',
          include: ['tests/unit/server/**/*.test.ts'],
          exclude: [
            'tests/unit/server/backup-restore.test.ts',
            'tests/unit/server/corrupt-store.test.ts',
            'tests/unit/server/demo-seed.test.ts',
            'tests/unit/server/migration-0003.test.ts',
            'tests/unit/server/migration-0006.test.ts',
            'tests/unit/server/migrations.test.ts',
            // PostgreSQL's own restore: it runs in 'unit' already, on the run's cluster.
            'tests/unit/server/pg-restore.test.ts',
            // The move from SQLite to PostgreSQL: it runs in 'unit' already, on the run's cluster.
            'tests/unit/server/move-to-pg.test.ts',
            'tests/unit/server/store-contract.sqlite.test.ts',
            // PostgreSQL's own tests: they open PostgreSQL whatever TEST_STORE says and run in 'unit'.
            'tests/unit/server/migrations-pg.test.ts',
            'tests/unit/server/pg-store.test.ts',
            'tests/unit/server/pg-round-trips.test.ts',
            'tests/unit/server/server-process-pg.test.ts',
            'tests/unit/server/store-contract.pg.test.ts',
          ],
          environment: 'node',
          globalSetup: [PG_GLOBAL_SETUP],
          env: { TEST_STORE: 'postgres' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-pg',
          // The fuzz over every endpoint, and the fault simulation against a real server process on
          // PostgreSQL (kills mid-push, the schema upgrade, pg_dump and the restore step mid-run).
          include: ['tests/integration/fuzz/**/*.test.ts', 'tests/integration/sim/**/*.test.ts'],
          environment: 'node',
          globalSetup: [PG_GLOBAL_SETUP],
          env: { TEST_STORE: 'postgres' },
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
