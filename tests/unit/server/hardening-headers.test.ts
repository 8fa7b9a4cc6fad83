/**
 * Issue 9 §7: security headers on every kind of response, no source maps, compressed pulls, and
 * JSON endpoints that take only `Content-Type: application/json`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { MAX_PUSH_OPS, PullResponse } from '../../../src/domain/sync-protocol';
import { OpBuilder, call, makeTestServer, pushBody, setupRequest, setupViaApi, type TestServer } from './helpers';
import { GZIP_THRESHOLD_BYTES } from '../../../src/server/http/gzip';

let dist: string;
let t: TestServer;
beforeEach(async () => {
  dist = mkdtempSync(join(tmpdir(), 'hd-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Handover Desk</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  // A map left behind by some build: it must still not be served.
  writeFileSync(join(dist, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
  t = await makeTestServer({ distDir: dist });
});
afterEach(async () => {
  await t.dispose();
  rmSync(dist, { recursive: true, force: true });
});

function expectSecurityHeaders(headers: Headers): void {
  const csp = headers.get('Content-Security-Policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("img-src 'self' blob: data:");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(headers.get('X-Frame-Options')).toBe('DENY');
  expect(headers.get('Referrer-Policy')).toBe('no-referrer');
  const permissions = headers.get('Permissions-Policy') ?? '';
  expect(permissions).toContain('camera=(self)');
  expect(permissions).toContain('microphone=()');
  expect(permissions).toContain('geolocation=()');
}

describe('issue 9 §7: security headers on every response', () => {
  it.each([
    ['an API answer', 'GET', '/api/v1/health', 200, {}],
    ['the app shell', 'GET', '/', 200, { Accept: 'text/html' }],
    ['a static asset', 'GET', '/assets/index-abc123.js', 200, {}],
    ['an API 404', 'GET', '/api/v1/nope', 404, {}],
    ['a file 404', 'GET', '/assets/missing.js', 404, {}],
    ['an error (401)', 'POST', '/api/v1/sync/push', 401, { 'Content-Type': 'application/json' }],
    ['an error (400, invalid JSON)', 'POST', '/api/v1/enrol', 400, { 'Content-Type': 'application/json' }],
  ] as const)('%s: %s %s -> %i with CSP, nosniff, frame and referrer policies', async (_, method, path, status, h) => {
    const res = await call(t, method, path, { headers: h, ...(method === 'POST' ? { rawBody: '{' } : {}) });
    expect(res.status).toBe(status);
    expectSecurityHeaders(res.headers);
  });

  it('an unexpected 500 carries them too', async () => {
    t.store.hasAnySite = () => {
      throw new Error('disk I/O error');
    };
    const res = await call(t, 'GET', '/api/v1/health');
    expect(res.status).toBe(500);
    expectSecurityHeaders(res.headers);
  });
});

describe('issue 9 §7: source maps are not served', () => {
  it('a .map file present in dist/ answers 404, while the script beside it is served', async () => {
    expect((await call(t, 'GET', '/assets/index-abc123.js')).status).toBe(200);
    const map = await call(t, 'GET', '/assets/index-abc123.js.map');
    expect(map.status).toBe(404);
    expect(map.body).toMatchObject({ error: { code: 'not_found' } });
    expect(JSON.stringify(map.body)).not.toContain('secret.ts');
    expect((await call(t, 'GET', '/assets/INDEX-abc123.js.MAP')).status).toBe(404);
  });
});

describe('issue 9 §7: compressed pulls', () => {
  let a: SetupResponse;
  beforeEach(async () => {
    a = await setupViaApi(t);
    const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    const all = Array.from({ length: 300 }, () => ops.putItem());
    for (let i = 0; i < all.length; i += MAX_PUSH_OPS) {
      const body = pushBody(a.deviceId, all.slice(i, i + MAX_PUSH_OPS));
      expect((await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token })).status).toBe(200);
    }
  });

  async function rawPull(acceptEncoding?: string): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${a.token}` };
    if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
    return t.app.request('/api/v1/sync/pull?cursor=0&limit=1000', { headers });
  }

  it('a pull with Accept-Encoding: gzip is gzipped, smaller, and decodes to the same JSON', async () => {
    const plain = await rawPull();
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const plainText = await plain.text();

    const zipped = await rawPull('gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(zipped.headers.get('Vary')).toMatch(/Accept-Encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(plainText.length / 3);
    const decoded = JSON.parse(gunzipSync(bytes).toString('utf8')) as unknown;
    expect(decoded).toEqual(JSON.parse(plainText));
    expect(PullResponse.parse(decoded).changes.length).toBe(302);
  });

  it('a client that accepts no encoding gets plain JSON', async () => {
    const res = await rawPull('identity');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(PullResponse.parse(await res.json()).changes.length).toBe(302);
  });

  it('issue 10 §9: an answer under 1 KiB (a pull of one change) is sent plain even to a gzip client, and says it varies', async () => {
    const cursor = 302 - 1;
    const res = await t.app.request(`/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: { Authorization: `Bearer ${a.token}`, 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/i);
    const text = await res.text();
    expect(text.length).toBeLessThan(GZIP_THRESHOLD_BYTES);
    expect(PullResponse.parse(JSON.parse(text)).changes.map((c) => c.seq)).toEqual([302]);
  });

  it('gzip only where accepted: q=0 refuses it, * accepts it', async () => {
    expect((await rawPull('gzip;q=0, identity')).headers.get('Content-Encoding')).toBeNull();
    expect((await rawPull('*')).headers.get('Content-Encoding')).toBe('gzip');
  });
});

describe('issue 9 §7: JSON endpoints require application/json', () => {
  /** A POST with exactly this Content-Type (the `call` helper would always send JSON's). */
  async function postAs(path: string, type: string, body: string, token?: string): Promise<Response> {
    const headers: Record<string, string> = { 'Content-Type': type };
    if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
    return t.app.request(path, { method: 'POST', headers, body });
  }

  it('setup posted as text/plain (what a cross-site page may send without a preflight) is 415 and sets nothing up', async () => {
    const body = JSON.stringify(await setupRequest());
    const res = await postAs('/api/v1/setup', 'text/plain', body);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'the request body must be sent as Content-Type: application/json',
        details: { contentType: 'text/plain' },
      },
    });
    expect(await t.store.hasAnySite()).toBe(false);
  });

  it.each([
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['json look-alike', 'application/jsonp'],
  ])('a push sent as %s is 415', async (_, type) => {
    const a = await setupViaApi(t);
    const res = await postAs('/api/v1/sync/push', type, JSON.stringify(pushBody(a.deviceId, [])), a.token);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('application/json with a charset, in any case, is accepted', async () => {
    const body = JSON.stringify(await setupRequest());
    const res = await postAs('/api/v1/setup', 'Application/JSON; charset=UTF-8', body);
    expect(res.status).toBe(201);
  });

  it('a photo upload keeps its image type (not refused as non-JSON)', async () => {
    const a = await setupViaApi(t);
    const res = await t.app.request(`/api/v1/photos/${'0'.repeat(64)}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'image/jpeg' },
      body: new Uint8Array([1, 2, 3]),
    });
    // The bytes do not hash to the path: refused for that, not for the media type.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'photo_hash_mismatch' } });
  });
});
