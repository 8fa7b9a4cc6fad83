/**
 * The SQL of a search (D5): the FTS5 match, the building, the day range and the registers' filters,
 * newest first, one page at a time by keyset (`at`, `rowid`), so a later page costs what the first
 * does. The rows' JSON is read only for the page returned.
 */
import type Database from 'better-sqlite3';

/** One search as the store runs it; the service has checked and converted the filters. */
export interface RowSearch {
  siteId: string;
  /** An FTS5 MATCH expression (`ftsMatch` of src/domain/search-text.ts). */
  match: string;
  /** `[fromMs, toMs)`, either end open when null. */
  fromMs: number | null;
  toMs: number | null;
  staffId: string | null;
  kind: string | null;
  severity: string | null;
  status: string | null;
  /** Folded (`foldText`); matched anywhere in the entry's folded location. */
  location: string | null;
  /** Only duty-record entries (a filter names an entry's field). */
  entriesOnly: boolean;
  limit: number;
  /** The last result of the previous page. */
  after: { at: number; rowid: number } | null;
}

export interface RowSearchHit {
  rowid: number;
  table: string;
  id: string;
  at: number;
  dataJson: string;
}

/** Run one search page against the index tables of migration 0005. */
export function runRowSearch(db: Database.Database, s: RowSearch): RowSearchHit[] {
  const where = ['sr.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @match)', 'sr.site_id = @siteId'];
  const params: Record<string, string | number> = { match: s.match, siteId: s.siteId, limit: s.limit };
  const eq = (column: string, name: string, value: string | number | null) => {
    if (value === null) return;
    where.push(`sr.${column} = @${name}`);
    params[name] = value;
  };
  if (s.fromMs !== null) {
    where.push('sr.at >= @fromMs');
    params.fromMs = s.fromMs;
  }
  if (s.toMs !== null) {
    where.push('sr.at < @toMs');
    params.toMs = s.toMs;
  }
  eq('staff_id', 'staffId', s.staffId);
  eq('kind', 'kind', s.kind);
  eq('severity', 'severity', s.severity);
  eq('status', 'status', s.status);
  if (s.location !== null) {
    where.push('instr(sr.location, @location) > 0');
    params.location = s.location;
  }
  if (s.entriesOnly) where.push("sr.tbl = 'logEntry'");
  if (s.after) {
    where.push('(sr.at < @afterAt OR (sr.at = @afterAt AND sr.rowid < @afterRowid))');
    params.afterAt = s.after.at;
    params.afterRowid = s.after.rowid;
  }
  const sql = `
    SELECT s.rowid AS rowid, s.tbl AS tbl, s.id AS id, s.at AS at, r.data AS data
    FROM (SELECT sr.rowid, sr.tbl, sr.id, sr.at FROM search_rows sr
          WHERE ${where.join(' AND ')}
          ORDER BY sr.at DESC, sr.rowid DESC LIMIT @limit) s
    JOIN rows r ON r.tbl = s.tbl AND r.id = s.id
    ORDER BY s.at DESC, s.rowid DESC`;
  const rows = db.prepare(sql).all(params) as { rowid: number; tbl: string; id: string; at: number; data: string }[];
  return rows.map((r) => ({ rowid: r.rowid, table: r.tbl, id: r.id, at: r.at, dataJson: r.data }));
}
