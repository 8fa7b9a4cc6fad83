/**
 * Issue 9 §5 and §7 (docs/architecture.md "Push"): an unexpected throw while applying one op rolls
 * back that op only (SAVEPOINT) and becomes its `internal_error`; a refused op keeps at most 4 KiB
 * of known fields on its syncError row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { PushResponse } from '../../../src/domain/sync-protocol';
import { createApp } from '../../../src/server/http/app';
import { createJsonLogger } from '../../../src/server/logger';
import type { RowWrite, Store, StoreTx } from '../../../src/server/store/store';
import {
  OpBuilder,
  call,
  countRows,
  makeTestServer,
  pushBody,
  setupViaApi,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;

beforeEach(async () => {
  t = await makeTestServer({ bodyLimitBytes: 32 * 1_048_576 });
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
});
afterEach(() => t.dispose());

/** The syncError row the server wrote for op `counter`. */
async function refusalOf(counter: number): Promise<Record<string, unknown> | undefined> {
  return (await t.store.listRows(a.siteId, 'syncError')).find((r) => r.row['counter'] === counter)?.row;
}

describe('issue 9 §5: an unexpected error in one op refuses that op alone', () => {
  it('the op that fails after writing its row is rolled back and internal_error (500) with a syncError row and a logged error; the ops after it apply and the counter advances', async () => {
    const lines: Record<string, unknown>[] = [];
    const first = ops.putItem();
    // The tablet's clock went back 1 ms for this op (T1), so after its item row the server writes a
    // review flag. Built as sent, not edited afterwards, so its actor proof still holds.
    t.clock.now -= 1;
    const poisoned = ops.putItem();
    t.clock.now += 1;
    const after = ops.putItem();
    // A store whose write of that flag fails, after the op already wrote its row: the SAVEPOINT
    // must take the row back too.
    const failing = (tx: StoreTx): StoreTx =>
      new Proxy(tx, {
        get(txTarget, txProp) {
          if (txProp === 'writeRow') {
            return (write: RowWrite) =>
              write.table === 'reviewFlag' && write.row['rowId'] === poisoned.rowId
                ? Promise.reject(new Error('disk I/O error'))
                : txTarget.writeRow(write);
          }
          const value: unknown = Reflect.get(txTarget, txProp);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(txTarget) : value;
        },
      });
    const store = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === 'transaction') {
          return <T>(siteId: string | null, fn: (tx: StoreTx) => Promise<T>) =>
            target.transaction(siteId, (tx) => fn(failing(tx)));
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    t.app = createApp({
      store,
      now: () => t.clock.now,
      logger: createJsonLogger({ write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }),
      version: 'test',
      bodyLimitBytes: 1_048_576,
    });
    const itemsBefore = await countRows(t.store, 'item');

    const res = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(a.deviceId, [first, poisoned, after]),
      token: a.token,
      headers: { 'X-Request-Id': 'req-issue9-5' },
    });
    expect(res.status).toBe(200);
    const body = res.body as PushResponse;
    expect(body.ackedThrough).toBe(3);
    expect(body.results).toEqual([
      { counter: 1, status: 'applied' },
      { counter: 2, status: 'rejected', code: 'internal_error', message: expect.any(String), httpStatus: 500 },
      { counter: 3, status: 'applied' },
    ]);
    expect(await countRows(t.store, 'item')).toBe(itemsBefore + 2);
    expect(await storedRow(t.store, 'item', poisoned.rowId)).toBeUndefined();
    expect(await refusalOf(2)).toMatchObject({ code: 'internal_error', table: 'item', rowId: poisoned.rowId });
    expect((await t.store.getDevice(a.deviceId))?.lastCounter).toBe(3);
    expect(lines.find((l) => l['level'] === 'error')).toMatchObject({
      msg: 'op failed',
      requestId: 'req-issue9-5',
      counter: 2,
      message: 'disk I/O error',
    });

    // The queue moves on: the next op is taken, and the refused one replays as its refusal.
    const next = ops.putItem();
    const again = (
      await call(t, 'POST', '/api/v1/sync/push', {
        body: pushBody(a.deviceId, [poisoned, after, next]),
        token: a.token,
      })
    ).body as PushResponse;
    expect(again.results.map((r) => r.code ?? r.status)).toEqual(['internal_error', 'duplicate', 'applied']);
    expect(again.results[0]?.status).toBe('duplicate');
  });
});

describe('issue 9 §7: a refused op keeps at most 4 KiB of known fields', () => {
  it('a 20 MiB op is refused alone and its syncError row holds known keys only, within 4 KiB, marked as cut', async () => {
    const huge = ops.putLogEntry(crypto.randomUUID(), { cause: '大'.repeat((20 * 1_048_576) / 3) });
    (huge.fields as Record<string, unknown>)['junk'] = 'x'.repeat(1000);
    const res = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(a.deviceId, [huge, ops.putItem()]),
      token: a.token,
    });
    expect((res.body as PushResponse).results.map((r) => r.code ?? r.status)).toEqual(['validation_failed', 'applied']);
    const fields = (await refusalOf(1))?.['fields'] as Record<string, unknown>;
    expect(Buffer.byteLength(JSON.stringify(fields))).toBeLessThanOrEqual(4096);
    expect(fields['(cut)']).toEqual(['cause']);
    expect(fields).not.toHaveProperty('junk');
    expect(fields).toMatchObject({ id: huge.rowId, party: '12樓 A室', location: '大堂' });
    // The whole building pulls it: what it carries is that small too.
    const pulled = await call(t, 'GET', '/api/v1/sync/pull?limit=1000', { token: a.token });
    expect(JSON.stringify(pulled.body).length).toBeLessThan(64 * 1024);
  });

  it('a refused entry whose text fits is kept whole, so it can be edited and sent again', async () => {
    // Refused for its duty (D5: reference_unknown), not for its text.
    const entry = ops.putLogEntry(crypto.randomUUID(), { cause: '升降機故障，'.repeat(60) });
    const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [entry]), token: a.token });
    expect((res.body as PushResponse).results[0]?.code).toBe('reference_unknown');
    expect((await refusalOf(1))?.['fields']).toEqual(entry.fields);
  });
});
