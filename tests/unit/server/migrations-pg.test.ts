/**
 * Issue 10 §3: PostgreSQL applies the same numbered migrations as SQLite, in its own dialect
 * (src/server/store/migrations-pg/), recorded and refused by the same rules. Real PostgreSQL: the
 * run's throwaway cluster (tests/support/pg-cluster.ts), a fresh database per test.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationMismatchError, readMigrationFiles } from '../../../src/server/store/migrations';
import { migratePg, PG_MIGRATIONS_DIR, readPgMigrationFiles } from '../../../src/server/store/pg-migrations';
import {
  appliedPgMigrations,
  pgRelationExists,
  pgTableKeys,
  recordForeignPgMigration,
  setPgMigrationChecksum,
} from '../../../src/server/store/pg-inspect';
import { openPgPool } from '../../../src/server/store/pg-pool';
import { createTestDatabase, type TestDatabase } from '../../support/pg-cluster';

describe('the two migration folders', () => {
  it('hold exactly the same numbered names, SQLite and PostgreSQL', () => {
    const names = (dir: string) =>
      readdirSync(dir)
        .filter((n) => n.endsWith('.sql'))
        .sort();
    expect(names(PG_MIGRATIONS_DIR)).toEqual(names(MIGRATIONS_DIR));
    expect(readPgMigrationFiles().map((f) => f.name)).toEqual(readMigrationFiles().map((f) => f.name));
    expect(names(MIGRATIONS_DIR).length).toBeGreaterThanOrEqual(7);
  });
});

describe('PostgreSQL migrations: numbered files recorded in __migrations__', () => {
  let db: TestDatabase;
  let pool: ReturnType<typeof openPgPool>;
  let dir: string;
  beforeEach(async () => {
    db = await createTestDatabase();
    pool = openPgPool({ connectionString: db.url, max: 2 });
    dir = mkdtempSync(join(tmpdir(), 'hd-pgmig-'));
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh database gets every file applied with its sha256, and a second run applies nothing', async () => {
    const files = readPgMigrationFiles();
    expect(await migratePg(pool, files, 1)).toEqual(files.map((f) => f.name));
    expect(await appliedPgMigrations(db.url)).toEqual(
      files.map((f) => ({ id: f.id, name: f.name, checksum: f.checksum, applied_at: 1 })),
    );
    expect(await migratePg(pool, files, 2)).toEqual([]);
  });

  it('two runners at once (two server processes starting) apply each file once', async () => {
    const files = readPgMigrationFiles();
    const other = openPgPool({ connectionString: db.url, max: 2 });
    try {
      const [a, b] = await Promise.all([migratePg(pool, files, 1), migratePg(other, files, 1)]);
      expect([...a, ...b].sort()).toEqual(files.map((f) => f.name).sort());
    } finally {
      await other.end();
    }
  });

  it('refuses a tampered checksum and a migration this build does not know (MigrationMismatchError)', async () => {
    const files = readPgMigrationFiles();
    await migratePg(pool, files, 1);
    await setPgMigrationChecksum(db.url, 1, 'tampered');
    await expect(migratePg(pool, files, 2)).rejects.toThrow(MigrationMismatchError);
    await expect(migratePg(pool, files, 2)).rejects.toThrow(/changed after it was applied/);
    await setPgMigrationChecksum(db.url, 1, files[0]?.checksum ?? '');
    await recordForeignPgMigration(db.url, 99, '0099_future.sql');
    await expect(migratePg(pool, files, 2)).rejects.toThrow(/gap|does not know/);
  });

  it('refuses a shipped file edited after it was applied', async () => {
    cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true });
    await migratePg(pool, readPgMigrationFiles(dir), 1);
    const first = join(dir, '0001_init.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
    await expect(migratePg(pool, readPgMigrationFiles(dir), 2)).rejects.toThrow(/changed after it was applied/);
  });

  it('a migration that fails leaves the database as it was (issue 10, bad input)', async () => {
    cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true });
    await migratePg(pool, readPgMigrationFiles(dir), 1);
    const next = String(readPgMigrationFiles(dir).length + 1).padStart(4, '0');
    // Its first statement succeeds, its second fails: neither may stay.
    writeFileSync(
      join(dir, `${next}_broken.sql`),
      'CREATE TABLE half_done (id TEXT PRIMARY KEY);\nALTER TABLE rows ADD COLUMN nope NO_SUCH_TYPE;',
    );
    await expect(migratePg(pool, readPgMigrationFiles(dir), 2)).rejects.toThrow(
      /_broken\.sql failed and was rolled back/,
    );
    expect(await pgRelationExists(db.url, 'half_done')).toBe(false);
    expect((await appliedPgMigrations(db.url)).length).toBe(readMigrationFiles().length);
  });

  it('every per-building table has a primary key led by the building id (issue 10 §8: the shard key)', async () => {
    await migratePg(pool, readPgMigrationFiles(), 1);
    const tables = await pgTableKeys(db.url);
    const firstOf = new Map(tables.map((t) => [t.table, t.firstKey]));
    // Looked up before the building is known (a push endpoint, an enrolment code): keyed on their own.
    const globalLookups = new Set(['push_subscriptions', 'enrolment_codes']);
    const perBuilding = tables.filter((t) => t.hasSite && !globalLookups.has(t.table)).map((t) => t.table);
    expect(perBuilding.sort()).toEqual([
      'admin_actions',
      'archives',
      'chain',
      'devices',
      'locks',
      'photos',
      'rows',
      'search_rows',
      'site_seq',
      'staff_keys',
    ]);
    for (const table of perBuilding) expect([table, firstOf.get(table)]).toEqual([table, 'site_id']);
  });
});
