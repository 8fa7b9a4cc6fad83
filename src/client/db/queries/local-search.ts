/**
 * The tablet's search over its local window (D5, issue 8 point 7), used only by the search screen's
 * lazy chunk. Each searched row's normalised text (`searchKey`) is computed once and cached in
 * memory; Dexie's table hooks mark the rows written since, so a search re-reads only those (a busy
 * desk's 20,000 entries are matched in a few milliseconds instead of being re-read from IndexedDB).
 * A pull applied by another context (the service worker's background sync) moves the stored cursor
 * without the hooks of this page seeing its rows: the cache is then rebuilt whole.
 */
import { dayBounds, dayKeyOf } from '../../../domain/building-day';
import {
  SEARCH_STAFF_FIELD,
  SEARCH_TIME_FIELD,
  entryOnly,
  openTarget,
  type SearchFilters,
  type SearchHit,
} from '../../../domain/search-api';
import {
  SEARCH_TABLES,
  foldText,
  makeSnippet,
  matchesKey,
  rowSearchText,
  searchKey,
  type SearchTable,
} from '../../../domain/search-text';
import { windowStartDay } from '../local-prune';
import { getMeta } from '../meta';
import type { HandoverDb } from '../schema';

type Row = Record<string, unknown>;

interface Cached {
  table: SearchTable;
  id: string;
  at: number;
  key: string;
  row: Row;
}

interface Cache {
  rows: Map<string, Cached>;
  /** `table:id` written in this page since the rows were read. */
  dirty: Set<string>;
  /** The stored pull cursor the cache reflects, and the last one this page wrote itself. */
  cursorSeen: number;
  ownCursor: number | null;
  fromMs: number;
}

const caches = new WeakMap<HandoverDb, Cache>();

function cacheEntry(table: SearchTable, row: Row): Cached {
  const at = row[SEARCH_TIME_FIELD[table]];
  return {
    table,
    id: String(row.id),
    at: typeof at === 'number' ? at : 0,
    key: searchKey(rowSearchText(table, row)),
    row,
  };
}

async function readWindow(db: HandoverDb, fromMs: number): Promise<Map<string, Cached>> {
  const rows = new Map<string, Cached>();
  const put = (table: SearchTable, list: Row[]) => {
    for (const r of list) if (r.deleted !== true) rows.set(`${table}:${String(r.id)}`, cacheEntry(table, r));
  };
  put('logEntry', await db.logEntry.where('occurredAt').aboveOrEqual(fromMs).toArray());
  put('logAmendment', await db.logAmendment.where('recordedAt').aboveOrEqual(fromMs).toArray());
  put('taskNote', await db.taskNote.where('recordedAt').aboveOrEqual(fromMs).toArray());
  // Tasks have no index on their creation time; a building holds hundreds, not thousands.
  put('task', await db.task.filter((t) => t.createdAt >= fromMs).toArray());
  return rows;
}

function watch(db: HandoverDb, cache: Cache): void {
  for (const table of SEARCH_TABLES) {
    const mark = (id: unknown) => void cache.dirty.add(`${table}:${String(id)}`);
    const t = db.syncTable(table);
    t.hook('creating', (id) => mark(id));
    t.hook('updating', (_mods, id) => mark(id));
    t.hook('deleting', (id) => mark(id));
  }
  db.meta.hook('creating', (key, obj) => {
    if (key === 'cursor') cache.ownCursor = Number((obj as { value: unknown }).value);
  });
  db.meta.hook('updating', (mods, key) => {
    const value = (mods as { value?: unknown }).value;
    if (key === 'cursor' && value !== undefined) cache.ownCursor = Number(value);
  });
}

const queues = new WeakMap<HandoverDb, Promise<unknown>>();

/**
 * The cache for `db`, brought up to date for a window starting at `fromMs`. One update at a time
 * per database: a search typed while the screen's warm-up still reads the window waits for it
 * rather than seeing a half-filled cache.
 */
function freshCache(db: HandoverDb, fromMs: number): Promise<Cache> {
  const run = () => updateCache(db, fromMs);
  const next = (queues.get(db) ?? Promise.resolve()).then(run, run);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

async function updateCache(db: HandoverDb, fromMs: number): Promise<Cache> {
  const cursor = (await getMeta(db, 'cursor')) ?? 0;
  let cache = caches.get(db);
  if (!cache) {
    cache = { rows: new Map(), dirty: new Set(), cursorSeen: cursor, ownCursor: null, fromMs };
    watch(db, cache);
    caches.set(db, cache);
    try {
      cache.rows = await readWindow(db, fromMs);
    } catch (e) {
      // Not half-filled: the next search reads the window again.
      caches.delete(db);
      throw e;
    }
    cache.dirty.clear();
    return cache;
  }
  const foreignPull = cursor !== cache.cursorSeen && cursor !== cache.ownCursor;
  if (foreignPull || fromMs < cache.fromMs) {
    cache.dirty.clear();
    cache.rows = await readWindow(db, fromMs);
  } else if (cache.dirty.size > 0) {
    const dirty = [...cache.dirty];
    cache.dirty.clear();
    for (const ref of dirty) {
      const [table, id] = ref.split(':') as [SearchTable, string];
      const row = (await db.syncTable(table).get(id)) as Row | undefined;
      if (row && row.deleted !== true) cache.rows.set(ref, cacheEntry(table, row));
      else cache.rows.delete(ref);
    }
  }
  cache.cursorSeen = cursor;
  cache.fromMs = fromMs;
  return cache;
}

/**
 * Read the window and normalise its text ahead of the first search (the screen calls it when it
 * opens, while the person types): on a busy desk that first read is the slow part.
 */
export async function warmLocalSearch(
  db: HandoverDb,
  opts: { nowMs: number; timeZone: string; windowDays: number },
): Promise<void> {
  const start = windowStartDay(opts.nowMs, opts.timeZone, opts.windowDays);
  await freshCache(db, dayBounds(start, opts.timeZone).fromMs);
}

export interface LocalSearchResult {
  hits: SearchHit[];
  /** Whether the filters' range starts before the window (older records are on the server only). */
  reachesOutside: boolean;
  windowStart: string;
}

/** Search the tablet's window with the register filters, newest first, at most `filters.limit`. */
export async function searchLocal(
  db: HandoverDb,
  filters: SearchFilters,
  opts: { nowMs: number; timeZone: string; windowDays: number },
): Promise<LocalSearchResult> {
  const start = windowStartDay(opts.nowMs, opts.timeZone, opts.windowDays);
  const cache = await freshCache(db, dayBounds(start, opts.timeZone).fromMs);
  const fromMs = filters.from === null ? null : dayBounds(filters.from, opts.timeZone).fromMs;
  const toMs = filters.to === null ? null : dayBounds(filters.to, opts.timeZone).toMs;
  const onlyEntries = entryOnly(filters);
  const location = filters.location === null ? null : foldText(filters.location);
  const found: Cached[] = [];
  for (const c of cache.rows.values()) {
    if (fromMs !== null && c.at < fromMs) continue;
    if (toMs !== null && c.at >= toMs) continue;
    if (onlyEntries && c.table !== 'logEntry') continue;
    if (filters.staffId !== null && c.row[SEARCH_STAFF_FIELD[c.table]] !== filters.staffId) continue;
    if (filters.kind !== null && c.row.kind !== filters.kind) continue;
    if (filters.severity !== null && c.row.severity !== filters.severity) continue;
    if (filters.status !== null && c.row.status !== filters.status) continue;
    if (location !== null && !foldText(String(c.row.location ?? '')).includes(location)) continue;
    if (matchesKey(c.key, filters.query)) found.push(c);
  }
  found.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return {
    hits: found.slice(0, filters.limit).map((c) => ({
      table: c.table,
      id: c.id,
      at: c.at,
      day: dayKeyOf(c.at, opts.timeZone),
      snippet: makeSnippet(rowSearchText(c.table, c.row), filters.query),
      open: openTarget(c.table, c.row, c.id),
      row: c.row,
    })),
    reachesOutside: filters.from === null || filters.from < start,
    windowStart: start,
  };
}
