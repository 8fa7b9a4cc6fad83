import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { pruneLocalWindow } from '../../../src/client/db/local-prune';
import { openHandoverDb } from '../../../src/client/db/open';
import { searchLocal } from '../../../src/client/db/queries/local-search';
import type { HandoverDb } from '../../../src/client/db/schema';
import { applyPullPage } from '../../../src/client/db/sync-store';
import { newId } from '../../../src/domain/ids';
import { parseSearchFilters } from '../../../src/domain/search-api';
import { T0, enrolledDb, fields, track } from './helpers';

const DAY = 86_400_000;
const TZ = 'Asia/Hong_Kong';
const NOW = T0;
const opts = { nowMs: NOW, timeZone: TZ, windowDays: 90 };

type Db = HandoverDb;

async function site(db: Db, siteId: string, localWindowDays = 90) {
  await db.site.put({ id: siteId, siteId, timeZone: TZ, localWindowDays, updatedAt: 'h', deleted: false } as never);
}

async function entry(db: Db, siteId: string, over: Record<string, unknown> = {}): Promise<string> {
  const id = newId();
  const row = {
    ...fields({ status: 'resolved' }),
    id,
    siteId,
    dutyId: 'old-duty',
    staffId: 'staff-1',
    recordedAt: NOW,
    deviceTime: NOW,
    updatedAt: 'h',
    deleted: false,
    _versions: {},
    ...over,
  };
  await db.logEntry.put(row as never);
  return id;
}

function filters(q: string, rest: Record<string, string> = {}) {
  const parsed = parseSearchFilters({ q, ...rest });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.filters;
}

describe('tablet search over its local window (D5)', () => {
  it('D5: finds 漏水 and 渗漏/滲漏 in the window, newest first, not rows older than the window', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId);
    const leak = await entry(db, siteId, { cause: '15樓洗手間漏水', occurredAt: NOW - 7 * DAY });
    const seep = await entry(db, siteId, { cause: '天花板滲漏', occurredAt: NOW - DAY });
    await entry(db, siteId, { cause: '地庫漏水', occurredAt: NOW - 120 * DAY });
    const r = await searchLocal(db, filters('漏 水'), opts);
    expect(r.hits.map((h) => h.id)).toEqual([leak]);
    expect(r.reachesOutside).toBe(true);
    expect((await searchLocal(db, filters('渗漏'), opts)).hits.map((h) => h.id)).toEqual([seep]);
    const inside = await searchLocal(db, filters('漏水', { from: r.windowStart }), opts);
    expect(inside.reachesOutside).toBe(false);
  });

  it('combines the text with the filters', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId);
    const a = await entry(db, siteId, { cause: '電梯故障', kind: 'repair', severity: 'major', occurredAt: NOW - DAY });
    await entry(db, siteId, { cause: '電梯故障', kind: 'complaint', occurredAt: NOW - 2 * DAY });
    expect((await searchLocal(db, filters('电梯', { kind: 'repair' }), opts)).hits.map((h) => h.id)).toEqual([a]);
    expect((await searchLocal(db, filters('电梯', { severity: 'major' }), opts)).hits.map((h) => h.id)).toEqual([a]);
    expect((await searchLocal(db, filters('电梯', { staffId: 'someone' }), opts)).hits).toEqual([]);
  });

  it('sees rows written after the first search, in this page and by another context', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId);
    expect((await searchLocal(db, filters('消防'), opts)).hits).toEqual([]);
    const mine = await entry(db, siteId, { cause: '消防演習', occurredAt: NOW - DAY });
    expect((await searchLocal(db, filters('消防'), opts)).hits.map((h) => h.id)).toEqual([mine]);
    // Another context (the service worker's sync) writes through its own connection: no hook here.
    const other = track(openHandoverDb(db.name));
    const theirs = newId();
    await other.logEntry.put({ ...(await db.logEntry.get(mine))!, id: theirs, occurredAt: NOW - 2 * DAY });
    await other.meta.put({ key: 'cursor', value: 7 });
    expect((await searchLocal(db, filters('消防'), opts)).hits.map((h) => h.id)).toEqual([mine, theirs]);
  });
});

describe('the tablet prunes rows older than its window, from the tablet only (D5)', () => {
  it('D5: deletes an old finished entry with its amendments and a done task with its notes, queuing no op', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId, 30);
    const old = await entry(db, siteId, { occurredAt: NOW - 40 * DAY });
    const recent = await entry(db, siteId, { occurredAt: NOW - 10 * DAY });
    await db.logAmendment.put({ id: 'am1', entryId: old, recordedAt: NOW - 40 * DAY } as never);
    await db.task.put({ id: 't1', status: 'done', createdAt: NOW - 50 * DAY, closedAt: NOW - 45 * DAY } as never);
    await db.taskNote.put({ id: 'n1', taskId: 't1', recordedAt: NOW - 46 * DAY } as never);
    const outcome = await pruneLocalWindow(db, NOW);
    expect(outcome).toEqual({ entries: 1, amendments: 1, tasks: 1, notes: 1 });
    expect(await db.logEntry.get(old)).toBeUndefined();
    expect(await db.logEntry.get(recent)).toBeDefined();
    expect(await db.logAmendment.count()).toBe(0);
    expect(await db.taskNote.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('D5: keeps what the screens still need: open entries, the duty in progress, a queued op, an open task and what it points at', async () => {
    const { db, siteId, deviceId } = await enrolledDb();
    await site(db, siteId, 30);
    const at = NOW - 60 * DAY;
    const open = await entry(db, siteId, { status: 'open', occurredAt: at });
    await db.duty.put({ id: 'current', endedAt: null } as never);
    const ofDuty = await entry(db, siteId, { dutyId: 'current', occurredAt: at });
    const queued = await entry(db, siteId, { occurredAt: at });
    await db.outbox.add({
      deviceId,
      counter: 1,
      table: 'logEntry',
      rowId: queued,
      kind: 'patch',
      fields: { result: 'x' },
      baseVersion: {},
      hlc: 'h',
      deviceTime: at,
      actorStaffId: 's',
    });
    const referred = await entry(db, siteId, { status: 'referred', occurredAt: at });
    await db.task.put({ id: 'open-task', status: 'open', sourceId: referred, createdAt: at, closedAt: null } as never);
    const equipment = await entry(db, siteId, { kind: 'equipmentOp', operationEndedAt: null, occurredAt: at });
    expect(await pruneLocalWindow(db, NOW)).toEqual({ entries: 0, amendments: 0, tasks: 0, notes: 0 });
    for (const id of [open, ofDuty, queued, referred, equipment]) expect(await db.logEntry.get(id)).toBeDefined();
    expect(await db.task.get('open-task')).toBeDefined();
  });

  it('deletes at most `limit` rows a run, and a later run goes on', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId, 30);
    for (let i = 0; i < 5; i += 1) await entry(db, siteId, { occurredAt: NOW - (40 + i) * DAY });
    expect((await pruneLocalWindow(db, NOW, 3)).entries).toBe(3);
    expect((await pruneLocalWindow(db, NOW, 3)).entries).toBe(2);
    expect(await db.logEntry.count()).toBe(0);
  });

  it('D5: a pruned row is not read as deleted by the sync; the server sending it again brings it back whole', async () => {
    const { db, siteId } = await enrolledDb();
    await site(db, siteId, 30);
    const old = await entry(db, siteId, { occurredAt: NOW - 40 * DAY, cause: '舊記錄' });
    const row = await db.logEntry.get(old);
    await pruneLocalWindow(db, NOW);
    expect(await db.logEntry.get(old)).toBeUndefined();
    const { _versions, ...plain } = row!;
    const page = {
      changes: [{ seq: 1, table: 'logEntry', id: old, row: { ...plain, result: '已完成' }, versions: { result: 2 } }],
      cursor: 1,
      hasMore: false,
      serverTime: NOW,
    };
    expect(_versions).toEqual({});
    await applyPullPage(db, 0, page as never, NOW);
    expect(await db.logEntry.get(old)).toMatchObject({ cause: '舊記錄', result: '已完成', deleted: false });
    expect(await db.outbox.count()).toBe(0);
  });
});
