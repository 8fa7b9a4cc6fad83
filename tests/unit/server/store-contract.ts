/**
 * The Store contract suite (issue 10 §2): what every implementation of src/server/store/store.ts
 * must do, run against each with its own `open` (store-contract.sqlite.test.ts; a PostgreSQL file
 * calls `describeStoreContract` the same way). Exactly-once per (device, counter), cursor order
 * (seq strictly increasing per building, pages in order, nothing committed behind a cursor a
 * concurrent reader already passed), the building's write lock, savepoint rollback of one op only,
 * migrations applied and recorded (a mismatch refused), and isolation between buildings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncTable } from '../../../src/domain/entities';
import type { DeviceOpRecord, RawChange, RowWrite, Store, StoreTx } from '../../../src/server/store/store';

/** One opened store of the implementation under test, and what the suite asks of it beyond the contract. */
export interface ContractStore {
  store: Store;
  /** The names of the migrations the database records as applied, oldest first. */
  appliedMigrations(): Promise<string[]>;
  /** The migration files this build ships, by name, oldest first. */
  shippedMigrations(): string[];
  /**
   * Close the store and open the same database again with one applied migration's file changed:
   * the promise must reject (MigrationMismatchError) and leave the database as it was.
   */
  reopenWithChangedMigration(): Promise<void>;
  /**
   * Issue 10 §4: a second store on the same database, as a second server process opens it (its
   * own connection or pool). The suite closes it.
   */
  openSecond(): Promise<Store>;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An item row of `siteId` as the server stores one (the store does not validate rows). */
function item(siteId: string, id: string, label = id): RowWrite<SyncTable> {
  const row = { id, siteId, label, updatedAt: `000000000000001-0000-${id}`, deleted: false };
  return { siteId, table: 'item', id, row, versions: { label: 1 }, updatedHlc: row.updatedAt, deleted: false };
}

/** Every change of a building after `cursor`, page by page as a tablet pulls (pages of `limit`). */
async function pullAll(store: Store, siteId: string, cursor: number, limit = 3): Promise<RawChange[]> {
  const out: RawChange[] = [];
  for (;;) {
    const page = await store.changesSince(siteId, cursor, limit);
    out.push(...page);
    if (page.length < limit) return out;
    cursor = page.at(-1)?.seq ?? cursor;
  }
}

export function describeStoreContract(name: string, open: () => Promise<ContractStore>): void {
  describe(`Store contract: ${name}`, () => {
    let c: ContractStore;
    let store: Store;
    beforeEach(async () => {
      c = await open();
      store = c.store;
    });
    afterEach(() => c.dispose());

    describe('exactly once per (device, counter)', () => {
      /** The end of a push that stores `outcomes` (counter: the last of them). */
      const pushOf = (outcomes: DeviceOpRecord[]) => ({
        outcomes,
        lastCounter: outcomes.at(-1)?.counter ?? 0,
        lastSeenAt: 1_000,
        clockOffsetMs: null,
      });
      const op = (counter: number, opHash: string): DeviceOpRecord => ({
        deviceId: 'dev-1',
        counter,
        opHash,
        status: 'applied' as const,
        code: null,
        message: null,
        receivedAt: 1_000,
        deviceTime: 900,
      });

      beforeEach(() =>
        store.transaction('A', (tx) =>
          tx.insertDevice(
            {
              id: 'dev-1',
              siteId: 'A',
              name: 'Lobby',
              revoked: false,
              lastCounter: 0,
              createdAt: 1,
              lastSeenAt: null,
              kind: 'desk',
            },
            'token-hash',
          ),
        ),
      );

      it('a second outcome for the same (device, counter) is refused and the first one stays', async () => {
        await store.transaction('A', (tx) => tx.recordPush('dev-1', pushOf([op(1, 'first')])));
        await expect(
          store.transaction('A', (tx) => tx.recordPush('dev-1', pushOf([op(1, 'second')]))),
        ).rejects.toThrow();
        expect(await store.getDeviceOp('dev-1', 1)).toMatchObject({ counter: 1, opHash: 'first' });
        expect(await store.getDeviceOp('dev-1', 2)).toBeUndefined();
      });

      it("a push's outcomes are stored together, every column kept; a push with one stored already stores none", async () => {
        const full = {
          ...op(2, 'h2'),
          status: 'rejected' as const,
          code: 'row_exists',
          message: 'twice',
          receivedAt: 5,
          deviceTime: 4,
          actorStaffId: 's1',
          table: 'item' as const,
          rowId: 'i9',
        };
        await store.transaction('A', (tx) => tx.recordPush('dev-1', pushOf([op(1, 'h1'), full, op(3, 'h3')])));
        expect(await store.getDeviceOp('dev-1', 2)).toEqual({
          deviceId: 'dev-1',
          counter: 2,
          opHash: 'h2',
          status: 'rejected',
          code: 'row_exists',
          message: 'twice',
          receivedAt: 5,
          deviceTime: 4,
        });
        expect(await store.getDeviceOp('dev-1', 3)).toMatchObject({ opHash: 'h3', status: 'applied' });
        await store.transaction('A', (tx) => tx.recordPush('dev-1', pushOf([])));
        await expect(
          store.transaction('A', (tx) => tx.recordPush('dev-1', pushOf([op(4, 'h4'), op(3, 'again')]))),
        ).rejects.toThrow();
        expect(await store.getDeviceOp('dev-1', 4)).toBeUndefined();
        expect(await store.getDeviceOp('dev-1', 3)).toMatchObject({ opHash: 'h3' });
      });

      it("a push's end is recorded in one write: counter, last seen, and the offset it taught (null keeps the last)", async () => {
        await store.transaction('A', (tx) =>
          tx.recordPush('dev-1', { outcomes: [], lastCounter: 3, lastSeenAt: 2_000, clockOffsetMs: -250 }),
        );
        expect(await store.getDevice('dev-1')).toMatchObject({ lastCounter: 3, lastSeenAt: 2_000 });
        expect(await store.getDeviceClockOffset('dev-1')).toBe(-250);
        await store.transaction('A', (tx) =>
          tx.recordPush('dev-1', { outcomes: [], lastCounter: 5, lastSeenAt: 3_000, clockOffsetMs: null }),
        );
        expect(await store.getDevice('dev-1')).toMatchObject({ lastCounter: 5, lastSeenAt: 3_000 });
        expect(await store.getDeviceClockOffset('dev-1')).toBe(-250);
      });

      it('a transaction that throws stores nothing of what it wrote (the push is refused whole)', async () => {
        await expect(
          store.transaction('A', async (tx) => {
            await tx.recordPush('dev-1', pushOf([op(1, 'x')]));
            await tx.writeRow(item('A', 'i1'));
            throw new Error('counter gap');
          }),
        ).rejects.toThrow('counter gap');
        expect(await store.getDeviceOp('dev-1', 1)).toBeUndefined();
        expect(await store.getRow('A', 'item', 'i1')).toBeUndefined();
        expect(await store.siteSequence('A')).toBe(0);
      });
    });

    describe('cursor order', () => {
      it("a pull's page names the building's sequence with the changes after the cursor, empty or not", async () => {
        expect(await store.pullPage('A', 0, 10)).toEqual({ sequence: 0, changes: [] });
        await store.transaction('A', async (tx) => {
          for (let i = 0; i < 5; i++) await tx.writeRow(item('A', `p${i}`));
        });
        await store.transaction('B', (tx) => tx.writeRow(item('B', 'b0')));
        const page = await store.pullPage('A', 1, 2);
        expect(page.sequence).toBe(5);
        expect(page.changes).toEqual(await store.changesSince('A', 1, 2));
        expect(page.changes.map((c) => [c.seq, c.id])).toEqual([
          [2, 'p1'],
          [3, 'p2'],
        ]);
        expect(await store.pullPage('A', 5, 10)).toEqual({ sequence: 5, changes: [] });
        expect(await store.pullPage('A', 9, 10)).toEqual({ sequence: 5, changes: [] });
        expect((await store.pullPage('B', 0, 10)).sequence).toBe(1);
      });

      it('seq rises by one per write within a building, and changesSince pages in sequence order', async () => {
        const seqs = await store.transaction('A', async (tx) => {
          const out: number[] = [];
          for (let i = 0; i < 7; i++) out.push(await tx.writeRow(item('A', `i${i}`)));
          // Writing a row again gives it a new, higher seq: a pull sees the latest write once.
          out.push(await tx.writeRow(item('A', 'i0', 'again')));
          return out;
        });
        expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(await store.siteSequence('A')).toBe(8);
        const pulled = await pullAll(store, 'A', 0);
        expect(pulled.map((c) => c.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]);
        expect(pulled.at(-1)).toMatchObject({ id: 'i0', table: 'item' });
        expect(JSON.parse(pulled.at(-1)?.dataJson ?? '{}')).toMatchObject({ label: 'again' });
        expect(await store.changesSince('A', 8, 10)).toEqual([]);
      });

      it('nothing is committed behind a cursor a concurrent reader already passed', async () => {
        await store.transaction('A', (tx) => tx.writeRow(item('A', 'before')));
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        // A push that has written a row and is still running (awaiting) when others arrive.
        const slow = store.transaction('A', async (tx) => {
          await tx.writeRow(item('A', 'slow'));
          wrote();
          await held;
        });
        await written;
        // A second push of the same building, and a reader, both while the first is open. The reader
        // sees committed data only (it may wait for the commit, or read what was committed before).
        const quick = store.transaction('A', (tx) => tx.writeRow(item('A', 'quick')));
        const reading = store.changesSince('A', 0, 100);
        await sleep(10);
        release();
        const [seen] = await Promise.all([reading, slow, quick]);
        const cursor = seen.at(-1)?.seq ?? 0;
        expect(seen.map((c) => c.id)[0]).toBe('before');
        // Everything committed after the reader's read lies after its cursor: together they are the
        // building's whole history once, in one increasing run with no hole.
        const after = await pullAll(store, 'A', cursor);
        expect(after.every((c) => c.seq > cursor)).toBe(true);
        const all = [...seen, ...after];
        expect(all.map((c) => c.id)).toEqual(['before', 'slow', 'quick']);
        expect(all.map((c) => c.seq)).toEqual([1, 2, 3]);
      });
    });

    describe("the building's write lock", () => {
      it('two transactions of one building do not overlap: the second starts when the first has ended', async () => {
        const events: string[] = [];
        const run = (label: string) =>
          store.transaction('A', async (tx) => {
            events.push(`${label} start`);
            await tx.writeRow(item('A', `${label}-1`));
            await sleep(20);
            await tx.writeRow(item('A', `${label}-2`));
            events.push(`${label} end`);
          });
        await Promise.all([run('one'), run('two')]);
        expect(events).toEqual(['one start', 'one end', 'two start', 'two end']);
        const rows = await store.listRows('A', 'item');
        expect(rows.map((r) => [r.id, r.seq])).toEqual([
          ['one-1', 1],
          ['one-2', 2],
          ['two-1', 3],
          ['two-2', 4],
        ]);
      });

      it("two buildings' concurrent transactions keep each building's rows and sequence whole", async () => {
        const push = (siteId: string, n: number) =>
          store.transaction(siteId, async (tx) => {
            for (let i = 0; i < 5; i++) {
              await tx.writeRow(item(siteId, `${siteId}-${n}-${i}`));
              await sleep(1);
            }
          });
        await Promise.all([push('A', 1), push('B', 1), push('A', 2), push('B', 2)]);
        for (const siteId of ['A', 'B']) {
          const changes = await pullAll(store, siteId, 0, 4);
          expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
          expect(changes.every((c) => c.id.startsWith(`${siteId}-`))).toBe(true);
          expect(await store.siteSequence(siteId)).toBe(10);
        }
      });

      it('the store-wide lock (null) serialises with a building transaction too', async () => {
        const events: string[] = [];
        const run = (siteId: string | null, label: string) =>
          store.transaction(siteId, async (tx) => {
            events.push(`${label} start`);
            await tx.writeRow(item('A', label));
            await sleep(10);
            events.push(`${label} end`);
          });
        await Promise.all([run(null, 'setup'), run('A', 'push')]);
        expect(events).toEqual(['setup start', 'setup end', 'push start', 'push end']);
      });
    });

    describe('savepoints (issue 9 §5: one op refused alone)', () => {
      it('a throw inside a savepoint rolls back that savepoint only; the transaction goes on and commits', async () => {
        const outcome = await store.transaction('A', async (tx: StoreTx) => {
          await tx.writeRow(item('A', 'kept-before'));
          const refused = await tx
            .savepoint(async () => {
              await tx.writeRow(item('A', 'rolled-back'));
              await tx.lockRow({ siteId: 'A', table: 'duty', id: 'd1', recordId: 'r1' });
              throw new Error('op failed');
            })
            .then(
              () => 'applied',
              (err: unknown) => (err as Error).message,
            );
          await tx.savepoint(() => tx.writeRow(item('A', 'kept-after')));
          return refused;
        });
        expect(outcome).toBe('op failed');
        expect((await store.listRows('A', 'item')).map((r) => r.id)).toEqual(['kept-before', 'kept-after']);
        expect(await store.getRow('A', 'item', 'rolled-back')).toBeUndefined();
        expect(await store.getLock('A', 'duty', 'd1')).toBeUndefined();
        // The rolled-back write's seq is not a hole a tablet would wait on: seq stays consecutive.
        expect((await pullAll(store, 'A', 0)).map((c) => c.seq)).toEqual([1, 2]);
      });

      it('savepoints nest: an inner rollback keeps the outer savepoint’s writes', async () => {
        await store.transaction('A', (tx) =>
          tx.savepoint(async () => {
            await tx.writeRow(item('A', 'outer'));
            await tx.savepoint(() => Promise.reject(new Error('inner'))).catch(() => undefined);
          }),
        );
        expect((await store.listRows('A', 'item')).map((r) => r.id)).toEqual(['outer']);
      });

      it('many savepoints one after another, some rolled back, nested or not, commit what they should', async () => {
        // Issue 11 §4: a released savepoint's RELEASE waits for the next statement batch (savepoints.ts).
        await store.transaction('A', async (tx) => {
          for (let i = 0; i < 6; i++) {
            await tx
              .savepoint(async () => {
                await tx.writeRow(item('A', `s${i}`));
                if (i % 2 === 1) {
                  await tx
                    .savepoint(async () => {
                      await tx.writeRow(item('A', `s${i}-inner`));
                      if (i === 3) throw new Error('inner refused');
                    })
                    .catch(() => undefined);
                }
                if (i === 4) throw new Error('refused');
              })
              .catch(() => undefined);
          }
        });
        expect((await store.listRows('A', 'item')).map((r) => r.id)).toEqual([
          's0',
          's1',
          's1-inner',
          's2',
          's3',
          's5',
          's5-inner',
        ]);
      });

      it('reads inside a transaction see its own writes, and no longer see what a savepoint rolled back', async () => {
        // Issue 11 §4: a store may remember what a transaction read; it must never answer stale.
        await store.transaction('A', (tx) => tx.writeRow(item('A', 'r1', 'first')));
        await store.transaction('A', async (tx) => {
          expect((await tx.getRow('A', 'item', 'r1'))?.row).toMatchObject({ label: 'first' });
          expect(await tx.getRowSiteId('item', 'r2')).toBeUndefined();
          expect(await tx.getLock('A', 'duty', 'd9')).toBeUndefined();
          await tx.writeRow(item('A', 'r1', 'second'));
          await tx.writeRow(item('A', 'r2'));
          await tx.lockRow({ siteId: 'A', table: 'duty', id: 'd9', recordId: 'r9' });
          expect((await tx.getRow('A', 'item', 'r1'))?.row).toMatchObject({ label: 'second' });
          expect(await tx.getRowSiteId('item', 'r2')).toBe('A');
          expect(await tx.getLock('A', 'duty', 'd9')).toMatchObject({ recordId: 'r9' });
          // A caller that changes what it read does not change what the next one reads.
          const read = await tx.getRow('A', 'item', 'r1');
          if (read) (read.row as Record<string, unknown>)['label'] = 'changed by a caller';
          expect((await tx.getRow('A', 'item', 'r1'))?.row).toMatchObject({ label: 'second' });
          await tx
            .savepoint(async () => {
              await tx.writeRow(item('A', 'r1', 'third'));
              await tx.writeRow(item('A', 'r3'));
              await tx.lockRow({ siteId: 'A', table: 'duty', id: 'd8', recordId: 'r8' });
              expect((await tx.getRow('A', 'item', 'r1'))?.row).toMatchObject({ label: 'third' });
              expect(await tx.getLock('A', 'duty', 'd8')).toBeDefined();
              throw new Error('op failed');
            })
            .catch(() => undefined);
          expect((await tx.getRow('A', 'item', 'r1'))?.row).toMatchObject({ label: 'second' });
          expect(await tx.getRowSiteId('item', 'r3')).toBeUndefined();
          expect(await tx.getRow('A', 'item', 'r3')).toBeUndefined();
          expect(await tx.getLock('A', 'duty', 'd8')).toBeUndefined();
        });
      });
    });

    describe('migrations', () => {
      it('every shipped migration is applied and recorded, in order', async () => {
        expect(await c.appliedMigrations()).toEqual(c.shippedMigrations());
      });

      it('a database whose applied migration differs from the shipped file is refused at open', async () => {
        await store.transaction('A', (tx) => tx.writeRow(item('A', 'kept')));
        await expect(c.reopenWithChangedMigration()).rejects.toThrow(/changed after it was applied/);
      });
    });

    describe('isolation between buildings', () => {
      it("a row of building A is not read as building B's, by any read", async () => {
        await store.transaction('A', async (tx) => {
          await tx.writeRow({ ...item('A', 'shared-id'), row: { ...item('A', 'shared-id').row, status: 'open' } });
          await tx.addChainLink('A', 'a'.repeat(64), 'rec-A');
          await tx.lockRow({ siteId: 'A', table: 'duty', id: 'duty-A', recordId: 'rec-A' });
        });
        await store.transaction('B', (tx) => tx.writeRow(item('B', 'b-only')));
        expect(await store.getRow('A', 'item', 'shared-id')).toMatchObject({ siteId: 'A', id: 'shared-id' });
        expect(await store.getRow('B', 'item', 'shared-id')).toBeUndefined();
        expect(await store.getRowSiteId('item', 'shared-id')).toBe('A');
        expect((await store.listRows('B', 'item')).map((r) => r.id)).toEqual(['b-only']);
        expect((await store.changesSince('B', 0, 100)).map((c) => c.id)).toEqual(['b-only']);
        expect((await store.listRawRows('B')).map((r) => r.id)).toEqual(['b-only']);
        expect(await store.listLiveRowsWhere('B', 'item', 'status', 'open')).toEqual([]);
        expect(await store.listLiveRowsWhere('A', 'item', 'status', 'open')).toHaveLength(1);
        expect(await store.getChainRecordId('B', 'a'.repeat(64))).toBeUndefined();
        expect(await store.getChainRecordId('A', 'a'.repeat(64))).toBe('rec-A');
        expect(await store.getLock('B', 'duty', 'duty-A')).toBeUndefined();
        expect(await store.getLock('A', 'duty', 'duty-A')).toMatchObject({ recordId: 'rec-A' });
        // Inside a transaction the same holds.
        await store.transaction('B', async (tx) => {
          expect(await tx.getRow('B', 'item', 'shared-id')).toBeUndefined();
          expect(await tx.getRow('A', 'item', 'shared-id')).toBeDefined();
        });
      });

      it("a write under a row id building A holds never takes A's row over: it throws, and A's row stays", async () => {
        // Issue 9 §5 at the store: the push refuses such an op before writing (push-op.ts); this is the
        // last line, for a write that raced it from another process.
        await store.transaction('A', (tx) => tx.writeRow(item('A', 'taken', 'A label')));
        await expect(store.transaction('B', (tx) => tx.writeRow(item('B', 'taken', 'B label')))).rejects.toThrow(
          /could not write item taken/,
        );
        expect(await store.getRowSiteId('item', 'taken')).toBe('A');
        expect((await store.getRow('A', 'item', 'taken'))?.row).toMatchObject({ label: 'A label' });
        expect(await store.changesSince('B', 0, 100)).toEqual([]);
      });
    });

    describe('shared state (issue 10 §4: rate limits and leases across server processes)', () => {
      const MINUTE = 60_000;

      it('a bucket starts full, refuses once spent (nothing spent by a refusal), and refills evenly over the minute', async () => {
        const takes = [];
        for (let i = 0; i < 4; i++) takes.push(await store.shared.takeToken('auth', '10.0.0.9', 3, 1_000));
        expect(takes.map((t) => t.ok)).toEqual([true, true, true, false]);
        expect(takes[3]?.tokens).toBeCloseTo(0, 6);
        // Other kinds and other addresses have buckets of their own.
        expect((await store.shared.takeToken('enrol', '10.0.0.9', 3, 1_000)).ok).toBe(true);
        expect((await store.shared.takeToken('auth', '10.0.0.8', 3, 1_000)).ok).toBe(true);
        // 3 a minute: one token every 20 s. At 19.9 s still none; at 20 s one.
        expect((await store.shared.takeToken('auth', '10.0.0.9', 3, 1_000 + 19_900)).ok).toBe(false);
        const refilled = await store.shared.takeToken('auth', '10.0.0.9', 3, 1_000 + 20_000);
        expect(refilled).toEqual({ ok: true, tokens: expect.closeTo(0, 6) as number, at: 21_000 });
        // Idle for long, a bucket holds `perMinute` at most.
        const later = await store.shared.takeToken('auth', '10.0.0.9', 3, 1_000 + 10 * MINUTE);
        expect(later.tokens).toBeCloseTo(2, 6);
      });

      it('a clock set back refills nothing and does not move the bucket back (T1)', async () => {
        await store.shared.takeToken('auth', 'k', 1, 100_000);
        const back = await store.shared.takeToken('auth', 'k', 1, 40_000);
        expect(back.ok).toBe(false);
        expect(back.at).toBe(100_000);
        expect((await store.shared.takeToken('auth', 'k', 1, 100_000 + MINUTE)).ok).toBe(true);
      });

      it('two stores on one database take from one bucket: concurrent takes never spend a token twice', async () => {
        const second = await c.openSecond();
        try {
          const attempts = Array.from({ length: 40 }, (_, i) =>
            (i % 2 === 0 ? store : second).shared.takeToken('failedAuth', '192.0.2.7', 15, 5_000),
          );
          const results = await Promise.all(attempts);
          expect(results.filter((t) => t.ok)).toHaveLength(15);
          expect((await second.shared.takeToken('failedAuth', '192.0.2.7', 15, 5_000)).ok).toBe(false);
        } finally {
          await second.close();
        }
      });

      it('sweeping forgets the buckets idle since the cut only (they are full again)', async () => {
        await store.shared.takeToken('auth', 'old', 2, 1_000);
        await store.shared.takeToken('auth', 'new', 2, 1_000 + 2 * MINUTE);
        expect(await store.shared.sweepTokens(1_000 + MINUTE)).toBe(1);
        // 'old' starts full again; 'new' kept its spent token.
        expect((await store.shared.takeToken('auth', 'old', 2, 1_000 + 2 * MINUTE)).tokens).toBeCloseTo(1, 6);
        expect((await store.shared.takeToken('auth', 'new', 2, 1_000 + 2 * MINUTE)).tokens).toBeCloseTo(0, 6);
      });

      it('a lease is held by one holder until released or lapsed; its holder may renew it', async () => {
        const second = await c.openSecond();
        try {
          expect(await store.shared.acquireLease('retention', 'p1', MINUTE, 1_000)).toBe(true);
          expect(await second.shared.acquireLease('retention', 'p2', MINUTE, 2_000)).toBe(false);
          // Another lease name is free.
          expect(await second.shared.acquireLease('other', 'p2', MINUTE, 2_000)).toBe(true);
          // The holder renews; a release by someone else changes nothing.
          expect(await store.shared.acquireLease('retention', 'p1', MINUTE, 50_000)).toBe(true);
          await second.shared.releaseLease('retention', 'p2');
          expect(await second.shared.acquireLease('retention', 'p2', MINUTE, 100_000)).toBe(false);
          // Lapsed (renewed until 110 s): the next holder gets it.
          expect(await second.shared.acquireLease('retention', 'p2', MINUTE, 110_000)).toBe(true);
          // Released by its holder: free at once.
          await second.shared.releaseLease('retention', 'p2');
          expect(await store.shared.acquireLease('retention', 'p1', MINUTE, 110_001)).toBe(true);
        } finally {
          await second.close();
        }
      });

      it('of two stores racing for a free lease, exactly one gets it', async () => {
        const second = await c.openSecond();
        try {
          const races = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              (i % 2 === 0 ? store : second).shared.acquireLease('retention', `p${i}`, MINUTE, 1_000),
            ),
          );
          expect(races.filter(Boolean)).toHaveLength(1);
        } finally {
          await second.close();
        }
      });
    });

    describe('transactions', () => {
      it('a transaction reads its own writes; outside it, others see them only once it commits', async () => {
        let inside: unknown;
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        const tx = store.transaction('A', async (t) => {
          await t.writeRow(item('A', 'mine'));
          inside = await t.getRow('A', 'item', 'mine');
          wrote();
          await held;
        });
        await written;
        const outside = store.getRow('A', 'item', 'mine');
        release();
        await tx;
        expect(inside).toMatchObject({ id: 'mine' });
        // A read that ran while the transaction was open returns committed data only; on SQLite it
        // waits for the commit, on a server database it reads the last committed state. Either way
        // it never returns a row of a transaction that could still roll back; after the commit it is there.
        const seenOutside = await outside;
        expect(seenOutside === undefined || seenOutside.id === 'mine').toBe(true);
        expect(await store.getRow('A', 'item', 'mine')).toMatchObject({ id: 'mine' });
      });

      it('a tx kept after its transaction ended refuses to run', async () => {
        let kept: StoreTx | undefined;
        await store.transaction('A', async (tx) => {
          kept = tx;
          await tx.writeRow(item('A', 'i1'));
        });
        await expect(kept!.writeRow(item('A', 'late'))).rejects.toThrow();
        expect(await store.getRow('A', 'item', 'late')).toBeUndefined();
      });
    });
  });
}
