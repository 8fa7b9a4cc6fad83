import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src/server/main';
import { MIGRATIONS_DIR } from '../../../src/server/store/migrations';
import { createLegacyDatabase } from '../../../src/server/store/sqlite-legacy';
import type { StoreTx } from '../../../src/server/store/store';
import type { SyncTable } from '../../../src/domain/entities';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { storedRow } from './helpers';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hd-migrate-0003-'));
  file = join(dir, DB_FILE_NAME);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The database as the build before T1's receipt times left it: 0001 and 0002 applied, with data. */
function databaseAtV2(): void {
  const v2 = join(dir, 'migrations-v2');
  mkdirSync(v2);
  for (const name of ['0001_init.sql', '0002_handover.sql']) copyFileSync(join(MIGRATIONS_DIR, name), join(v2, name));
  createLegacyDatabase(file, v2, 1, {
    rows: [{ siteId: 's1', table: 'item', id: 'i1', data: { id: 'i1' }, seq: 1 }],
    siteSeqs: [{ siteId: 's1', seq: 1 }],
    devices: [{ id: 'd1', siteId: 's1', name: 'Lobby', tokenHash: 't', lastCounter: 1, createdAt: 1 }],
    deviceOps: [{ deviceId: 'd1', counter: 1, opHash: 'x', status: 'applied' }],
  });
}

describe('migration 0003_receipt_times (T1)', () => {
  it('keeps the rows and ops of a v2 database, with no receipt time for what came before it', async () => {
    databaseAtV2();
    const store = openSqliteStore(file, { nowMs: 2 });
    expect(await storedRow(store, 'item', 'i1')).toMatchObject({ row: { id: 'i1' }, receivedAt: null });
    expect(await store.getDeviceOp('d1', 1)).toMatchObject({ opHash: 'x', receivedAt: null, deviceTime: null });
    expect(await store.getDeviceClockOffset('d1')).toBeNull();
    expect(await store.changesSince('s1', 0, 10)).toEqual([
      { seq: 1, table: 'item', id: 'i1', dataJson: '{"id":"i1"}', versionsJson: '{}', receivedAt: null },
    ]);
    await store.close();
  });

  it("T1: a row's receipt time is its first one; later writes keep it, a row from before v3 takes its next", async () => {
    databaseAtV2();
    const store = openSqliteStore(file, { nowMs: 2 });
    const write = (tx: StoreTx, id: string, receivedAt: number) =>
      tx.writeRow<SyncTable>({
        siteId: 's1',
        table: 'item',
        id,
        row: { id, at: receivedAt },
        versions: {},
        updatedHlc: 'h',
        deleted: false,
        receivedAt,
      });
    await store.transaction('s1', async (tx) => {
      await write(tx, 'i2', 1_000);
      await write(tx, 'i2', 5_000);
      await write(tx, 'i1', 7_000);
    });
    expect(await storedRow(store, 'item', 'i2')).toMatchObject({ row: { at: 5_000 }, receivedAt: 1_000 });
    expect(await storedRow(store, 'item', 'i1')).toMatchObject({ row: { at: 7_000 }, receivedAt: 7_000 });

    await store.transaction('s1', (tx) => tx.setDeviceClockOffset('d1', -259_200_000));
    expect(await store.getDeviceClockOffset('d1')).toBe(-259_200_000);
    await store.close();
  });
});
