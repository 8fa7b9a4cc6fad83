/**
 * Read functions of the handover history (issue 8, O1): every signed handover, opening and closing
 * of the building, newest first, with its addenda and review flags. Meant for
 * `useLiveQuery(() => fn(db, ...))`. Two years of records (about 2,200) stay fast: the list walks
 * the `signedAt` index backwards inside the range and stops after one page.
 */
import type { LogEntry, ReviewFlag } from '../../../domain/entities';
import type { HandoverKind, HandoverRecord, Photo } from '../../../domain/handover-entities';
import type { Task } from '../../../domain/task-entities';
import { plain } from '../repos/repo-helpers';
import type { HandoverDb } from '../schema';

export interface HistoryFilter {
  /** `[fromMs, toMs)` of signing times; null for no bound. */
  fromMs: number | null;
  toMs: number | null;
  kind: HandoverKind | null;
}

/** A signed record as the history lists it: with its addenda (oldest first) and the server's flags. */
export interface HistoryRow {
  record: HandoverRecord;
  addenda: HandoverRecord[];
  flags: ReviewFlag[];
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** More records match beyond `limit`. */
  hasMore: boolean;
}

/** Signing times far outside any record's, for an open end of the range on the index. */
const MIN_MS = -8_640_000_000_000_000;
const MAX_MS = 8_640_000_000_000_000;

/** The addenda of `records` (by `correctsId`), oldest first, keyed by the record they correct. */
async function addendaOf(db: HandoverDb, records: readonly HandoverRecord[]): Promise<Map<string, HandoverRecord[]>> {
  const byRecord = new Map<string, HandoverRecord[]>();
  if (records.length === 0) return byRecord;
  const ids = new Set(records.map((r) => r.id));
  // An addendum carries its record's handoverId (addCorrection copies the content).
  const rows = await db.handoverRecord
    .where('handoverId')
    .anyOf([...new Set(records.map((r) => r.handoverId))])
    .toArray();
  for (const row of rows.sort((a, b) => a.signedAt - b.signedAt || a.id.localeCompare(b.id))) {
    if (row.deleted || row.correctsId === null || !ids.has(row.correctsId)) continue;
    const list = byRecord.get(row.correctsId) ?? [];
    list.push(plain(row));
    byRecord.set(row.correctsId, list);
  }
  return byRecord;
}

/** The server's flags (T1, H3) on `records`, oldest first, keyed by record id. */
async function flagsOf(db: HandoverDb, records: readonly HandoverRecord[]): Promise<Map<string, ReviewFlag[]>> {
  const byRecord = new Map<string, ReviewFlag[]>();
  if (records.length === 0) return byRecord;
  const rows = await db.reviewFlag
    .where('rowId')
    .anyOf(records.map((r) => r.id))
    .sortBy('recordedAt');
  for (const row of rows) {
    if (row.deleted || row.table !== 'handoverRecord') continue;
    const { _versions: _local, ...flag } = row;
    byRecord.set(flag.rowId, [...(byRecord.get(flag.rowId) ?? []), flag]);
  }
  return byRecord;
}

/**
 * The newest `limit` signed records (not addenda) matching `filter`, newest signing first, each
 * with its addenda and flags. Read through the `signedAt` index in reverse, so a page costs the
 * records walked to fill it, not the whole history.
 */
export async function historyPage(db: HandoverDb, filter: HistoryFilter, limit: number): Promise<HistoryPage> {
  const n = Math.max(1, Math.floor(limit));
  const rows = await db.handoverRecord
    .where('signedAt')
    .between(filter.fromMs ?? MIN_MS, filter.toMs ?? MAX_MS, true, false)
    .reverse()
    .filter((r) => !r.deleted && r.correctsId === null && (filter.kind === null || r.kind === filter.kind))
    .limit(n + 1)
    .toArray();
  const records = rows.slice(0, n).map((r) => plain(r));
  const [addenda, flags] = await Promise.all([addendaOf(db, records), flagsOf(db, records)]);
  return {
    rows: records.map((record) => ({
      record,
      addenda: addenda.get(record.id) ?? [],
      flags: flags.get(record.id) ?? [],
    })),
    hasMore: rows.length > n,
  };
}

/**
 * One signed record with its addenda and flags, or null when it is not on this tablet. An
 * addendum's id opens the record it corrects, where the addendum is shown.
 */
export async function historyRecord(db: HandoverDb, recordId: string): Promise<HistoryRow | null> {
  const found = await db.handoverRecord.get(recordId);
  // One step only: an addendum corrects a signed record, never another addendum.
  const row = found && found.correctsId !== null ? await db.handoverRecord.get(found.correctsId) : found;
  if (!row || row.deleted || row.correctsId !== null) return null;
  const record = plain(row);
  const [addenda, flags] = await Promise.all([addendaOf(db, [record]), flagsOf(db, [record])]);
  return { record, addenda: addenda.get(record.id) ?? [], flags: flags.get(record.id) ?? [] };
}

/**
 * The entries among `entryIds` that are on this tablet (an outgoing duty's entries by the record's
 * digests, the major matters carried), by id; absent ones are not in the map.
 */
export async function entriesByIds(db: HandoverDb, entryIds: readonly string[]): Promise<Map<string, LogEntry>> {
  const rows = await db.logEntry.bulkGet([...new Set(entryIds)]);
  return new Map(rows.flatMap((e) => (e && !e.deleted ? [[e.id, plain(e)] as const] : [])));
}

/** The carried tasks (pending work, instructions) among `taskIds` that are on this tablet, by id. */
export async function tasksByIds(db: HandoverDb, taskIds: readonly string[]): Promise<Map<string, Task>> {
  const rows = await db.task.bulkGet([...new Set(taskIds)]);
  return new Map(rows.flatMap((x) => (x && !x.deleted ? [[x.id, plain(x)] as const] : [])));
}

/** The photo rows of the given contents (a count line's photos), by SHA-256, for thumbnails. */
export async function photosBySha(db: HandoverDb, sha256s: readonly string[]): Promise<Map<string, Photo>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.photo
    .where('sha256')
    .anyOf([...sha256s])
    .toArray();
  return new Map(rows.filter((p) => !p.deleted).map((p) => [p.sha256, plain(p)]));
}
