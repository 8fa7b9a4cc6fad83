/**
 * Issue 9 §8: a corrupt database is refused. A damaged copy of a real database file does not open
 * (and the server process refuses to start with a clear line); a store that starts failing with
 * SQLITE_CORRUPT mid-run stops writing: pushes and deep health answer 503 `store_unavailable`.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { HealthResponse } from '../../../src/domain/api';
import { MAX_PUSH_OPS } from '../../../src/domain/sync-protocol';
import { createApp } from '../../../src/server/http/app';
import { createJsonLogger } from '../../../src/server/logger';
import { DB_FILE_NAME } from '../../../src/server/main';
import {
  sqliteDeviceOps,
  sqliteMiddleRowsPages,
  sqlitePragma,
  sqliteRefusesWrites,
  sqliteServerMeta,
} from '../../../src/server/store/sqlite-inspect';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { checkpointWal, dropPageCache, failRowWrites } from '../../../src/server/store/sqlite-tamper';
import type { Store } from '../../../src/server/store/store';
import { asSqlite } from '../../support/test-store';
import { StoreCorruptError } from '../../../src/server/store/store-health';
import { spawnServer } from './helpers-process';
import { OpBuilder, call, makeTestServer, pushBody, setupViaApi, snapshot, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
beforeEach(async () => {
  t = await makeTestServer({ store: 'sqlite' }); // a test of the SQLite file itself
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  // A real building's file: a few hundred rows, so the rows table spans many pages.
  const items = Array.from({ length: 400 }, () => ops.putItem());
  for (let i = 0; i < items.length; i += MAX_PUSH_OPS) {
    const body = pushBody(a.deviceId, items.slice(i, i + MAX_PUSH_OPS));
    expect((await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token })).status).toBe(200);
  }
  checkpointWal(asSqlite(t.store));
});
let undo: (() => void) | undefined;
afterEach(async () => {
  undo?.();
  undo = undefined;
  await t.dispose();
});

/** Overwrite `pages` (1-based page numbers) of `file` with junk. */
function damageRowsPages(file: string, pageSize: number, pages: number[]): void {
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(pageSize, 0x5a);
  for (const page of pages) writeSync(fd, junk, 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

/** Two leaf pages from the middle of the rows table (SQLite's dbstat). */
const middleRowsPages = (store: Store) => sqliteMiddleRowsPages(asSqlite(store));

function pageSizeOf(store: Store): number {
  return sqlitePragma(asSqlite(store), 'page_size') as number;
}

describe('issue 9 §8: a corrupt file refuses to start', () => {
  it('a copy of a real database with pages overwritten in the middle fails quick_check at open; the original opens', async () => {
    const pages = middleRowsPages(t.store);
    const size = pageSizeOf(t.store);
    const copy = join(t.dir, 'damaged.sqlite');
    copyFileSync(t.dbFile, copy);
    damageRowsPages(copy, size, pages);

    expect(() => openSqliteStore(copy, { nowMs: t.clock.now })).toThrow(StoreCorruptError);
    try {
      openSqliteStore(copy, { nowMs: t.clock.now });
    } catch (err) {
      expect((err as StoreCorruptError).file).toBe(copy);
      expect((err as StoreCorruptError).problems.length).toBeGreaterThan(0);
      expect((err as Error).message).toMatch(/is damaged/);
    }
    const intact = join(t.dir, 'intact.sqlite');
    copyFileSync(t.dbFile, intact);
    await openSqliteStore(intact, { nowMs: t.clock.now }).close();
  });

  it('a file that is not a database at all is refused the same way', () => {
    const junk = join(t.dir, 'junk.sqlite');
    writeFileSync(junk, Buffer.alloc(8192, 0x41));
    expect(() => openSqliteStore(junk, { nowMs: t.clock.now })).toThrow(StoreCorruptError);
  });

  it('main.ts on a damaged DATA_DIR logs why and exits 1 without listening', { timeout: 60_000 }, async () => {
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, DB_FILE_NAME);
    copyFileSync(t.dbFile, file);
    damageRowsPages(file, pageSizeOf(t.store), middleRowsPages(t.store));

    const s = spawnServer({ PORT: '0', DATA_DIR: dataDir });
    expect(await s.exited).toBe(1);
    expect(s.lines.find((l) => l['msg'] === 'listening')).toBeUndefined();
    expect(s.lines.find((l) => l['level'] === 'error')).toMatchObject({
      msg: 'the database failed its integrity check (PRAGMA quick_check); refusing to start',
      file: expect.stringContaining(DB_FILE_NAME) as string,
      problems: expect.arrayContaining([expect.any(String)]) as string[],
    });
  });
});

describe('issue 9 §8: a store that fails with SQLITE_CORRUPT mid-run stops writing', () => {
  it('deep health touches the store: 200 with store ok while it is sound', async () => {
    const res = await call(t, 'GET', '/api/v1/health?deep=1');
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(res.body)).toMatchObject({ status: 'ok', store: 'ok' });
    // The rolled-back write left nothing behind.
    expect(sqliteServerMeta(asSqlite(t.store), 'health_check')).toBeUndefined();
  });

  it('pages damaged under the running server: the read that meets them marks the store failed, then pushes and health answer 503, logged once', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = createApp({
      store: t.store,
      now: () => t.clock.now,
      logger: createJsonLogger({ write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }),
      version: 'test',
      bodyLimitBytes: 1_048_576,
    });
    const auth = { Authorization: `Bearer ${a.token}` };
    damageRowsPages(t.dbFile, pageSizeOf(t.store), middleRowsPages(t.store));
    // The pages SQLite still holds in memory are dropped, as memory pressure would.
    dropPageCache(asSqlite(t.store));

    const pull = await app.request('/api/v1/sync/pull?cursor=0&limit=1000', { headers: auth });
    expect(pull.status).toBe(503);
    const refusal = (await pull.json()) as { error: { code: string; message: string; details: unknown } };
    expect(refusal.error.code).toBe('store_unavailable');
    expect(refusal.error.message).toMatch(/the database is damaged; the server has stopped writing/);
    expect(refusal.error.details).toMatchObject({ code: 'SQLITE_CORRUPT' });

    // Counted by the SQLite file itself: the store refuses reads now (it is failed).
    const before = sqliteDeviceOps(asSqlite(t.store)).length;
    const push = await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(pushBody(a.deviceId, [ops.putItem()])),
    });
    expect(push.status).toBe(503);
    expect(await push.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    expect(sqliteDeviceOps(asSqlite(t.store)).length).toEqual(before);

    for (const path of ['/api/v1/health?deep=1', '/api/v1/health']) {
      const health = await app.request(path);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    }
    const logged = lines.filter((l) => l['level'] === 'error' && String(l['msg']).includes('database is damaged'));
    expect(logged).toEqual([expect.objectContaining({ code: 'SQLITE_CORRUPT' })]);
    // SQLite itself takes no write any more, whoever asks.
    expect(sqliteRefusesWrites(asSqlite(t.store))).toBe(true);
  });

  it('a push during which the store starts failing answers 503, not a refusal of its ops, and stores nothing', async () => {
    let failing = false;
    undo = failRowWrites(asSqlite(t.store), () => failing);
    const stored = await snapshot(t.store);
    failing = true;
    const body = pushBody(a.deviceId, [ops.putItem(), ops.putItem()]);
    const push = await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token });
    expect(push.status).toBe(503);
    expect(push.body).toMatchObject({
      error: { code: 'store_unavailable', details: { code: 'SQLITE_CORRUPT' } },
    });
    expect(await snapshot(t.store)).toBe(stored);

    // Every later write is refused before it is read, even once the fault is gone.
    failing = false;
    const again = await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token });
    expect(again.status).toBe(503);
    expect(await snapshot(t.store)).toBe(stored);
    expect((await call(t, 'GET', '/api/v1/health?deep=1')).status).toBe(503);
  });
});
