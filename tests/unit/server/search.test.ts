import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { SearchResponse } from '../../../src/domain/search-api';
import { sqliteSearchIndexIds } from '../../../src/server/store/sqlite-inspect';
import { openSqliteStore } from '../../../src/server/store/sqlite-store';
import { tamperDeleteRow, tamperEmptySearchIndex } from '../../../src/server/store/sqlite-tamper';
import { asSqlite } from '../../support/test-store';
import {
  OpBuilder,
  actorHeaders,
  adminPatchStaff,
  call,
  createOtherSite,
  makeTestServer,
  setupViaApi,
  signed,
  testKeyOf,
  type TestServer,
} from './helpers';
import { push, seedDuty, seedEntry, seedStaff } from './rules-fixtures';

const DAY = 86_400_000;

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let dutyId: string;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  dutyId = await seedDuty(t, a, a.adminStaffId, t.clock.now - 3_600_000);
});
afterEach(() => t.dispose());

/** The proof key `staffId`'s tablet holds after their PIN (another person's, for a wrong proof). */
function keyOf(staffId: string): Uint8Array {
  const key = testKeyOf(staffId);
  if (!key) throw new Error(`no test key for ${staffId}`);
  return key;
}

/** A tablet of a building and the person signed in on it. */
interface Searcher {
  token: string;
  deviceId: string;
  staffId: string;
}
const admin = (): Searcher => ({ token: a.token, deviceId: a.deviceId, staffId: a.adminStaffId });

/** Issue 9 §3: a search is made in a proven person's name (the proof headers), never a claimed one. */
async function search(query: string, by: Searcher = admin()): Promise<{ status: number; body: SearchResponse }> {
  const res = await call(t, 'GET', `/api/v1/search?${query}`, {
    token: by.token,
    actor: { deviceId: by.deviceId, staffId: by.staffId },
  });
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
    const entryId = await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '天花板滲漏' });
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
    const old = await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      cause: '水管爆裂',
      occurredAt: t.clock.now - 500 * DAY,
    });
    const now = await seedEntry(t, a, {
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
    const ids: string[] = [];
    for (const d of [3, 2, 1])
      ids.push(
        await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '巡樓', occurredAt: t.clock.now - d * DAY }),
      );
    const first = await search(q('巡樓', '&limit=2'));
    expect(first.body.hits.map((h) => h.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.cursor).not.toBeNull();
    const second = await search(q('巡樓', `&limit=2&cursor=${first.body.cursor}`));
    expect(second.body.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(second.body.cursor).toBeNull();
  });

  it("searches only the token's building", async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '大堂漏水' });
    const other = await createOtherSite(t);
    const found = await search(q('漏水'), {
      token: other.token,
      deviceId: other.deviceId,
      staffId: other.adminStaffId,
    });
    expect(found.status).toBe(200);
    expect(found.body.hits).toEqual([]);
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
      const res = await search(query);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: 'bad_request', details: { param } } });
    }
  });

  it('SQLite: fills the index at start from rows stored before it, and a row removed from rows leaves it', async () => {
    // A test of the SQLite file (reopened), so on SQLite whatever TEST_STORE says.
    await t.dispose();
    t = await makeTestServer({ store: 'sqlite' });
    a = await setupViaApi(t);
    dutyId = await seedDuty(t, a, a.adminStaffId, t.clock.now - 3_600_000);
    const id = await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '消防演習' });
    // Simulate a database migrated before the index held anything.
    tamperEmptySearchIndex(asSqlite(t.store));
    expect(sqliteSearchIndexIds(asSqlite(t.store))).toEqual([]);
    await t.store.close();
    const reopened = openSqliteStore(t.dbFile, { nowMs: t.clock.now });
    try {
      expect(sqliteSearchIndexIds(reopened)).toEqual([id]);
      tamperDeleteRow(reopened, id);
      expect(sqliteSearchIndexIds(reopened)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

describe('server search in a proven person’s name (issue 9 §3)', () => {
  const path = (text: string) => `/api/v1/search?${q(text)}`;

  it('any active person of the building may search, a desk person too', async () => {
    const put = ops.putLogEntry(dutyId, { cause: '大堂玻璃門損壞' });
    await push(t, a.token, [put]);
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const found = await search(q('玻璃門'), { token: a.token, deviceId: a.deviceId, staffId: desk });
    expect(found.status).toBe(200);
    expect(found.body.hits.map((h) => h.id)).toEqual([put.rowId]);
  });

  it('refuses a search without the proof headers (403 actor_unproven), and without a token (401)', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '大堂漏水' });
    const bare = await call(t, 'GET', path('漏水'), { token: a.token });
    expect(bare.status).toBe(403);
    expect(bare.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect(JSON.stringify(bare.body)).not.toContain('大堂漏水');
    // Naming a person without a proof proves nothing.
    const named = await call(t, 'GET', path('漏水'), { token: a.token, headers: { 'x-actor-id': a.adminStaffId } });
    expect(named.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect((await call(t, 'GET', path('漏水'), { actor: admin() })).status).toBe(401);
  });

  it('refuses a wrong proof: another person’s key, another query’s proof, a stale time, a person of another building', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '大堂漏水' });
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const me = { deviceId: a.deviceId, staffId: a.adminStaffId };
    const attempts = {
      wrongKey: await call(t, 'GET', path('漏水'), { token: a.token, actor: { ...me, key: keyOf(desk) } }),
      otherQuery: await call(t, 'GET', path('漏水'), {
        token: a.token,
        headers: actorHeaders(t, me, 'GET', path('電梯'), ''),
      }),
      stale: await call(t, 'GET', path('漏水'), { token: a.token, actor: { ...me, at: t.clock.now - 5 * 60_000 - 1 } }),
      otherBuilding: await call(t, 'GET', path('漏水'), {
        token: a.token,
        actor: { deviceId: a.deviceId, staffId: (await createOtherSite(t)).adminStaffId },
      }),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect(res.status, name).toBe(403);
      expect(res.body, name).toMatchObject({ error: { code: 'actor_unproven' } });
      expect(JSON.stringify(res.body), name).not.toContain('大堂漏水');
    }
  });

  it('refuses a person made inactive even with a right proof (403 forbidden_role)', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    await adminPatchStaff(t, a, desk, { active: false });
    const res = await search(q('漏水'), { token: a.token, deviceId: a.deviceId, staffId: desk });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
  });
});
