/**
 * The photo endpoints (`PUT`/`GET /api/v1/photos/:sha256`) added to the in-memory protocol server
 * of fake-server.ts, for the photo-sync tests: content-addressed, idempotent, with the refusals
 * the real server gives (400 photo_hash_mismatch or unsupported type, 413 too big, 404 unknown).
 */
import { createHash } from 'node:crypto';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES } from '../../../src/domain/handover-entities';
import type { createFakeServer } from './fake-server';

type FakeServer = ReturnType<typeof createFakeServer>;

export interface PhotoFakeOptions {
  token: string;
  maxBytes?: number;
  /** Answer GET with these bytes instead of the stored ones (a corrupting proxy). */
  tamper?: (sha256: string) => ArrayBuffer | null;
}

/** Deterministic stand-in bytes for a compressed photo. */
export function jpeg(seed: string, size = 64): ArrayBuffer {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (seed.charCodeAt(i % seed.length) + i) % 256;
  return bytes.buffer;
}

export function withPhotos(server: FakeServer, o: PhotoFakeOptions) {
  const blobs = new Map<string, { mime: string; data: Uint8Array }>();
  const maxBytes = o.maxBytes ?? MAX_PHOTO_BYTES;

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const match = /^\/api\/v1\/photos\/([^/]+)$/.exec(url.pathname);
    if (!match?.[1]) return server.fetch(input, init);
    const sha = match[1];
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const auth = headers.get('authorization');
    server.log.push({ method, path: url.pathname, auth });
    if (auth !== `Bearer ${o.token}`) return json(401, { error: { code: 'unauthorized', message: 'no' } });
    if (method === 'PUT') {
      const body = new Uint8Array(await new Response(init?.body ?? null).arrayBuffer());
      const mime = headers.get('content-type') ?? '';
      if (!(PHOTO_MIME_TYPES as readonly string[]).includes(mime)) {
        return json(400, { error: { code: 'bad_request', message: `unsupported type ${mime}` } });
      }
      if (body.byteLength > maxBytes) return json(413, { error: { code: 'payload_too_large', message: 'too big' } });
      if (createHash('sha256').update(body).digest('hex') !== sha) {
        return json(400, { error: { code: 'photo_hash_mismatch', message: 'hash mismatch' } });
      }
      if (blobs.has(sha)) return json(200, { sha256: sha });
      blobs.set(sha, { mime, data: body });
      return json(201, { sha256: sha });
    }
    const tampered = o.tamper?.(sha) ?? null;
    const blob = blobs.get(sha);
    if (!blob && !tampered) return json(404, { error: { code: 'not_found', message: 'unknown photo' } });
    const bytes: Uint8Array<ArrayBuffer> = tampered ? new Uint8Array(tampered) : new Uint8Array(blob?.data ?? []);
    return new Response(bytes, { status: 200, headers: { 'content-type': blob?.mime ?? 'image/jpeg' } });
  };

  return { fetch, blobs, puts: () => server.log.filter((l) => l.method === 'PUT').length };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
