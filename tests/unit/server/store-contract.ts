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
import type { RawChange, RowWrite, Store, StoreTx } from '../../../src/server/store/store';

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
      const op = (counter: number, opHash: string) => ({
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
        await store.transaction('A', (tx) => tx.insertDeviceOp(op(1, 'first')));
        await expect(store.transaction('A', (tx) => tx.insertDeviceOp(op(1, 'second')))).rejects.toThrow();
        expect(await store.getDeviceOp('dev-1', 1)).toMatchObject({ counter: 1, opHash: 'first' });
        expect(await store.getDeviceOp('dev-1', 2)).toBeUndefined();
      });

      it('a transaction that throws stores nothing of what it wrote (the push is refused whole)', async () => {
        await expect(
          store.transaction('A', async (tx) => {
            await tx.insertDeviceOp(op(1, 'x'));
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
