/**
 * D5: move a building's records older than its retention period to archive files, then remove
 * them from the database. Never anything younger than 2 years, whatever `site.retentionDays` says.
 *
 * Batch by batch (whole units, units.ts): the file is written and fsync'd first; then ONE
 * transaction records it in `archives` (with its SHA-256), re-labels the chain links of the
 * archived signed records `archive:<n>` (their hashes stay, so a younger record's `prevHash` is
 * still known to the server and to `npm run verify`), and deletes the rows, their locks and photo
 * bytes no row names any more. A crash before the commit leaves every row in place (and at worst
 * an unrecorded file); after it, the rows are in a recorded file. Removed rows are not tombstoned:
 * pull sends nothing for them, and tablets prune their own window.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteStore } from '../store/sqlite-store';
import { ARCHIVED_PREFIX } from '../integrity/verify';
import { writeArchive, type ArchiveLine, type ArchivedRow } from './archive-file';
import { archivableUnits, type RetentionRow } from './units';

const DAY_MS = 86_400_000;
/** D5: records are kept for two years at least. */
export const MIN_RETENTION_DAYS = 730;
/** At most this many rows per file and transaction, so a run never holds the write lock long. */
export const BATCH_ROWS = 5_000;

/** The cut for a building: `retentionDays` (never under 730) before now. */
export function retentionCut(retentionDays: unknown, nowMs: number): number {
  const days = typeof retentionDays === 'number' && Number.isFinite(retentionDays) ? retentionDays : 0;
  return nowMs - Math.max(MIN_RETENTION_DAYS, days) * DAY_MS;
}

export interface ArchiveOptions {
  store: SqliteStore;
  /** Archives go under `<dataDir>/archives/<siteId>/`. */
  dataDir: string;
  nowMs: number;
  batchRows?: number;
  /** Tests only: runs inside each batch's transaction before the rows are removed (a throw is a crash). */
  beforeDelete?: (file: string) => void;
}

export interface ArchiveResult {
  siteId: string;
  cutMs: number;
  files: { file: string; sha256: string; rowCount: number }[];
  rowCount: number;
}

interface RawRow {
  tbl: string;
  id: string;
  data: string;
  versions: string;
  updated_hlc: string;
  seq: number;
  deleted: number;
  received_at: number | null;
}

/** Archive one building's old units. */
export function archiveBuilding(opts: ArchiveOptions, siteId: string): ArchiveResult {
  const { db } = opts.store;
  const site = opts.store.getRow('site', siteId);
  const cutMs = retentionCut(site?.row['retentionDays'], opts.nowMs);
  const raw = db.prepare<[string], RawRow>('SELECT * FROM rows WHERE site_id = ? ORDER BY seq').all(siteId);
  const rows: (RetentionRow & { raw: RawRow })[] = raw.map((r) => ({
    table: r.tbl,
    id: r.id,
    row: JSON.parse(r.data) as Record<string, unknown>,
    receivedAt: r.received_at,
    updatedHlc: r.updated_hlc,
    raw: r,
  }));
  const units = archivableUnits(rows, cutMs) as (RetentionRow & { raw: RawRow })[][];
  const result: ArchiveResult = { siteId, cutMs, files: [], rowCount: 0 };
  if (units.length === 0) return result;

  const dir = join(opts.dataDir, 'archives', siteId);
  mkdirSync(dir, { recursive: true });
  const limit = opts.batchRows ?? BATCH_ROWS;
  let batch: (RetentionRow & { raw: RawRow })[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const file = join(
      dir,
      `${new Date(opts.nowMs).toISOString().replace(/[:.]/g, '-')}-${result.files.length + 1}.jsonl.gz`,
    );
    result.files.push(archiveBatch(opts, siteId, cutMs, batch, file));
    result.rowCount += batch.length;
    batch = [];
  };
  for (const unit of units) {
    if (batch.length > 0 && batch.length + unit.length > limit) flush();
    batch.push(...unit);
  }
  flush();
  return result;
}

function archiveBatch(
  opts: ArchiveOptions,
  siteId: string,
  cutMs: number,
  batch: (RetentionRow & { raw: RawRow })[],
  file: string,
): { file: string; sha256: string; rowCount: number } {
  const { db } = opts.store;
  const ids = new Set(batch.map((r) => r.id));
  const lines: ArchiveLine[] = batch.map((r): ArchivedRow => ({
    kind: 'row',
    table: r.raw.tbl,
    id: r.raw.id,
    data: r.raw.data,
    versions: r.raw.versions,
    updatedHlc: r.raw.updated_hlc,
    seq: r.raw.seq,
    deleted: r.raw.deleted === 1,
    receivedAt: r.raw.received_at,
  }));
  const locks = db
    .prepare<[string], { tbl: string; id: string; record_id: string }>('SELECT * FROM locks WHERE site_id = ?')
    .all(siteId)
    .filter((l) => ids.has(l.id) || ids.has(l.record_id));
  for (const l of locks) lines.push({ kind: 'lock', table: l.tbl, id: l.id, recordId: l.record_id });
  const links = batch
    .filter((r) => r.table === 'handoverRecord' || r.table === 'dayReview')
    .map((r) => ({ hash: String(r.row['hash']), recordId: r.id }));
  for (const l of links) lines.push({ kind: 'chain', ...l });
  const photos = photosLeaving(opts.store, siteId, batch, ids);
  for (const p of photos) lines.push({ kind: 'photo', ...p, data: Buffer.from(p.data).toString('base64') });

  const header = {
    format: 'handover-desk-archive' as const,
    version: 1 as const,
    siteId,
    throughMs: cutMs,
    createdAt: opts.nowMs,
    rowCount: batch.length,
  };
  const sha256 = writeArchive(file, { header, lines });

  opts.store.transaction(() => {
    const archiveId = db
      .prepare(
        'INSERT INTO archives (site_id, through_ms, file, sha256, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(siteId, cutMs, file, sha256, batch.length, opts.nowMs).lastInsertRowid;
    opts.beforeDelete?.(file);
    const relabel = db.prepare('UPDATE chain SET record_id = ? WHERE site_id = ? AND hash = ?');
    for (const l of links) relabel.run(`${ARCHIVED_PREFIX}${String(archiveId)}`, siteId, l.hash);
    const dropLock = db.prepare('DELETE FROM locks WHERE tbl = ? AND id = ?');
    for (const l of locks) dropLock.run(l.tbl, l.id);
    const dropRow = db.prepare('DELETE FROM rows WHERE tbl = ? AND id = ? AND site_id = ?');
    for (const r of batch) dropRow.run(r.table, r.id, siteId);
    const dropPhoto = db.prepare('DELETE FROM photos WHERE site_id = ? AND sha256 = ?');
    for (const p of photos) dropPhoto.run(siteId, p.sha256);
  });
  return { file, sha256, rowCount: batch.length };
}

/** The photo bytes of archived photo rows that no staying photo row names. */
function photosLeaving(store: SqliteStore, siteId: string, batch: RetentionRow[], ids: Set<string>) {
  const leaving = new Set(batch.filter((r) => r.table === 'photo').map((r) => String(r.row['sha256'])));
  if (leaving.size === 0) return [];
  for (const p of store.listRows(siteId, 'photo')) if (!ids.has(p.id)) leaving.delete(String(p.row['sha256']));
  return [...leaving].flatMap((sha) => {
    const photo = store.getPhoto(siteId, sha);
    return photo
      ? [{ sha256: sha, mime: photo.mime, bytes: photo.bytes, createdAt: photo.createdAt, data: photo.data }]
      : [];
  });
}

/** Archive every building (the daily job and `npm run archive`). */
export function archiveAll(opts: ArchiveOptions): ArchiveResult[] {
  return opts.store.listSiteIds().map((siteId) => archiveBuilding(opts, siteId));
}
