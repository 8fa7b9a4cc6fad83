import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src/server/main';
import { MIGRATIONS_DIR, MigrationMismatchError, readMigrationFiles } from '../../../src/server/store/migrations';
import { sqliteAppliedMigrations, sqliteFileHasTable, sqliteHasTable } from '../../../src/server/store/sqlite-inspect';
import { createLegacyDatabase } from '../../../src/server/store/sqlite-legacy';
import { tamperAddMigrationRecord, tamperMigrationChecksum } from '../../../src/server/store/sqlite-tamper';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { REPO_ROOT } from './helpers-process';
import { storedRow } from './helpers';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-migrate-'));
  file = join(dir, DB_FILE_NAME);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Open and close the store once (the migrations run at open). */
const openAndClose = (opts: { nowMs: number; migrationsDir?: string }) => openSqliteStore(file, opts).close();

describe('migrations: numbered files recorded in __migrations__', () => {
  it('a fresh database gets every file applied with its sha256, and reopening applies nothing', async () => {
    await openAndClose({ nowMs: 1 });
    const files = readMigrationFiles();
    const applied = sqliteAppliedMigrations(file);
    expect(applied).toEqual(files.map((f) => ({ id: f.id, name: f.name, checksum: f.checksum, appliedAt: 1 })));
    await openAndClose({ nowMs: 2 });
  });

  it('refuses to open when an applied checksum was tampered with (MigrationMismatchError)', async () => {
    await openAndClose({ nowMs: 1 });
    tamperMigrationChecksum(file, 1, 'tampered');
    expect(() => openSqliteStore(file, { nowMs: 2 })).toThrow(MigrationMismatchError);
  });

  it('refuses to open when the database has a migration this build does not know', async () => {
    await openAndClose({ nowMs: 1 });
    tamperAddMigrationRecord(file, 99, '0099_future.sql');
    expect(() => openSqliteStore(file, { nowMs: 2 })).toThrow(/gap|does not know/);
  });

  it('refuses to open when a shipped migration file was edited after it was applied', async () => {
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    await openAndClose({ nowMs: 1, migrationsDir: migrations });
    const first = join(migrations, '0001_init.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
    expect(() => openSqliteStore(file, { nowMs: 2, migrationsDir: migrations })).toThrow(
      /changed after it was applied/,
    );
  });

  it('applies a new numbered file on the next open, in a transaction', async () => {
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    await openAndClose({ nowMs: 1, migrationsDir: migrations });
    const next = String(readMigrationFiles(migrations).length + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_add_note.sql`), 'CREATE TABLE note (id TEXT PRIMARY KEY);');
    const store = openSqliteStore(file, { nowMs: 2, migrationsDir: migrations });
    expect(sqliteHasTable(store, 'note')).toBe(true);
    await store.close();
  });

  it('the server process refuses to start on a migration mismatch: exits with code 1 and says why', async () => {
    await openAndClose({ nowMs: 1 });
    tamperMigrationChecksum(file, 1, 'tampered');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l['level'] === 'error' && String(l['msg']).includes('refusing to start'))).toBe(true);
    expect(lines.some((l) => l['msg'] === 'listening')).toBe(false);
  });
});

describe('migration 0002_handover (locks, chain, photos)', () => {
  it('applies on a database created at 0001, keeping its rows, and the store then uses the new tables', async () => {
    const only0001 = join(dir, 'migrations-0001');
    mkdirSync(only0001);
    copyFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), join(only0001, '0001_init.sql'));
    // The database as the previous build left it: only 0001 applied, with a row in it.
    createLegacyDatabase(file, only0001, 1, {
      rows: [{ siteId: 's1', table: 'item', id: 'i1', data: { id: 'i1' }, seq: 1 }],
    });
    expect(sqliteFileHasTable(file, 'locks')).toBe(false);

    const store = openSqliteStore(file, { nowMs: 2 });
    const applied = sqliteAppliedMigrations(file).map((m) => ({ name: m.name, applied_at: m.appliedAt }));
    // 0001 stays as the previous build applied it; 0002 and every later file are applied now.
    expect(applied).toEqual(readMigrationFiles().map((f) => ({ name: f.name, applied_at: f.id === 1 ? 1 : 2 })));
    expect(applied.slice(0, 2)).toEqual([
      { name: '0001_init.sql', applied_at: 1 },
      { name: '0002_handover.sql', applied_at: 2 },
    ]);
    expect((await storedRow(store, 'item', 'i1'))?.row).toEqual({ id: 'i1' });
    await store.transaction('s1', async (tx) => {
      await tx.lockRow({ siteId: 's1', table: 'duty', id: 'd1', recordId: 'r1' });
      await tx.addChainLink('s1', 'f'.repeat(64), 'r1');
    });
    expect(await store.getLock('s1', 'duty', 'd1')).toEqual({ siteId: 's1', table: 'duty', id: 'd1', recordId: 'r1' });
    expect(await store.getChainRecordId('s1', 'f'.repeat(64))).toBe('r1');
    const photo = {
      siteId: 's1',
      sha256: 'e'.repeat(64),
      mime: 'image/png',
      bytes: 3,
      data: new Uint8Array([1, 2, 3]),
      createdAt: 2,
    };
    expect(await store.transaction('s1', (tx) => tx.putPhoto(photo))).toBe('created');
    expect(await store.transaction('s1', (tx) => tx.putPhoto({ ...photo, mime: 'image/jpeg' }))).toBe('exists');
    expect(await store.getPhoto('s1', photo.sha256)).toEqual(photo);
    expect(await store.getPhoto('s2', photo.sha256)).toBeUndefined();
    await store.close();
  });
});
