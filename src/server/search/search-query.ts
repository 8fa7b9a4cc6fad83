/**
 * One search page as the service hands it to the store (D5): the match, the building, the day
 * range and the registers' filters, newest first, one page at a time by keyset (`at`, `rowid`).
 * The store runs it in its own dialect (`searchRows`; SQLite: src/server/store/sqlite-search.ts).
 */
import type { SearchQuery } from '../../domain/search-text';

/** One search as the store runs it; the service has checked and converted the filters. */
export interface RowSearch {
  siteId: string;
  /** An FTS5 MATCH expression (`ftsMatch` of src/domain/search-text.ts): what SQLite runs. */
  match: string;
  /** The same query parsed (runs and words): what PostgreSQL matches (src/server/search/pg-search.ts). */
  query: SearchQuery;
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
