/**
 * The search's filters and answer (D5, issue 8 point 7), shared by the server's
 * `GET /api/v1/search` and the tablet's search screen. The filter names are the registers' own:
 * `from`/`to` are building days (`YYYY-MM-DD`, both included), `kind`, `severity`, `status`,
 * `staffId`, `location`.
 */
import { isDayKey } from './building-day';
import { ENTRY_STATUSES, LOG_KINDS, SEVERITIES, type EntryStatus, type LogKind, type Severity } from './entities';
import { MAX_QUERY_LENGTH, parseQuery, type SearchQuery, type SearchTable } from './search-text';

/** Results per page when the request names no `limit`, and the most it may name. */
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 200;

/** The time a row of each searched table is dated by (T1: UTC epoch ms), newest first in results. */
export const SEARCH_TIME_FIELD = {
  logEntry: 'occurredAt',
  logAmendment: 'recordedAt',
  task: 'createdAt',
  taskNote: 'recordedAt',
} as const satisfies Record<SearchTable, string>;

/** The person a row of each searched table belongs to (the `staffId` filter). */
export const SEARCH_STAFF_FIELD = {
  logEntry: 'staffId',
  logAmendment: 'staffId',
  task: 'createdBy',
  taskNote: 'staffId',
} as const satisfies Record<SearchTable, string>;

/**
 * Checked filters. `kind`, `severity`, `status` and `location` are fields of a duty-record entry:
 * when one is set, only entries are searched (an amendment or a task has no such field).
 */
export interface SearchFilters {
  query: SearchQuery;
  /** The raw query as typed (for the snippet and the server call). */
  q: string;
  from: string | null;
  to: string | null;
  kind: LogKind | null;
  severity: Severity | null;
  status: EntryStatus | null;
  staffId: string | null;
  location: string | null;
  limit: number;
}

/** Which parameter is wrong and why; the server answers it as a 400, the screen next to the field. */
export interface FilterProblem {
  param: 'q' | 'from' | 'to' | 'kind' | 'severity' | 'status' | 'staffId' | 'location' | 'limit' | 'cursor';
  problem: 'empty' | 'tooLong' | 'notDay' | 'fromAfterTo' | 'unknown' | 'notNumber';
}

const ID_PATTERN = /^[0-9A-Za-z-]{1,64}$/;

/** Read and check the search parameters (query-string values; absent or '' means no filter). */
export function parseSearchFilters(
  params: Record<string, string | undefined>,
): { ok: true; filters: SearchFilters } | { ok: false; error: FilterProblem } {
  const q = params.q ?? '';
  const parsed = parseQuery(q);
  if (!parsed.ok) return { ok: false, error: { param: 'q', problem: parsed.problem } };
  const val = (k: string) => (params[k] ?? '').trim() || null;
  const from = val('from');
  const to = val('to');
  if (from !== null && !isDayKey(from)) return { ok: false, error: { param: 'from', problem: 'notDay' } };
  if (to !== null && !isDayKey(to)) return { ok: false, error: { param: 'to', problem: 'notDay' } };
  if (from !== null && to !== null && from > to) return { ok: false, error: { param: 'to', problem: 'fromAfterTo' } };
  const kind = val('kind');
  if (kind !== null && !(LOG_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, error: { param: 'kind', problem: 'unknown' } };
  }
  const severity = val('severity');
  if (severity !== null && !(SEVERITIES as readonly string[]).includes(severity)) {
    return { ok: false, error: { param: 'severity', problem: 'unknown' } };
  }
  const status = val('status');
  if (status !== null && !(ENTRY_STATUSES as readonly string[]).includes(status)) {
    return { ok: false, error: { param: 'status', problem: 'unknown' } };
  }
  const staffId = val('staffId');
  if (staffId !== null && !ID_PATTERN.test(staffId))
    return { ok: false, error: { param: 'staffId', problem: 'unknown' } };
  const location = val('location');
  if (location !== null && location.length > MAX_QUERY_LENGTH) {
    return { ok: false, error: { param: 'location', problem: 'tooLong' } };
  }
  const limitText = val('limit');
  const limit = limitText === null ? DEFAULT_SEARCH_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    return { ok: false, error: { param: 'limit', problem: 'notNumber' } };
  }
  return {
    ok: true,
    filters: {
      query: parsed.query,
      q,
      from,
      to,
      kind: kind as LogKind | null,
      severity: severity as Severity | null,
      status: status as EntryStatus | null,
      staffId,
      location,
      limit,
    },
  };
}

/** Whether the filters name a field only a duty-record entry has. */
export function entryOnly(f: Pick<SearchFilters, 'kind' | 'severity' | 'status' | 'location'>): boolean {
  return f.kind !== null || f.severity !== null || f.status !== null || f.location !== null;
}

/** One result: the row found, its day, a snippet, and what to open (an amendment opens its entry). */
export interface SearchHit {
  table: SearchTable;
  id: string;
  /** The row's time (`SEARCH_TIME_FIELD`) and its building day. */
  at: number;
  day: string;
  snippet: string;
  /** The record a tap opens: the entry of an amendment, the task of a note. */
  open: { table: 'logEntry' | 'task'; id: string };
  /** The row as stored, so a result older than the tablet's window can still be read. */
  row: Record<string, unknown>;
}

/** `GET /api/v1/search`: newest first; `cursor` fetches the next page, null at the end. */
export interface SearchResponse {
  hits: SearchHit[];
  cursor: string | null;
  serverTime: number;
}

/** What a result opens: an amendment its entry, a note its task, anything else itself. */
export function openTarget(table: SearchTable, row: Record<string, unknown>, id: string): SearchHit['open'] {
  if (table === 'logAmendment') return { table: 'logEntry', id: String(row.entryId) };
  if (table === 'taskNote') return { table: 'task', id: String(row.taskId) };
  return { table, id };
}
