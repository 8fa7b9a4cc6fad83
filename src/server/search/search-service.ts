/**
 * The server's search (D5, issue 8 point 7): over every record of the token's building, however old
 * (the tablet keeps only its local window). Filters are the registers' own; days are the building's.
 */
import { dayBounds, dayKeyOf } from '../../domain/building-day';
import { entryOnly, openTarget, parseSearchFilters, type SearchResponse } from '../../domain/search-api';
import { foldText, ftsMatch, makeSnippet, rowSearchText, type SearchTable } from '../../domain/search-text';
import { ApiError } from '../api-error';
import type { Store } from '../store/store';

const CURSOR_PATTERN = /^(-?\d{1,16})\.(\d{1,16})$/;

/** What each refused parameter means, for the 400's message. */
const PROBLEM_TEXT: Record<string, string> = {
  empty: 'is empty (spaces and punctuation alone do not search)',
  tooLong: 'is too long',
  notDay: 'is not a day (YYYY-MM-DD)',
  fromAfterTo: 'is before `from`',
  unknown: 'is not a known value',
  notNumber: 'is not a whole number in range',
};

/**
 * Search `siteId` with the request's query-string `params`.
 * @throws ApiError `bad_request` naming the parameter at fault.
 */
export async function searchBuilding(
  store: Store,
  siteId: string,
  params: Record<string, string | undefined>,
  nowMs: number,
): Promise<SearchResponse> {
  const parsed = parseSearchFilters(params);
  if (!parsed.ok) {
    const { param, problem } = parsed.error;
    throw new ApiError('bad_request', `\`${param}\` ${PROBLEM_TEXT[problem] ?? 'is not valid'}`, { param, problem });
  }
  const f = parsed.filters;
  let after: { at: number; rowid: number } | null = null;
  if (params.cursor) {
    const m = CURSOR_PATTERN.exec(params.cursor);
    if (!m) throw new ApiError('bad_request', '`cursor` is not a cursor this server gave', { param: 'cursor' });
    after = { at: Number(m[1]), rowid: Number(m[2]) };
  }
  const site = await store.getRow(siteId, 'site', siteId);
  if (!site) throw new ApiError('not_found', 'this building is unknown');
  const timeZone = site.row.timeZone;
  const hits = await store.searchRows({
    siteId,
    match: ftsMatch(f.query),
    query: f.query,
    fromMs: f.from === null ? null : dayBounds(f.from, timeZone).fromMs,
    toMs: f.to === null ? null : dayBounds(f.to, timeZone).toMs,
    staffId: f.staffId,
    kind: f.kind,
    severity: f.severity,
    status: f.status,
    location: f.location === null ? null : foldText(f.location),
    entriesOnly: entryOnly(f),
    // One more than asked tells whether another page follows.
    limit: f.limit + 1,
    after,
  });
  const page = hits.slice(0, f.limit);
  const last = page.at(-1);
  return {
    hits: page.map((h) => {
      const table = h.table as SearchTable;
      const row = JSON.parse(h.dataJson) as Record<string, unknown>;
      return {
        table,
        id: h.id,
        at: h.at,
        day: dayKeyOf(h.at, timeZone),
        snippet: makeSnippet(rowSearchText(table, row), f.query),
        open: openTarget(table, row, h.id),
        row,
      };
    }),
    cursor: hits.length > f.limit && last ? `${last.at}.${last.rowid}` : null,
    serverTime: nowMs,
  };
}
