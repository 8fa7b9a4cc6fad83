/**
 * The tablet's HTTP calls outside the sync loop (health, first-run setup, enrolment, enrolment
 * codes), and the one JSON request helper the sync engine uses too. Runs in page and worker.
 */
import { EnrolResponse, HealthResponse, SetupResponse, type EnrolRequest, type SetupRequest } from '../../domain/api';
import type { z } from 'zod';

/** The server answered with an error body `{error: {code, message, details}}` (or not JSON). */
export class ApiRequestError extends Error {
  readonly details?: unknown;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
    if (details !== undefined) this.details = details;
  }
}

/** The request never got an answer: offline, server down, or the connection dropped. */
export class NetworkError extends Error {
  readonly code = 'network';
  constructor(cause: unknown) {
    super('the server cannot be reached', { cause });
    this.name = 'NetworkError';
  }
}

function errorFrom(status: number, body: unknown, text: string): ApiRequestError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiRequestError(status, err.code, typeof err.message === 'string' ? err.message : err.code, err.details);
  }
  const code = status >= 500 ? 'internal' : 'bad_response';
  return new ApiRequestError(status, code, `HTTP ${status}: ${text.slice(0, 200)}`);
}

/**
 * Sends one request and returns the parsed JSON body of a 2xx answer.
 * @throws NetworkError when no answer arrives; ApiRequestError for an error status or a body
 * that is not JSON.
 */
export async function requestJson(
  fetchFn: typeof fetch,
  url: string,
  init: {
    method: 'GET' | 'POST' | 'PATCH';
    token?: string;
    body?: unknown;
    /** The body already serialised (a request proof signs these exact bytes); wins over `body`. */
    bodyText?: string;
    headers?: Record<string, string>;
  },
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  const bodyText = init.bodyText ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
  if (bodyText !== undefined) headers['Content-Type'] = 'application/json';
  let text: string;
  let status: number;
  try {
    const res = await fetchFn(url, {
      method: init.method,
      headers,
      ...(bodyText !== undefined ? { body: bodyText } : {}),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw new NetworkError(e);
  }
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    throw errorFrom(status, null, text);
  }
  if (status < 200 || status >= 300) throw errorFrom(status, body, text);
  return body;
}

/** Parses a 2xx body with its schema; a mismatch is the server's fault, reported as such. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiRequestError(200, 'bad_response', `unexpected ${what} answer`, parsed.error.issues);
  return parsed.data;
}

const defaultFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** GET /api/v1/health: is the server there, and has a building been set up? */
export async function fetchHealth(baseUrl: string, fetchFn: typeof fetch = defaultFetch): Promise<HealthResponse> {
  const body = await requestJson(fetchFn, `${baseUrl}/api/v1/health`, { method: 'GET' });
  return parseBody(HealthResponse, body, 'health');
}

/** POST /api/v1/setup: creates the building and its first admin, and enrols this browser. */
export async function postSetup(
  baseUrl: string,
  body: SetupRequest,
  fetchFn: typeof fetch = defaultFetch,
): Promise<SetupResponse> {
  const res = await requestJson(fetchFn, `${baseUrl}/api/v1/setup`, { method: 'POST', body });
  return parseBody(SetupResponse, res, 'setup');
}

/** POST /api/v1/enrol with a one-time code from an admin. */
export async function postEnrol(
  baseUrl: string,
  body: EnrolRequest,
  fetchFn: typeof fetch = defaultFetch,
): Promise<EnrolResponse> {
  const res = await requestJson(fetchFn, `${baseUrl}/api/v1/enrol`, { method: 'POST', body });
  return parseBody(EnrolResponse, res, 'enrol');
}

/** Reads an error answer's body (JSON error shape or not) into an ApiRequestError. */
async function errorOf(res: Response): Promise<ApiRequestError> {
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page): errorFrom reports the text.
  }
  return errorFrom(res.status, body, text);
}

async function send(fetchFn: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (e) {
    throw new NetworkError(e);
  }
}

/**
 * PUT /api/v1/photos/:sha256 with the raw bytes (content-addressed, idempotent). Resolves with
 * `created` true for 201 and false for 200 (the server already had them).
 * @throws ApiRequestError (400 photo_hash_mismatch or unsupported type, 403, 413 too big, ...);
 * NetworkError when no answer arrives.
 */
export async function putPhoto(
  baseUrl: string,
  token: string,
  photo: { sha256: string; mime: string; data: ArrayBuffer },
  fetchFn: typeof fetch = defaultFetch,
): Promise<{ created: boolean }> {
  const res = await send(fetchFn, `${baseUrl}/api/v1/photos/${encodeURIComponent(photo.sha256)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': photo.mime, Accept: 'application/json' },
    body: photo.data,
  });
  if (res.status !== 200 && res.status !== 201) throw await errorOf(res);
  // The body (if any) is not needed; reading it lets the connection be reused.
  await res.arrayBuffer().catch(() => undefined);
  return { created: res.status === 201 };
}

/**
 * GET /api/v1/photos/:sha256: the bytes and their Content-Type (without parameters).
 * @throws ApiRequestError (404 not uploaded yet, 403 another building, ...); NetworkError offline.
 */
export async function getPhoto(
  baseUrl: string,
  token: string,
  sha256: string,
  fetchFn: typeof fetch = defaultFetch,
): Promise<{ mime: string; data: ArrayBuffer }> {
  const res = await send(fetchFn, `${baseUrl}/api/v1/photos/${encodeURIComponent(sha256)}`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status < 200 || res.status >= 300) throw await errorOf(res);
  let data: ArrayBuffer;
  try {
    data = await res.arrayBuffer();
  } catch (e) {
    throw new NetworkError(e);
  }
  const mime = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  return { mime, data };
}
