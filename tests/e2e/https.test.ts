/**
 * Issue 9 §4 end to end: the app over HTTPS under a host name other than localhost. Chromium maps
 * desk.example.test to 127.0.0.1 (--host-resolver-rules), so only the certificate can make the page
 * a secure context: the server certificate the test's local CA signed is accepted by its SPKI
 * (--ignore-certificate-errors-spki-list), nothing else is relaxed. Plain HTTP by that name gets the
 * CA page or a redirect to HTTPS, and a setup screen reached without a secure context refuses.
 * Every request goes to loopback.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiHashOf } from '../../src/server/tls/x509';
import { setUpBuilding, shown, STEP_TIMEOUT_MS } from './app-steps';
import {
  assertBuilt,
  firstPage,
  launchBrowser,
  startServerProcess,
  stopAll,
  waitForServiceWorkerControl,
  type Browser,
  type ServerProcess,
} from './harness';

const HOST = 'desk.example.test';
/** A second name for the plain-HTTP path to the app, so HSTS learnt for HOST plays no part. */
const PLAIN_HOST = 'plain.example.test';
const BUILDING = { name: 'Harbour Centre 海港中心', adminName: '陳美玲', pin: '246813', tabletName: 'Lobby desk' };

/**
 * A plain-HTTP path to the app that is not localhost (a misconfigured proxy in front of the server):
 * forwards every request to the server's HTTP listener as if from localhost.
 */
function plainProxy(serverPort: number): Promise<Server> {
  const proxy = createServer((req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: serverPort,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: `localhost:${serverPort}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

/** A GET to the server's HTTP listener on loopback with the Host header a tablet would send. */
function plainGet(port: number, path: string, host: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS on the building network (issue 9 §4)', () => {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let proxy: Server | undefined;

  beforeAll(async () => {
    assertBuilt();
    server = await startServerProcess({ env: { TLS_HOSTNAMES: HOST } });
    const spki = spkiHashOf(readFileSync(join(server.dataDir, 'tls', 'server.crt'), 'utf8'));
    proxy = await plainProxy(server.port);
    browser = await launchBrowser({
      extraArgs: [
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP ${PLAIN_HOST} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${spki}`,
      ],
    });
  });
  afterAll(async () => {
    await new Promise((done) => (proxy ? proxy.close(done) : done(undefined)));
    await stopAll(browser, server);
  });

  const env = () => {
    if (!server || !browser || !proxy) throw new Error('the end-to-end environment did not start');
    return { server, browser, proxyPort: (proxy.address() as AddressInfo).port };
  };
  const secure = (page: Page) => page.evaluate(() => window.isSecureContext);

  it('plain HTTP by the building name serves the CA page, and sends the app to HTTPS', async () => {
    const { server: s, browser: b } = env();
    const page = await firstPage(b.context);
    await page.goto(`http://${HOST}:${s.port}/ca`);
    await shown(page.getByRole('heading', { name: 'Trust this building’s Handover Desk server' }));
    expect(await secure(page)).toBe(false);
    const download = page.getByRole('link', { name: 'Download the CA certificate' });
    expect(await download.getAttribute('href')).toBe('/ca.crt');
    expect(await page.getByRole('link', { name: `https://${HOST}:${s.httpsPort}/` }).count()).toBe(1);
    // Any other path: 308 to the same path over HTTPS. Asked outside Chromium: after one http:
    // page of a public-looking name, Chromium's own HTTPS upgrade would answer for the server.
    const redirect = await plainGet(s.port, '/?from=test', `${HOST}:${s.port}`);
    expect(redirect.status).toBe(308);
    expect(redirect.location).toBe(`https://${HOST}:${s.httpsPort}/?from=test`);
    await page.goto(redirect.location ?? '');
    expect(await secure(page)).toBe(true);

    // The same page over HTTPS, switched to Traditional Chinese by its link.
    await page.goto(`https://${HOST}:${s.httpsPort}/ca`);
    await shown(page.getByRole('heading', { name: 'Trust this building’s Handover Desk server' }));
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '繁體中文' }).click();
    await shown(page.getByRole('heading', { name: '信任本大廈的交接班伺服器' }));
    expect(page.url()).toBe(`https://${HOST}:${s.httpsPort}/ca?lang=zh-Hant`);
  });

  it('a setup screen reached without a secure context refuses, with a link to the CA page', async () => {
    const { browser: b, proxyPort } = env();
    const page = await b.context.newPage();
    await page.goto(`http://${PLAIN_HOST}:${proxyPort}/`);
    await shown(page.getByRole('heading', { name: 'Set up this building' }));
    expect(await secure(page)).toBe(false);
    await shown(page.getByRole('heading', { name: 'This connection is not secure' }));
    expect(await page.getByRole('textbox', { name: 'Setup code' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Install the certificate and open the secure address' }).click();
    await shown(page.getByRole('heading', { name: 'Trust this building’s Handover Desk server' }));
    expect(page.url()).toBe(`http://${PLAIN_HOST}:${proxyPort}/ca`);
    await page.close();
  });

  it(
    'over HTTPS by the building name: a secure context, the service worker in control, and setup completes',
    async () => {
      const { server: s, browser: b } = env();
      const page = await firstPage(b.context);
      const res = await page.goto(`https://${HOST}:${s.httpsPort}/`);
      expect(res?.headers()['strict-transport-security']).toBe('max-age=31536000');
      expect(await secure(page)).toBe(true);
      expect(await page.evaluate(() => typeof crypto.subtle?.digest)).toBe('function');
      await waitForServiceWorkerControl(page);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
        `https://${HOST}:${s.httpsPort}/sw.js`,
      );

      await setUpBuilding(page, { ...BUILDING, setupCode: s.setupCode() });
      await shown(page.getByRole('heading', { name: 'Who is signing in?' }));
      const health = await page.evaluate(
        async () => ((await (await fetch('/api/v1/health')).json()) as { setUp: boolean }).setUp,
      );
      expect(health).toBe(true);
    },
    4 * STEP_TIMEOUT_MS,
  );
});
