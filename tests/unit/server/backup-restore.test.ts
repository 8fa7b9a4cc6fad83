/**
 * Issue 9 §2 (README "Backups and restores", docs/architecture.md "Restores"): an online backup of a
 * live WAL database holds every table and row (a `cp` does not), the daily job keeps 14, a restore
 * refuses while a server holds the data directory, and a restore bumps the generation, keeps the
 * replaced file aside and carries over the devices enrolled since the backup.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { PullResponse } from '../../../src/domain/sync-protocol';
import { createApp } from '../../../src/server/http/app';
import { silentLogger } from '../../../src/server/logger';
import { startServer } from '../../../src/server/main';
import { createEnrolmentCode, enrolDevice } from '../../../src/server/site/enrolment-service';
import { backupDatabase, listDailyBackups, verifyBackupFile } from '../../../src/server/store/backup';
import { startBackupJob } from '../../../src/server/store/backup-job';
import { LOCK_FILE_NAME } from '../../../src/server/store/data-dir-lock';
import { RestoreRefusedError, restoreDatabase } from '../../../src/server/store/restore';
import { sqliteTableCounts } from '../../../src/server/store/sqlite-inspect';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { holdWal } from '../../../src/server/store/sqlite-tamper';
import { asSqlite } from '../../support/test-store';
import { OpBuilder, T0, call, makeTestServer, pushBody, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer({ store: 'sqlite' }); // a test of the SQLite file itself
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

/** Row counts of every table of a database file, opened read-only. */
const tableCounts = sqliteTableCounts;

async function pushItems(n: number): Promise<void> {
  const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  const res = await call(t, 'POST', '/api/v1/sync/push', {
    body: pushBody(
      a.deviceId,
      Array.from({ length: n }, () => ops.putItem()),
    ),
    token: a.token,
  });
  expect(res.status).toBe(200);
}

describe('backup of the live database (issue 9 §2)', () => {
  it('holds every table and row of a WAL database whose commits are not checkpointed, where cp gets none', async () => {
    // As on a busy server: every commit so far is still in the -wal file.
    holdWal(asSqlite(t.store));
    await pushItems(50);
    const copied = join(t.dir, 'cp.sqlite');
    copyFileSync(t.dbFile, copied);
    expect(Object.keys(tableCounts(copied))).toEqual([]); // the failure, reproduced

    const out = join(t.dir, 'out', 'backup.sqlite');
    const result = await backupDatabase(asSqlite(t.store), out);
    expect(result.file).toBe(out);
    expect(result.generation).toBe(t.store.generation());
    const live = tableCounts(t.dbFile);
    expect(live['rows']).toBeGreaterThanOrEqual(52);
    expect(tableCounts(out)).toEqual(live);
    // One self-contained file: no -wal beside it, and it passes the same check a restore makes.
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(verifyBackupFile(out).migrations).toBeGreaterThanOrEqual(7);
  });

  it('a file that is not a whole database is refused by the check', () => {
    const junk = join(t.dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    expect(() => verifyBackupFile(junk)).toThrow(/backup|database|open/i);
  });
});

describe('the daily backup job (issue 9 §2)', () => {
  it('writes a verified backup each day and keeps the newest 14; manual backups stay', async () => {
    const dataDir = join(t.dir, 'data');
    const dir = join(dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manual-20250101T000000Z.sqlite'), 'kept by hand');
    const timers: { fn: () => void; ms: number }[] = [];
    const clock = { now: T0 };
    const job = startBackupJob({
      store: asSqlite(t.store),
      dataDir,
      logger: silentLogger,
      now: () => clock.now,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return { cancel: () => undefined };
      },
    });
    for (let day = 0; day < 16; day++) {
      expect(await job.runNow()).not.toBeNull();
      clock.now += 86_400_000;
    }
    job.stop();
    const daily = listDailyBackups(dir);
    expect(daily).toHaveLength(14);
    // The two oldest went; the newest is the last day's.
    expect(daily[0]).toContain('20260117T');
    expect(daily.at(-1)).toContain('20260130T');
    expect(readdirSync(dir)).toContain('manual-20250101T000000Z.sqlite');
    for (const f of daily.slice(-1)) expect(verifyBackupFile(f).generation).toBe(t.store.generation());

    // Restarted an hour after the newest backup: the next one is due a day after it, not at once.
    clock.now = T0 + 15 * 86_400_000 + 3_600_000;
    const restarted = startBackupJob({
      store: asSqlite(t.store),
      dataDir,
      logger: silentLogger,
      now: () => clock.now,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return { cancel: () => undefined };
      },
    });
    restarted.stop();
    expect(timers.at(-1)?.ms).toBe(23 * 3_600_000);
  });
});

describe('restore (issue 9 §2)', () => {
  it('refuses while a server holds the data directory, and runs once it has stopped', async () => {
    const dataDir = join(t.dir, 'served');
    const backup = join(t.dir, 'b.sqlite');
    await backupDatabase(asSqlite(t.store), backup);
    const server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
      retention: false,
      backups: false,
      distDir: join(t.dir, 'no-dist'),
    });
    const before = readdirSync(dataDir).sort();
    expect(() => restoreDatabase({ dataDir, backupFile: backup, nowMs: T0 })).toThrow(RestoreRefusedError);
    expect(readdirSync(dataDir).sort()).toEqual(before); // nothing touched
    await server.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

    // A lock left by a killed server names a pid that no longer exists: it does not block.
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 17, startedAt: T0, token: 'x' }));
    expect(restoreDatabase({ dataDir, backupFile: backup, nowMs: T0 }).generation).not.toBe(t.store.generation());
  });

  it('bumps the generation, keeps the replaced file aside, and carries devices enrolled since the backup', async () => {
    await pushItems(3);
    const backup = join(t.dir, 'before.sqlite');
    await backupDatabase(asSqlite(t.store), backup);
    const backupGeneration = t.store.generation();

    // After the backup: more ops from the first tablet, and a second tablet enrolled that pushes too.
    await pushItems(4);
    const newCode = async () =>
      (
        await t.store.transaction(a.siteId, (tx) =>
          createEnrolmentCode(tx, { siteId: a.siteId, actorStaffId: a.adminStaffId }, t.clock.now),
        )
      ).code;
    const late = await enrolDevice(t.store, { code: await newCode(), deviceName: 'Lobby C' }, t.clock.now);
    const lateOps = new OpBuilder(late.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    const pushed = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(late.deviceId, [lateOps.putItem(), lateOps.putItem()]),
      token: late.token,
    });
    expect(pushed.status).toBe(200);
    const lastCounterLive = (await t.store.getDevice(a.deviceId))?.lastCounter;
    // Issue 9 §6: a tablet revoked after the backup (here as the admin API records it) stays revoked.
    const lost = await enrolDevice(t.store, { code: await newCode(), deviceName: 'Lost' }, t.clock.now);
    await t.store.transaction(a.siteId, (tx) => tx.revokeDevice(a.siteId, a.deviceId, t.clock.now, a.adminStaffId));
    await t.store.close();

    const result = restoreDatabase({ dataDir: t.dir, backupFile: backup, nowMs: T0 + 60_000 });
    expect(result.previousGeneration).toBe(backupGeneration);
    expect(result.generation).not.toBe(backupGeneration);
    expect(result.carriedDevices.sort()).toEqual([late.deviceId, lost.deviceId].sort());
    expect(result.keptRevoked).toEqual([a.deviceId]);
    expect(result.keptAside).toBe(`${t.dbFile}.before-restore-20260115T020100Z`);
    expect(existsSync(result.keptAside!)).toBe(true);

    const restored = openSqliteStore(t.dbFile, { nowMs: T0 });
    try {
      expect(restored.generation()).toBe(result.generation);
      // The first tablet is back where the backup had it: the server will ask it for what it lost.
      expect((await restored.getDevice(a.deviceId))?.lastCounter).toBeLessThan(lastCounterLive!);
      expect((await restored.getDevice(a.deviceId))?.revoked).toBe(true);
      // The late tablet is known (its token works) and resends from op 1.
      expect(await restored.getDevice(late.deviceId)).toMatchObject({
        lastCounter: 0,
        revoked: false,
        name: 'Lobby C',
      });
    } finally {
      await restored.close();
    }
    // The kept-aside file still holds everything the live database had.
    expect(tableCounts(result.keptAside!)['devices']).toBe(3);

    // The late tablet's token is accepted by the restored server, and pull answers the new generation.
    const reopened = makeServerOn(t.dbFile);
    try {
      const res = await call(reopened, 'GET', '/api/v1/sync/pull?cursor=0', { token: late.token });
      expect(res.status).toBe(200);
      expect(PullResponse.parse(res.body).generation).toBe(result.generation);
    } finally {
      await reopened.store.close();
    }
  });
});

/** An in-process server over an existing database file (the restored one). */
function makeServerOn(file: string): TestServer {
  const store = openSqliteStore(file, { nowMs: T0 });
  const app = createApp({
    store,
    now: () => t.clock.now,
    logger: silentLogger,
    version: 'test',
    bodyLimitBytes: 1_048_576,
  });
  return { ...t, store, app, dbFile: file, dispose: () => store.close() };
}
