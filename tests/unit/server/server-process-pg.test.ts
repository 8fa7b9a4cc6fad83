/**
 * Issue 10 §3: `DATABASE_URL=postgres://…` runs the server process on PostgreSQL (real cluster,
 * tests/support/pg-cluster.ts), and a database that cannot be reached is one clear line and exit 1.
 */
import { readPgMigrationFiles } from '../../../src/server/store/pg-migrations';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../../src/domain/api';
import { GENERATION_HEADER } from '../../../src/domain/sync-protocol';
import { DB_FILE_NAME } from '../../../src/server/main';
import { appliedPgMigrations, pgGeneration } from '../../../src/server/store/pg-inspect';
import { createTestDatabase, type TestDatabase } from '../../support/pg-cluster';
import { spawnServer, waitForListening } from './helpers-process';

let dataDir: string;
let database: TestDatabase | undefined;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hd-process-pg-'));
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
  database = undefined;
});

describe('main.ts on PostgreSQL', () => {
  it('starts with DATABASE_URL, migrates the database, answers the deep health check from it, no SQLite file', async () => {
    database = await createTestDatabase();
    const s = spawnServer({ PORT: '0', HTTPS_PORT: '0', DATA_DIR: dataDir, DATABASE_URL: database.url });
    try {
      const port = await waitForListening(s);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health?deep=1`);
      expect(res.status).toBe(200);
      expect(HealthResponse.parse(await res.json())).toMatchObject({ status: 'ok', setUp: false, store: 'ok' });
      expect(res.headers.get(GENERATION_HEADER)).toBe(await pgGeneration(database.url));
      expect((await appliedPgMigrations(database.url)).map((m) => m.name)).toEqual(
        readPgMigrationFiles().map((f) => f.name),
      );
      expect(s.lines.find((l) => l['msg'] === 'store')).toMatchObject({ kind: 'postgresql' });
      // The data directory keeps TLS and the lock, never a database file.
      expect(readdirSync(dataDir)).not.toContain(DB_FILE_NAME);
    } finally {
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    }
  });

  it('an unreachable database is one clear error line and exit code 1, the password never logged', async () => {
    const s = spawnServer({
      PORT: '0',
      HTTPS_PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://desk:s3cret@127.0.0.1:1/handover',
    });
    expect(await s.exited).toBe(1);
    const error = s.lines.find((l) => l['level'] === 'error');
    expect(error).toMatchObject({ msg: 'the PostgreSQL database cannot be used; refusing to start' });
    expect(String(error?.['message'])).toMatch(/postgres:\/\/desk:\*\*\*@127\.0\.0\.1:1\/handover.*Check DATABASE_URL/);
    expect(JSON.stringify(s.lines)).not.toContain('s3cret');
    expect(s.lines.some((l) => l['msg'] === 'listening')).toBe(false);
  });
});
