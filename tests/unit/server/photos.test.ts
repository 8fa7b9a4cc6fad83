import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { MAX_PHOTO_BYTES } from '../../../src/domain/handover-entities';
import { createOtherSite, makeTestServer, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A fake JPEG: the SOI marker and random bytes (the server stores bytes, it does not decode them). */
function jpeg(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(randomBytes(size));
  bytes.set([0xff, 0xd8, 0xff], 0);
  return bytes;
}

async function put(
  hash: string,
  body: Uint8Array<ArrayBuffer>,
  opts: { type?: string; token?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await t.app.request(`/api/v1/photos/${hash}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${opts.token ?? a.token}`, 'Content-Type': opts.type ?? 'image/jpeg' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Byte-for-byte equality (a deep equal over 2 million array elements would take a minute). */
function sameBytes(got: ArrayBuffer, want: Uint8Array): boolean {
  return Buffer.from(got).equals(want);
}

async function get(hash: string, token = a.token): Promise<Response> {
  return await t.app.request(`/api/v1/photos/${hash}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('photos: content-addressed and idempotent (PUT/GET /api/v1/photos/:sha256)', () => {
  it('an upload answers 201 created, the same upload again 200, and GET returns the identical bytes', async () => {
    const bytes = jpeg(50_000);
    const hash = sha(bytes);
    expect(await put(hash, bytes)).toEqual({ status: 201, body: { sha256: hash, created: true } });
    expect(await put(hash, bytes)).toEqual({ status: 200, body: { sha256: hash, created: false } });

    const res = await get(hash);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(sameBytes(await res.arrayBuffer(), bytes)).toBe(true);
  });

  it('a 2 MiB photo passes although the API-wide JSON limit is 1 MiB; one byte more is 413', async () => {
    const max = jpeg(MAX_PHOTO_BYTES);
    expect((await put(sha(max), max)).status).toBe(201);
    expect(sameBytes(await (await get(sha(max))).arrayBuffer(), max)).toBe(true);

    const over = jpeg(MAX_PHOTO_BYTES + 1);
    const res = await put(sha(over), over);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await get(sha(over))).status).toBe(404);
  });

  it('bytes that do not hash to the path are refused 400 photo_hash_mismatch and not stored', async () => {
    const bytes = jpeg(1_000);
    const claimed = sha(jpeg(1_000));
    const res = await put(claimed, bytes);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'photo_hash_mismatch', details: { expected: claimed, actual: sha(bytes) } },
    });
    expect((await get(claimed)).status).toBe(404);
  });

  it('a type that is not a photo is refused 400 bad_request; a malformed hash too', async () => {
    const bytes = jpeg(1_000);
    const asHtml = await put(sha(bytes), bytes, { type: 'text/html' });
    expect(asHtml.status).toBe(400);
    expect(asHtml.body).toMatchObject({ error: { code: 'bad_request' } });
    expect((await put('not-a-hash', bytes)).body).toMatchObject({ error: { code: 'bad_request' } });
    // Parameters after the media type are fine.
    expect((await put(sha(bytes), bytes, { type: 'image/webp; q=0.8' })).status).toBe(201);
    expect((await get(sha(bytes))).headers.get('Content-Type')).toBe('image/webp');
  });

  it('another building cannot read this building’s photo (404) and an unknown hash is a JSON 404', async () => {
    const bytes = jpeg(2_000);
    const hash = sha(bytes);
    expect((await put(hash, bytes)).status).toBe(201);
    const other = await createOtherSite(t);
    const res = await get(hash, other.token);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    // The other building uploading the same bytes gets its own copy.
    expect((await put(hash, bytes, { token: other.token })).status).toBe(201);
    expect((await get(hash, other.token)).status).toBe(200);
  });

  it('without a device token the photo routes answer 401', async () => {
    const bytes = jpeg(100);
    const res = await t.app.request(`/api/v1/photos/${sha(bytes)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: bytes,
    });
    expect(res.status).toBe(401);
    expect((await t.app.request(`/api/v1/photos/${sha(bytes)}`)).status).toBe(401);
  });
});
