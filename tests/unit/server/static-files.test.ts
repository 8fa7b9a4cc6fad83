import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, makeTestServer, type TestServer } from './helpers';

let dist: string;
let t: TestServer;
beforeEach(async () => {
  dist = mkdtempSync(join(tmpdir(), 'hd-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Handover Desk</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Handover Desk"}');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  t = await makeTestServer({ distDir: dist });
});
afterEach(async () => {
  await t.dispose();
  rmSync(dist, { recursive: true, force: true });
});

const html = { Accept: 'text/html' };

describe('serving the built PWA', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/icon-192.png', 'image/png', 'no-cache'],
  ])('%s -> %s, Cache-Control %s', async (path, type, cache) => {
    const res = await call(t, 'GET', path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(type);
    expect(res.headers.get('Cache-Control')).toBe(cache);
  });

  it('a navigation to an app route falls back to index.html', async () => {
    const res = await call(t, 'GET', '/log/entries', { headers: html });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Handover Desk</title>');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
  });

  it.each(['/handover/count', '/handover', '/day/2025-03-14', '/items/loans', '/tasks', '/rota', '/admin'])(
    'sections are URLs: a navigation to the app path %s gets index.html',
    async (path) => {
      const res = await call(t, 'GET', path, { headers: { ...html, 'Sec-Fetch-Mode': 'navigate' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<title>Handover Desk</title>');
    },
  );

  it('an unknown /api path is still the JSON 404 beside the app routes, even for a navigation', async () => {
    const res = await call(t, 'GET', '/api/v1/nope', { headers: { ...html, 'Sec-Fetch-Mode': 'navigate' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('never falls back for /api, nor for a missing asset', async () => {
    const api = await call(t, 'GET', '/api/v1/unknown', { headers: html });
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await call(t, 'GET', '/assets/missing.js', { headers: html })).status).toBe(404);
  });

  it('a path escaping dist/ is not served', async () => {
    const res = await call(t, 'GET', '/..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await call(t, 'GET', '/sw.js');
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).not.toBe('');
    expect((await call(t, 'GET', '/sw.js', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});
