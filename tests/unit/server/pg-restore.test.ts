/**
 * Issue 10 §7 (docs/postgresql.md "Backup and restore"): `pg_dump -Fc` of a building with a signed
 * chain, `pg_restore` into a new database, then the restore step (`npm run restore --
 * --database-url`): the restored database has a NEW generation (tablets re-pull and resend what
 * the dump lacks), every chain verifies, its rows are the dump's, devices enrolled and proof keys
 * set since the dump are carried over, a device revoked since stays revoked; the step is refused
 * while a server is connected to the live database. PostgreSQL only (the run's throwaway cluster).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAll } from '../../../src/server/integrity/verify';
import { createDevice } from '../../../src/server/site/devices';
import { appliedPgMigrations } from '../../../src/server/store/pg-inspect';
import { finishPgRestore } from '../../../src/server/store/pg-restore';
import { openPgStore, type PgStore } from '../../../src/server/store/pg-store';
import { RestoreRefusedError } from '../../../src/server/store/restore';
import { createTestDatabase, postgresBinDir, type TestDatabase } from '../../support/pg-cluster';
import { pgInspect } from '../../support/test-store';
import { chainBuilding, type ChainBuilding } from './chain-fixtures';
import { T0 } from './helpers';

const FIRST = Date.UTC(2026, 0, 5, 1);
let b: ChainBuilding | undefined;
let restoredDb: TestDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await b?.dispose();
  await restoredDb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  b = restoredDb = dir = undefined;
});

/** pg_dump and pg_restore as the cluster's binaries run them (the dump file readable by both users). */
function dumpAndRestore(fromUrl: string, toUrl: string): void {
  dir = mkdtempSync(join(tmpdir(), 'hd-pgdump-'));
  const file = join(dir, 'handover.dump');
  const bin = postgresBinDir();
  execFileSync(join(bin, 'pg_dump'), ['-Fc', '--no-owner', '-f', file, fromUrl], { stdio: 'pipe' });
  execFileSync(join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', toUrl, file], { stdio: 'pipe' });
}

describe('PostgreSQL backup and restore (issue 10 §7)', () => {
  it('a restored dump gets a new generation, verifies its chains, and carries devices and keys made since', async () => {
    b = await chainBuilding(FIRST, 4, { kind: 'postgres' });
    const liveUrl = b.databaseUrl as string;
    const live = b.store;
    const inspect = pgInspect(live as PgStore);
    const counts = { rows: await inspect.countRows(), seq: await inspect.maxSeq() };
    const dumpGeneration = live.generation();
    const [oldDevice] = await live.listDevices(b.siteId);
    if (!oldDevice) throw new Error('the building has no device');

    restoredDb = await createTestDatabase();
    dumpAndRestore(liveUrl, restoredDb.url);

    // After the dump: a tablet enrolled, a PIN changed (a new proof key), the old tablet revoked.
    const siteId = b.siteId;
    const later = T0 + 60_000;
    const enrolled = await live.transaction(siteId, (tx) => createDevice(tx, siteId, 'Lobby spare', later));
    const newKey = new Uint8Array(32).fill(9);
    await live.transaction(siteId, async (tx) => {
      await tx.putStaffKey(siteId, b!.chiefId, newKey, later);
      await tx.revokeDevice(siteId, oldDevice.id, later, b!.chiefId);
    });

    // A server still connected to the live database: refused, the restored one untouched.
    await expect(finishPgRestore({ restoredUrl: restoredDb.url, liveUrl, nowMs: later })).rejects.toThrow(
      RestoreRefusedError,
    );
    await live.close();

    const r = await finishPgRestore({ restoredUrl: restoredDb.url, liveUrl, nowMs: later });
    expect(r.backupGeneration).toBe(dumpGeneration);
    expect(r.previousGeneration).toBe(dumpGeneration);
    expect(r.generation).not.toBe(dumpGeneration);
    expect(r.carriedDevices).toEqual([enrolled.deviceId]);
    expect(r.keptRevoked).toEqual([oldDevice.id]);
    expect(r.carriedKeys).toBe(1);

    const restored = await openPgStore({ connectionString: restoredDb.url, nowMs: later });
    try {
      expect(restored.generation()).toBe(r.generation);
      const again = pgInspect(restored);
      expect({ rows: await again.countRows(), seq: await again.maxSeq() }).toEqual(counts);
      const integrity = await verifyAll(restored, later);
      expect(integrity.map((x) => [x.ok, x.problems])).toEqual([[true, []]]);
      expect(integrity[0]?.records.length).toBeGreaterThan(4);
      const devices = await restored.listDevices(siteId);
      expect(devices.find((d) => d.id === enrolled.deviceId)).toMatchObject({ revoked: false });
      expect(devices.find((d) => d.id === oldDevice.id)).toMatchObject({ revoked: true });
      expect(await restored.getDeviceOp(enrolled.deviceId, 1)).toBeUndefined();
      expect((await restored.getStaffKey(siteId, b.chiefId))?.proofKey).toEqual(newKey);
    } finally {
      await restored.close();
    }
  });

  it('an empty database (pg_restore not run) or an unreachable one is refused, and nothing is created', async () => {
    restoredDb = await createTestDatabase();
    await expect(finishPgRestore({ restoredUrl: restoredDb.url, nowMs: T0 })).rejects.toThrow(/no __migrations__/);
    // Nothing was migrated into it: it still has no __migrations__ table.
    await expect(appliedPgMigrations(restoredDb.url)).rejects.toThrow(/__migrations__/);
    const bad = new URL(restoredDb.url);
    bad.port = '1';
    await expect(finishPgRestore({ restoredUrl: bad.toString(), nowMs: T0 })).rejects.toThrow(
      /cannot be reached|ECONNREFUSED/,
    );
  });
});
