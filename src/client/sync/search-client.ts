/**
 * The tablet's call of the server search (D5, issue 8 point 7): every record of the building,
 * older than the tablet's window too. Loaded only by the search screen's chunk.
 */
import { z } from 'zod';
import type { SearchResponse } from '../../domain/search-api';
import { SEARCH_TABLES } from '../../domain/search-text';
import { getDevice } from '../db/repos/device-repo';
import type { HandoverDb } from '../db/schema';
import { ApiRequestError, parseBody, requestJson } from './api-client';

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
 * One page of the server's search with the register filters as query parameters.
 * @throws NetworkError offline; ApiRequestError for a refusal (400 names the parameter).
 */
export async function fetchServerSearch(
  db: HandoverDb,
  params: Record<string, string>,
  fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<SearchResponse> {
  const device = await getDevice(db);
  if (!device) throw new ApiRequestError(401, 'unauthorized', 'this tablet is not enrolled');
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const body = await requestJson(fetchFn, `/api/v1/search?${query}`, { method: 'GET', token: device.token });
  return parseBody(Response, body, 'search') as SearchResponse;
}
