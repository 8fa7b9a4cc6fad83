import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src/server/main';
import { MIGRATIONS_DIR, MigrationMismatchError, readMigrationFiles } from '../../../src/server/store/migrations';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { REPO_ROOT } from './helpers-process';

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
