/**
 * Installability and the offline app shell (issue 2, item 7), checked in headless Chromium against
 * the real server serving the production build. Lighthouse 12 has no PWA category any more, so
 * these are the install criteria: manifest fields, real PNG icons, a service worker in control.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2e, waitForServiceWorkerControl } from './harness';
import { shown } from './app-steps';
import { decodePng, isPng, readPngHeader } from './png';
import { REPO_ROOT } from './server-process';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

const MAX_PRECACHE_BYTES = 2 * 1024 * 1024;

describe('PWA: manifest, service worker and offline shell', () => {
  const e2e = useE2e();
  let url: string;

  beforeAll(async () => {
    url = e2e.env.server.url;
    await e2e.page.goto(url);
    await waitForServiceWorkerControl(e2e.page);
  });

  it('serves a manifest with the fields an install needs, linked from the page', async () => {
    const { page } = e2e;
    const res = await fetch(`${url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Handover Desk 交接班',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
    });
    expect(manifest.short_name).toEqual(expect.any(String));
    expect(manifest.description).toEqual(expect.any(String));
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icons = manifest.icons as ManifestIcon[];
    const kinds = icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort();
    expect(kinds).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
  });

  it('serves every manifest icon as a real PNG of the declared size', async () => {
    const manifest = (await (await fetch(`${url}/manifest.webmanifest`)).json()) as { icons: ManifestIcon[] };
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, url));
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(isPng(bytes), icon.src).toBe(true);
      const header = readPngHeader(bytes);
      expect(`${header.width}x${header.height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('keeps the maskable icon full-bleed with its glyph inside the safe zone', async () => {
    const bytes = new Uint8Array(await (await fetch(`${url}/icons/icon-maskable-512.png`)).arrayBuffer());
    const { width, height, rgba } = decodePng(bytes);
    // Platforms crop maskable icons to shapes no smaller than a circle of 80% diameter: outside
    // it there must be opaque background (no transparency) and none of the white glyph.
    const safeRadius = 0.4 * width;
    let outside = 0;
    const transparent: string[] = [];
    const glyphOutside: string[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 4;
        if (rgba[o + 3] !== 255) transparent.push(`${x},${y}`);
        if (Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) <= safeRadius) continue;
        outside++;
        // The background is deep teal (red channel well under 60); the glyph is white.
        if ((rgba[o] ?? 255) >= 60) glyphOutside.push(`${x},${y}`);
      }
    }
    expect(transparent).toEqual([]);
    expect(glyphOutside).toEqual([]);
    expect(outside).toBeGreaterThan(0);
  });

  it('links an apple-touch-icon and a favicon that exist', async () => {
    const { page } = e2e;
    for (const selector of ['link[rel="apple-touch-icon"]', 'link[rel="icon"]']) {
      const href = await page.locator(selector).first().getAttribute('href');
      expect(href, selector).toBeTruthy();
      const res = await fetch(new URL(href ?? '', url));
      expect(res.status, selector).toBe(200);
    }
    const touch = new Uint8Array(await (await fetch(`${url}/icons/apple-touch-icon-180.png`)).arrayBuffer());
    expect(readPngHeader(touch)).toMatchObject({ width: 180, height: 180 });
  });

  it('is controlled by the service worker, which precaches the shell, scripts, styles, icons and manifest', async () => {
    const { page } = e2e;
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${url}/sw.js`);
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) paths.push(new URL(req.url).pathname);
      }
      return paths;
    });
    const initial = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>(
          'script[src], link[rel="modulepreload"], link[rel="stylesheet"]',
        ),
      ].map((el) => new URL('src' in el && el.src ? el.src : (el as HTMLLinkElement).href).pathname),
    );
    expect(initial.length).toBeGreaterThan(0);
    for (const path of [
      '/index.html',
      '/manifest.webmanifest',
      '/icons/icon-192.png',
      '/icons/icon-512.png',
      '/icons/icon-maskable-512.png',
      ...initial,
    ]) {
      expect(cached, path).toContain(path);
    }
    // Lazily loaded screens (admin, setup, ...) must be there too: an offline tablet cannot fetch them.
    const assets = readdirSync(join(REPO_ROOT, 'dist', 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.some((f) => f.endsWith('.css'))).toBe(true);
    for (const file of assets) expect(cached, file).toContain(`/assets/${file}`);
    // Workbox skips files over 2 MiB; nothing the offline tablet needs may be that large.
    for (const path of cached) {
      expect(statSync(join(REPO_ROOT, 'dist', path)).size, path).toBeLessThan(MAX_PRECACHE_BYTES);
    }
  });

  it('never answers /api with the app shell: unknown API paths get the JSON 404 while the SW controls the page', async () => {
    const { page } = e2e;
    const viaFetch = await page.evaluate(async () => {
      const res = await fetch('/api/v1/does-not-exist');
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
    });
    expect(viaFetch.status).toBe(404);
    expect(viaFetch.type).toMatch(/^application\/json/);
    expect(viaFetch.body).toMatchObject({ error: { code: 'not_found', message: expect.any(String) } });

    // A navigation is what the NavigationRoute would catch; its denylist must let /api through.
    const nav = await page.goto(`${url}/api/v1/does-not-exist`);
    expect(nav?.status()).toBe(404);
    expect(nav?.fromServiceWorker()).toBe(false);
    expect(JSON.parse((await nav?.text()) ?? '')).toMatchObject({ error: { code: 'not_found' } });

    await page.goto(url);
    await waitForServiceWorkerControl(page);
  });

  it('renders the app from the service worker when reloaded offline, deep links included', async () => {
    const { env, page } = e2e;
    const context = env.browser.context;
    await context.setOffline(true);
    try {
      const reload = await page.reload();
      expect(reload?.fromServiceWorker()).toBe(true);
      // The app itself ran from the cache: this unenrolled tablet says it cannot reach the server.
      await shown(page.getByRole('heading', { name: 'No connection to the server' }));
      expect(await page.title()).toContain('Handover Desk');

      // Any in-app path falls back to the precached shell (NavigationRoute).
      const deep = await page.goto(`${url}/some/screen`);
      expect(deep?.fromServiceWorker()).toBe(true);
      await shown(page.getByRole('heading', { name: 'No connection to the server' }));

      // With the network gone, the API is simply unreachable: the shell never stands in for it.
      const api = await page.evaluate(() =>
        fetch('/api/v1/health').then(
          (r) => `status ${r.status}`,
          () => 'network error',
        ),
      );
      expect(api).toBe('network error');
    } finally {
      await context.setOffline(false);
    }
  });
});
