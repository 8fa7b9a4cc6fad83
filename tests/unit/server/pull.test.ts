import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { MAX_PUSH_OPS, PullResponse } from '../../../src/domain/sync-protocol';
import { OpBuilder, call, makeTestServer, pushBody, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

async function pull(cursor: number, limit: number): Promise<PullResponse> {
  const res = await call(t, 'GET', `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token: a.token });
  expect(res.status).toBe(200);
  return PullResponse.parse(res.body);
}

describe('pull in pages (docs/architecture.md "Pull")', () => {
  it('1,200 rows pull with limit 500 in 3 pages, no duplicates, cursor monotonic', async () => {
    const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    // Setup wrote the site and its admin; 1,198 items make 1,200 rows.
    const all = Array.from({ length: 1198 }, () => ops.putItem());
    for (let i = 0; i < all.length; i += MAX_PUSH_OPS) {
      const res = await call(t, 'POST', '/api/v1/sync/push', {
        body: pushBody(a.deviceId, all.slice(i, i + MAX_PUSH_OPS)),
        token: a.token,
      });
      expect(res.status).toBe(200);
    }

    const pages: PullResponse[] = [];
    let cursor = 0;
    for (;;) {
      const page = await pull(cursor, 500);
      pages.push(page);
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages.map((p) => p.changes.length)).toEqual([500, 500, 200]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const changes = pages.flatMap((p) => p.changes);
    expect(new Set(changes.map((c) => `${c.table}/${c.id}`)).size).toBe(1200);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(1200);
    pages.forEach((p) => expect(p.cursor).toBe(p.changes[p.changes.length - 1]?.seq));

    // Nothing after the last cursor: the same cursor comes back, empty.
    expect(await pull(cursor, 500)).toEqual({
      changes: [],
      cursor,
      hasMore: false,
      serverTime: t.clock.now,
      generation: t.store.generation(),
    });
  });

  it('a changed row moves to the end of the sequence, so a tablet past its old seq still sees the change', async () => {
    const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    const put = ops.putItem();
    await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [put, ops.putItem()]), token: a.token });
    const first = await pull(0, 500);
    const patch = ops.op('item', 'patch', put.rowId, { expectedQuantity: 2 }, { expectedQuantity: 1 });
    await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [patch]), token: a.token });
    const next = await pull(first.cursor, 500);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({
      table: 'item',
      id: put.rowId,
      row: { expectedQuantity: 2 },
      versions: { expectedQuantity: 2, label: 1 },
    });
  });
});
