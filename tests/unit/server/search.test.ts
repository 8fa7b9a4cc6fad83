import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { SearchResponse } from '../../../src/domain/search-api';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { OpBuilder, call, createOtherSite, makeTestServer, setupViaApi, signed, type TestServer } from './helpers';
import { push, seedDuty, seedEntry } from './rules-fixtures';

const DAY = 86_400_000;

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let dutyId: string;

beforeEach(async () => {
  t = makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  dutyId = seedDuty(t, a, a.adminStaffId, t.clock.now - 3_600_000);
});
afterEach(() => t.dispose());

async function search(query: string, token = a.token): Promise<{ status: number; body: SearchResponse }> {
  const res = await call(t, 'GET', `/api/v1/search?${query}`, { token });
  return { status: res.status, body: res.body as SearchResponse };
}
const q = (text: string, rest = '') => `q=${encodeURIComponent(text)}${rest}`;

describe('server search (D5): FTS5 over CJK bigrams', () => {
  it('D5: a two-character query finds an entry pushed by a tablet, traditional or simplified, spaced or not', async () => {
    const put = ops.putLogEntry(dutyId, { cause: '15樓洗手間漏水', location: '15樓' });
    await push(t, a.token, [put]);
    for (const text of ['漏水', '漏 水', '洗手间', '15']) {
      const { status, body } = await search(q(text));
      expect(status, text).toBe(200);
      expect(
        body.hits.map((h) => h.id),
        text,
      ).toEqual([put.rowId]);
    }
    const hit = (await search(q('漏水'))).body.hits[0];
    expect(hit).toMatchObject({
      table: 'logEntry',
      snippet: '15樓洗手間漏水',
      open: { table: 'logEntry', id: put.rowId },
    });
    expect(hit?.row.cause).toBe('15樓洗手間漏水');
    expect((await search(q('漏電'))).body.hits).toEqual([]);
  });

  it('D5: 滲漏 and 渗漏 find each other; an amendment is found and opens its entry', async () => {
    const entryId = seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '天花板滲漏' });
    const amend = ops.op('logAmendment', 'append', crypto.randomUUID(), {
      id: crypto.randomUUID(),
      siteId: a.siteId,
      entryId,
      staffId: a.adminStaffId,
      text: '工程部確認渗漏來自冷氣喉',
      statusChange: null,
      recordedAt: t.clock.now,
      deviceTime: t.clock.now,
    });
    amend.rowId = amend.fields.id as string;
    expect((await push(t, a.token, [signed(amend)])).results[0]?.status).toBe('applied');
    const { body } = await search(q('渗漏'));
    expect(body.hits.map((h) => [h.table, h.open.id])).toEqual([
      ['logAmendment', entryId],
      ['logEntry', entryId],
    ]);
  });

  it('D5: an edit re-indexes the row in the same write; the old text no longer matches', async () => {
    const put = ops.putLogEntry(dutyId, { cause: '電梯故障' });
    await push(t, a.token, [put]);
    const patch = ops.op('logEntry', 'patch', put.rowId, { result: '已通知升降機公司' }, { result: 1 });
    expect((await push(t, a.token, [patch])).results[0]?.status).toBe('applied');
    expect((await search(q('升降机'))).body.hits.map((h) => h.id)).toEqual([put.rowId]);
    expect((await search(q('電梯'))).body.hits.map((h) => h.id)).toEqual([put.rowId]);
  });

  it('combines the text with the register filters: days, kind, severity, status, person, location', async () => {
    const old = seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      cause: '水管爆裂',
      occurredAt: t.clock.now - 500 * DAY,
    });
    const now = seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      cause: '水管滴水',
      kind: 'complaint',
      severity: 'major',
      location: '地庫停車場',
    });
    expect((await search(q('水管'))).body.hits.map((h) => h.id)).toEqual([now, old]);
    expect((await search(q('水管', '&to=2024-12-31'))).body.hits.map((h) => h.id)).toEqual([old]);
    expect((await search(q('水管', '&from=2026-01-01&to=2026-01-31'))).body.hits.map((h) => h.id)).toEqual([now]);
    expect((await search(q('水管', '&kind=complaint&severity=major'))).body.hits.map((h) => h.id)).toEqual([now]);
    expect((await search(q('水管', '&status=resolved'))).body.hits).toEqual([]);
    expect((await search(q('水管', `&location=${encodeURIComponent('停車場')}`))).body.hits.map((h) => h.id)).toEqual([
      now,
    ]);
    expect((await search(q('水管', '&staffId=someone-else'))).body.hits).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const ids = [3, 2, 1].map((d) =>
      seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '巡樓', occurredAt: t.clock.now - d * DAY }),
    );
    const first = await search(q('巡樓', '&limit=2'));
    expect(first.body.hits.map((h) => h.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.cursor).not.toBeNull();
    const second = await search(q('巡樓', `&limit=2&cursor=${first.body.cursor}`));
    expect(second.body.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(second.body.cursor).toBeNull();
  });

  it("searches only the token's building", async () => {
    seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '大堂漏水' });
    const other = await createOtherSite(t);
    expect((await search(q('漏水'), other.token)).body.hits).toEqual([]);
  });

  it('refuses a missing token (401) and bad parameters (400 naming the parameter)', async () => {
    expect((await call(t, 'GET', '/api/v1/search?q=x')).status).toBe(401);
    const cases: [string, string][] = [
      ['q=', 'q'],
      [q('，。 '), 'q'],
      [q('漏'.repeat(101)), 'q'],
      [q('漏水', '&from=2026-13-01'), 'from'],
      [q('漏水', '&from=2026-02-01&to=2026-01-01'), 'to'],
      [q('漏水', '&kind=party'), 'kind'],
      [q('漏水', '&severity=huge'), 'severity'],
      [q('漏水', '&status=closed'), 'status'],
      [q('漏水', '&limit=0'), 'limit'],
      [q('漏水', '&cursor=abc'), 'cursor'],
    ];
    for (const [query, param] of cases) {
      const res = await call(t, 'GET', `/api/v1/search?${query}`, { token: a.token });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: 'bad_request', details: { param } } });
    }
  });

  it('fills the index at start from rows stored before it, and a row removed from rows leaves it', async () => {
    const id = seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '消防演習' });
    // Simulate a database migrated before the index held anything.
    t.store.db.exec('DELETE FROM search_fts; DELETE FROM search_rows; UPDATE search_state SET filled = 0');
    t.store.close();
    t.store = openSqliteStore(t.dbFile, { nowMs: t.clock.now });
    const db = new Database(t.dbFile);
    try {
      expect(db.prepare('SELECT id FROM search_rows').all()).toEqual([{ id }]);
      db.prepare("DELETE FROM rows WHERE tbl = 'logEntry' AND id = ?").run(id);
      expect(db.prepare('SELECT count(*) AS n FROM search_rows').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
