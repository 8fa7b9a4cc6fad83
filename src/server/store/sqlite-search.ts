/**
 * The server's search index on SQLite (D5, issue 8 point 7): FTS5 over pre-tokenised text
 * (migration 0005_search.sql). Every write of a searched row goes through `indexRow` inside the
 * store's `writeRow`, so the index changes in the same transaction as the row; a row removed from
 * `rows` leaves the index by the migration's trigger. `runRowSearch` is the SQL of one search page:
 * the FTS5 match, the building, the day range and the registers' filters, newest first, by keyset
 * (`at`, `rowid`), so a later page costs what the first does; the rows' JSON is read only for the
 * page returned.
 */
import type Database from 'better-sqlite3';
import type { RowSearch, RowSearchHit } from '../search/search-query';
import { searchLine, toSearchHit, type SearchHitRow } from './store-rows';
import { indexTokens, isSearchTable, rowSearchText, type SearchTable } from '../../domain/search-text';

/** One row write as the index sees it. */
export interface IndexedWrite {
  siteId: string;
  table: string;
  id: string;
  row: Record<string, unknown>;
  deleted: boolean;
}

/** Rows read per batch when the index is filled from rows stored before it existed. */
const FILL_BATCH = 2000;

/** The prepared statements of the index; one per store. */
export class SearchIndex {
  private readonly findRowid: Database.Statement<[string, string], { rowid: number }>;
  private readonly deleteFts: Database.Statement<[number]>;
  private readonly deleteLine: Database.Statement<[number]>;
  private readonly insertLine: Database.Statement<unknown[], { rowid: number }>;
  private readonly insertFts: Database.Statement<[number, string]>;

  constructor(private readonly db: Database.Database) {
    this.findRowid = db.prepare('SELECT rowid FROM search_rows WHERE tbl = ? AND id = ?');
    this.deleteFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    this.deleteLine = db.prepare('DELETE FROM search_rows WHERE rowid = ?');
    this.insertLine = db.prepare(
      `INSERT INTO search_rows (site_id, tbl, id, at, staff_id, kind, severity, status, location)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
    );
    this.insertFts = db.prepare('INSERT INTO search_fts (rowid, tokens) VALUES (?, ?)');
  }

  /** Bring the index in step with one row write; rows of other tables are ignored. */
  indexRow(w: IndexedWrite): void {
    if (!isSearchTable(w.table)) return;
    const old = this.findRowid.get(w.table, w.id);
    if (old) {
      this.deleteFts.run(old.rowid);
      this.deleteLine.run(old.rowid);
    }
    if (w.deleted) return;
    this.insert(w.siteId, w.table, w.id, w.row);
  }

  private insert(siteId: string, table: SearchTable, id: string, row: Record<string, unknown>): void {
    const l = searchLine(table, row);
    const line = this.insertLine.get(siteId, table, id, l.at, l.staffId, l.kind, l.severity, l.status, l.location);
    if (!line) throw new Error(`could not index ${table} ${id}`);
    this.insertFts.run(line.rowid, indexTokens(rowSearchText(table, row)));
  }

  /**
   * Fill the index from the rows stored before it existed, once (migration 0005 leaves
   * `search_state.filled` at 0). Runs at start, in one transaction, before any request.
   */
  fillIfNeeded(): number {
    const state = this.db.prepare('SELECT filled FROM search_state WHERE id = 1').get() as { filled: number };
    if (state.filled === 1) return 0;
    let count = 0;
    this.db
      .transaction(() => {
        const page = this.db.prepare(
          `SELECT site_id, tbl, id, data FROM rows
           WHERE tbl IN ('logEntry', 'logAmendment', 'task', 'taskNote') AND deleted = 0
             AND (tbl, id) > (?, ?) ORDER BY tbl, id LIMIT ${FILL_BATCH}`,
        ) as Database.Statement<[string, string], { site_id: string; tbl: string; id: string; data: string }>;
        let after: [string, string] = ['', ''];
        for (;;) {
          const rows = page.all(...after);
          for (const r of rows) {
            this.indexRow({
              siteId: r.site_id,
              table: r.tbl,
              id: r.id,
              row: JSON.parse(r.data) as Record<string, unknown>,
              deleted: false,
            });
          }
          count += rows.length;
          const last = rows.at(-1);
          if (!last || rows.length < FILL_BATCH) break;
          after = [last.tbl, last.id];
        }
        this.db.prepare('UPDATE search_state SET filled = 1 WHERE id = 1').run();
      })
      .immediate();
    return count;
  }
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
  return (db.prepare(sql).all(params) as SearchHitRow[]).map(toSearchHit);
}
