/**
 * The tablet's call of the server search (D5, issue 8 point 7): every record of the building,
 * older than the tablet's window too. Loaded only by the search screen's chunk.
 */
import { z } from 'zod';
import type { SearchResponse } from '../../domain/search-api';
import { SEARCH_TABLES } from '../../domain/search-text';
import type { HandoverDb } from '../db/schema';
import { requestJsonAs } from './actor-request';
import { parseBody } from './api-client';
import { personBase } from './person-request';

const Hit = z.object({
  table: z.enum(SEARCH_TABLES as [string, ...string[]]),
  id: z.string(),
  at: z.number(),
  day: z.string(),
  snippet: z.string(),
  open: z.object({ table: z.enum(['logEntry', 'task']), id: z.string() }),
  row: z.record(z.string(), z.unknown()),
});
const Response = z.object({ hits: z.array(Hit), cursor: z.string().nullable(), serverTime: z.number() });

/**
 * One page of the server's search with the register filters as query parameters, asked by
 * `viewerId`, the signed-in person, proven by their proof key (issue 9 §3).
 * @throws NetworkError offline; ApiRequestError for a refusal (400 names the parameter);
 * ProofKeyMissingError when the person's PIN was not typed in this page.
 */
export async function fetchServerSearch(
  db: HandoverDb,
  viewerId: string,
  params: Record<string, string>,
  fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<SearchResponse> {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const base = await personBase(db, viewerId);
  const body = await requestJsonAs({ ...base, method: 'GET', path: `/api/v1/search?${query}` }, fetchFn);
  return parseBody(Response, body, 'search') as SearchResponse;
}
