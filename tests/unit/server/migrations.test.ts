import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src/server/main';
import {
  MIGRATIONS_DIR,
  MigrationMismatchError,
  migrate,
  readMigrationFiles,
} from '../../../src/server/store/migrations';
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

function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('migrations: numbered files recorded in __migrations__', () => {
  it('a fresh database gets every file applied with its sha256, and reopening applies nothing', () => {
    openSqliteStore(file, { nowMs: 1 }).close();
    const files = readMigrationFiles();
    const db = new Database(file, { readonly: true });
    const applied = db.prepare('SELECT id, name, checksum, applied_at FROM __migrations__ ORDER BY id').all();
    db.close();
    expect(applied).toEqual(files.map((f) => ({ id: f.id, name: f.name, checksum: f.checksum, applied_at: 1 })));
    openSqliteStore(file, { nowMs: 2 }).close();
  });

  it('refuses to open when an applied checksum was tampered with (MigrationMismatchError)', () => {
    openSqliteStore(file, { nowMs: 1 }).close();
    tamper("UPDATE __migrations__ SET checksum = 'tampered' WHERE id = 1");
    expect(() => openSqliteStore(file, { nowMs: 2 })).toThrow(MigrationMismatchError);
  });

  it('refuses to open when the database has a migration this build does not know', () => {
    openSqliteStore(file, { nowMs: 1 }).close();
    tamper("INSERT INTO __migrations__ (id, name, checksum, applied_at) VALUES (99, '0099_future.sql', 'x', 1)");
    expect(() => openSqliteStore(file, { nowMs: 2 })).toThrow(/gap|does not know/);
  });

  it('refuses to open when a shipped migration file was edited after it was applied', () => {
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    openSqliteStore(file, { nowMs: 1, migrationsDir: migrations }).close();
    const first = join(migrations, '0001_init.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
    expect(() => openSqliteStore(file, { nowMs: 2, migrationsDir: migrations })).toThrow(
      /changed after it was applied/,
    );
  });

  it('applies a new numbered file on the next open, in a transaction', () => {
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    openSqliteStore(file, { nowMs: 1, migrationsDir: migrations }).close();
    const next = String(readMigrationFiles(migrations).length + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_add_note.sql`), 'CREATE TABLE note (id TEXT PRIMARY KEY);');
    const store = openSqliteStore(file, { nowMs: 2, migrationsDir: migrations });
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'note'").get()).toEqual({ name: 'note' });
    store.close();
  });

  it('the server process refuses to start on a migration mismatch: exits with code 1 and says why', () => {
    openSqliteStore(file, { nowMs: 1 }).close();
    tamper("UPDATE __migrations__ SET checksum = 'tampered' WHERE id = 1");
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
    const old = new Database(file);
    migrate(old, readMigrationFiles(only0001), 1);
    old
      .prepare(
        "INSERT INTO rows (site_id, tbl, id, data, versions, updated_hlc, seq, deleted) VALUES ('s1', 'item', 'i1', ?, '{}', 'h', 1, 0)",
      )
      .run(JSON.stringify({ id: 'i1' }));
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'locks'").get()).toBeUndefined();
    old.close();

    const store = openSqliteStore(file, { nowMs: 2 });
    const applied = store.db.prepare('SELECT name, applied_at FROM __migrations__ ORDER BY id').all();
    // 0001 stays as the previous build applied it; 0002 and every later file are applied now.
    expect(applied).toEqual(readMigrationFiles().map((f) => ({ name: f.name, applied_at: f.id === 1 ? 1 : 2 })));
    expect(applied.slice(0, 2)).toEqual([
      { name: '0001_init.sql', applied_at: 1 },
      { name: '0002_handover.sql', applied_at: 2 },
    ]);
    expect((await storedRow(store, 'item', 'i1'))?.row).toEqual({ id: 'i1' });
    store.transaction(() => {
      store.lockRow({ siteId: 's1', table: 'duty', id: 'd1', recordId: 'r1' });
      store.addChainLink('s1', 'f'.repeat(64), 'r1');
    });
    expect(await store.getLock('duty', 'd1')).toEqual({ siteId: 's1', table: 'duty', id: 'd1', recordId: 'r1' });
    expect(await store.getChainRecordId('s1', 'f'.repeat(64))).toBe('r1');
    const photo = {
      siteId: 's1',
      sha256: 'e'.repeat(64),
      mime: 'image/png',
      bytes: 3,
      data: new Uint8Array([1, 2, 3]),
      createdAt: 2,
    };
    expect(store.putPhoto(photo)).toBe('created');
    expect(store.putPhoto({ ...photo, mime: 'image/jpeg' })).toBe('exists');
    expect(await store.getPhoto('s1', photo.sha256)).toEqual(photo);
    expect(await store.getPhoto('s2', photo.sha256)).toBeUndefined();
    store.close();
  });
});
