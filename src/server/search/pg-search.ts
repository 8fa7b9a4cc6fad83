/**
 * Search on PostgreSQL (D5, issue 10 §3): the index columns of one row and the SQL of one search
 * page, over `search_rows` of migrations-pg/0005_search.sql. The text is cut by the same code as on
 * SQLite (src/domain/search-text.ts), and a query matches the same rows, in the same order:
 *
 * - SQLite matches a Han run of two or more characters as a phrase of its bigrams. A run's tokens end
 *   with its last character alone, so a phrase never spans two runs: the phrase matches exactly when
 *   the query run is inside one run of the text. Here: all its bigrams in `grams` (GIN), then the run
 *   inside `runs`.
 * - One Han character is a token prefix there: every character of a run starts one of its tokens, so
 *   it matches exactly when the character is in a run. Here: the character in `grams`.
 * - A word is a token prefix there; here `words LIKE '% word%'` (pg_trgm GIN).
 * Newest first by (at, rowid), one page at a time by keyset, as runRowSearch does.
 */
import { runTokens, segmentText, type SearchQuery } from '../../domain/search-text';
import type { RowSearch } from './search-query';

/** What `search_rows` holds of one row's text. */
export interface PgSearchColumns {
  grams: string[];
  runs: string;
  words: string;
}

/** The index columns of a row's searched text. */
export function pgSearchColumns(text: string): PgSearchColumns {
  const { runs, words } = segmentText(text);
  const grams = new Set<string>();
  for (const run of runs) {
    for (const token of runTokens(run)) grams.add(token);
    for (const ch of run) grams.add(ch);
  }
  return { grams: [...grams], runs: ` ${runs.join(' ')} `, words: ` ${words.join(' ')}` };
}

/** The grams a query needs: the bigrams of each run of two or more characters, a single one itself. */
export function queryGrams(query: SearchQuery): string[] {
  const grams = new Set<string>();
  for (const run of query.runs) {
    const chars = Array.from(run);
    if (chars.length === 1) grams.add(run);
    else for (const token of runTokens(run).slice(0, -1)) grams.add(token);
  }
  return [...grams];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One search page as SQL with its positional parameters. */
export function pgSearchSql(s: RowSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`sr.site_id = ${p(s.siteId)}`];
  const grams = queryGrams(s.query);
  if (grams.length > 0) where.push(`sr.grams @> ${p(grams)}::text[]`);
  for (const run of s.query.runs) if (Array.from(run).length > 1) where.push(`strpos(sr.runs, ${p(run)}) > 0`);
  for (const word of s.query.words) where.push(`sr.words LIKE ${p(`% ${escapeLike(word)}%`)}`);
  if (s.fromMs !== null) where.push(`sr.at >= ${p(s.fromMs)}`);
  if (s.toMs !== null) where.push(`sr.at < ${p(s.toMs)}`);
  const eq = (column: string, value: string | null) => {
    if (value !== null) where.push(`sr.${column} = ${p(value)}`);
  };
  eq('staff_id', s.staffId);
  eq('kind', s.kind);
  eq('severity', s.severity);
  eq('status', s.status);
  if (s.location !== null) where.push(`strpos(sr.location, ${p(s.location)}) > 0`);
  if (s.entriesOnly) where.push("sr.tbl = 'logEntry'");
  if (s.after) {
    const at = p(s.after.at);
    where.push(`(sr.at < ${at} OR (sr.at = ${at} AND sr.rowid < ${p(s.after.rowid)}))`);
  }
  const sql = `
    SELECT s.rowid AS rowid, s.tbl AS tbl, s.id AS id, s.at AS at, r.data::text AS data
    FROM (SELECT sr.rowid, sr.tbl, sr.id, sr.at FROM search_rows sr
          WHERE ${where.join(' AND ')}
          ORDER BY sr.at DESC, sr.rowid DESC LIMIT ${p(s.limit)}) s
    JOIN rows r ON r.tbl = s.tbl AND r.id = s.id
    ORDER BY s.at DESC, s.rowid DESC`;
  return { sql, params };
}
