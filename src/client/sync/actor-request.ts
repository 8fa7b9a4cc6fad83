/**
 * Issue 9 §3 (docs/security.md): a request made in a person's name (an admin action, an office
 * read, the online PIN check) carries the device token and a proof over its method, path, body,
 * device and time, keyed by the person's proof key (actor-proof.ts). The server checks the proof
 * itself and counts a wrong one towards the person's lockout.
 */
import { ACTOR_HEADERS, signRequest } from '../../domain/actor-proof';
import { requestJson } from './api-client';

export interface ActorRequest {
  baseUrl: string;
  /** The device's bearer token. */
  token: string;
  deviceId: string;
  staffId: string;
  proofKey: Uint8Array;
  /** Server-corrected time of the request (T1). */
  at: number;
  method: 'GET' | 'POST' | 'PATCH';
  /** URL path with its query string, e.g. `/api/v1/admin/devices`. */
  path: string;
  body?: unknown;
}

/**
 * Sends the request with the actor headers and returns the parsed JSON of a 2xx answer.
 * @throws NetworkError offline; ApiRequestError for an error answer (403 actor_unproven, 429 locked_out...).
 */
export async function requestJsonAs(
  r: ActorRequest,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<unknown> {
  const bodyText = r.body === undefined ? '' : JSON.stringify(r.body);
  return requestJson(fetchFn, `${r.baseUrl}${r.path}`, {
    method: r.method,
    token: r.token,
    ...(r.body === undefined ? {} : { bodyText }),
    headers: actorHeaders(r, bodyText),
  });
}

/**
 * The three actor headers (ACTOR_HEADERS) of a request, its proof over the exact body text sent
 * ('' for none); also for a request that does not answer JSON (a CSV download).
 */
export function actorHeaders(
  r: Pick<ActorRequest, 'proofKey' | 'deviceId' | 'staffId' | 'at' | 'method' | 'path'>,
  bodyText = '',
): Record<string, string> {
  const proof = signRequest(r.proofKey, {
    method: r.method,
    path: r.path,
    deviceId: r.deviceId,
    staffId: r.staffId,
    at: r.at,
    body: bodyText,
  });
  return {
    [ACTOR_HEADERS.staffId]: r.staffId,
    [ACTOR_HEADERS.at]: String(r.at),
    [ACTOR_HEADERS.proof]: proof,
  };
}

/** Who makes a request in a person's name: everything of ActorRequest but the request itself. */
export type ActorIdentity = Omit<ActorRequest, 'method' | 'path' | 'body'>;
