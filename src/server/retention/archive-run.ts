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
import type { RawRow, Store } from '../store/store';
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
  store: Store;
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

/** Archive one building's old units. */
export async function archiveBuilding(opts: ArchiveOptions, siteId: string): Promise<ArchiveResult> {
  const site = await opts.store.getRow(siteId, 'site', siteId);
  const cutMs = retentionCut(site?.row.retentionDays, opts.nowMs);
  const raw = await opts.store.listRawRows(siteId);
  const rows: (RetentionRow & { raw: RawRow })[] = raw.map((r) => ({
    table: r.table,
    id: r.id,
    row: JSON.parse(r.dataJson) as Record<string, unknown>,
    receivedAt: r.receivedAt,
    updatedHlc: r.updatedHlc,
    raw: r,
  }));
  const units = archivableUnits(rows, cutMs) as (RetentionRow & { raw: RawRow })[][];
  const result: ArchiveResult = { siteId, cutMs, files: [], rowCount: 0 };
  if (units.length === 0) return result;

  const dir = join(opts.dataDir, 'archives', siteId);
  mkdirSync(dir, { recursive: true });
  const limit = opts.batchRows ?? BATCH_ROWS;
  let batch: (RetentionRow & { raw: RawRow })[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const file = join(
      dir,
      `${new Date(opts.nowMs).toISOString().replace(/[:.]/g, '-')}-${result.files.length + 1}.jsonl.gz`,
    );
    result.files.push(await archiveBatch(opts, siteId, cutMs, batch, file));
    result.rowCount += batch.length;
    batch = [];
  };
  for (const unit of units) {
    if (batch.length > 0 && batch.length + unit.length > limit) await flush();
    batch.push(...unit);
  }
  await flush();
  return result;
}

async function archiveBatch(
  opts: ArchiveOptions,
  siteId: string,
  cutMs: number,
  batch: (RetentionRow & { raw: RawRow })[],
  file: string,
): Promise<{ file: string; sha256: string; rowCount: number }> {
  const ids = new Set(batch.map((r) => r.id));
  const lines: ArchiveLine[] = batch.map((r): ArchivedRow => ({
    kind: 'row',
    table: r.raw.table,
    id: r.raw.id,
    data: r.raw.dataJson,
    versions: r.raw.versionsJson,
    updatedHlc: r.raw.updatedHlc,
    seq: r.raw.seq,
    deleted: r.raw.deleted,
    receivedAt: r.raw.receivedAt,
  }));
  const locks = (await opts.store.listLocks(siteId)).filter((l) => ids.has(l.id) || ids.has(l.recordId));
  for (const l of locks) lines.push({ kind: 'lock', table: l.table, id: l.id, recordId: l.recordId });
  const links = batch
    .filter((r) => r.table === 'handoverRecord' || r.table === 'dayReview')
    .map((r) => ({ hash: String(r.row['hash']), recordId: r.id }));
  for (const l of links) lines.push({ kind: 'chain', ...l });
  const photos = await photosLeaving(opts.store, siteId, batch, ids);
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

  await opts.store.transaction(siteId, async (tx) => {
    opts.beforeDelete?.(file);
    await tx.archiveRows({
      siteId,
      throughMs: cutMs,
      file,
      sha256,
      rowCount: batch.length,
      createdAt: opts.nowMs,
      chainHashes: links.map((l) => l.hash),
      rows: batch.map((r) => ({ table: r.table, id: r.id })),
      locks: locks.map((l) => ({ table: l.table, id: l.id })),
      photoHashes: photos.map((p) => p.sha256),
    });
  });
  return { file, sha256, rowCount: batch.length };
}

/** The photo bytes of archived photo rows that no staying photo row names. */
async function photosLeaving(store: Store, siteId: string, batch: RetentionRow[], ids: Set<string>) {
  const leaving = new Set(batch.filter((r) => r.table === 'photo').map((r) => String(r.row['sha256'])));
  if (leaving.size === 0) return [];
  for (const p of await store.listRows(siteId, 'photo')) if (!ids.has(p.id)) leaving.delete(p.row.sha256);
  const out: { sha256: string; mime: string; bytes: number; createdAt: number; data: Uint8Array }[] = [];
  for (const sha of leaving) {
    const photo = await store.getPhoto(siteId, sha);
    if (photo)
      out.push({ sha256: sha, mime: photo.mime, bytes: photo.bytes, createdAt: photo.createdAt, data: photo.data });
  }
  return out;
}

/** Archive every building (the daily job and `npm run archive`). */
export async function archiveAll(opts: ArchiveOptions): Promise<ArchiveResult[]> {
  const results: ArchiveResult[] = [];
  for (const siteId of await opts.store.listSiteIds()) results.push(await archiveBuilding(opts, siteId));
  return results;
}
