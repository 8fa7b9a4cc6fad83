/**
 * Issue 10 §8 (docs/deploy.md): behind a reverse proxy named in TRUST_PROXY, the client is the
 * address the proxy forwards (per-address rate limits count each tablet, not the proxy), plain
 * HTTP from the proxy that says the client came over HTTPS is served instead of redirected, and the
 * proxy's own connections are not capped. Forwarding headers from anyone else change nothing.
 * Real sockets on 127.0.0.1 and 127.0.0.2 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/server/logger';
import { readConfig, startServer, type RunningServer } from '../../../src/server/main';
import { clientOf, forwardedHttps, parseTrustProxy } from '../../../src/server/http/trusted-proxy';

let server: RunningServer | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(trustProxy: ReadonlySet<string>, maxConnectionsPerAddress = 100): Promise<RunningServer> {
  dataDir = mkdtempSync(join(tmpdir(), 'hd-proxy-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    distDir: join(dataDir, 'no-dist'),
    logger: silentLogger,
    retention: false,
    backups: false,
    rateLimits: { enrol: 2 },
    connectionLimits: { maxConnectionsPerAddress },
    trustProxy,
  });
  return server;
}

/** One plain HTTP request from `localAddress` with `headers`; the status and Location answered. */
function send(
  port: number,
  opts: { method?: string; path: string; headers: Record<string, string>; body?: string; from?: string },
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        localAddress: opts.from ?? '127.0.0.1',
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const enrol = (port: number, client: string, from?: string) =>
  send(port, {
    method: 'POST',
    path: '/api/v1/enrol',
    headers: {
      host: 'desk.harbour.example',
      'content-type': 'application/json',
      'x-forwarded-for': client,
      'x-forwarded-proto': 'https',
    },
    body: JSON.stringify({ code: 'ABCDEFGH', deviceName: 'Lobby' }),
    ...(from ? { from } : {}),
  });

describe('TRUST_PROXY (issue 10 §8)', () => {
  it('parses addresses and refuses anything else at start', () => {
    expect([...parseTrustProxy(' 127.0.0.1, ::1,::ffff:10.0.0.5 ')]).toEqual(['127.0.0.1', '::1', '10.0.0.5']);
    expect(parseTrustProxy(undefined).size).toBe(0);
    expect(() => readConfig({ TRUST_PROXY: '127.0.0.1,proxy.local' })).toThrow(/"proxy.local" is not an IP address/);
  });

  it('the client is the right-most forwarded address that is not a trusted proxy; an untrusted socket is itself', () => {
    const trusted = new Set(['127.0.0.1', '10.0.0.2']);
    expect(clientOf('127.0.0.1', '192.168.1.20, 10.0.0.2', trusted)).toBe('192.168.1.20');
    expect(clientOf('127.0.0.1', 'forged, 192.168.1.21', trusted)).toBe('192.168.1.21');
    expect(clientOf('192.168.1.9', '192.168.1.20', trusted)).toBe('192.168.1.9');
    expect(clientOf('127.0.0.1', null, trusted)).toBe('127.0.0.1');
    expect(forwardedHttps('127.0.0.1', 'http, https', trusted)).toBe(true);
    expect(forwardedHttps('192.168.1.9', 'https', trusted)).toBe(false);
  });

  it('behind the trusted proxy each forwarded client has its own rate limit, and HTTPS-forwarded plain HTTP is served', async () => {
    const s = await start(new Set(['127.0.0.1']));
    // Two attempts per minute per client: the third from 192.168.1.20 is refused, 192.168.1.21 is not.
    expect((await enrol(s.port, '192.168.1.20')).status).toBe(400);
    expect((await enrol(s.port, '192.168.1.20')).status).toBe(400);
    expect((await enrol(s.port, '192.168.1.20')).status).toBe(429);
    expect((await enrol(s.port, '192.168.1.21')).status).toBe(400);
    // Without the proxy's word that the client used HTTPS, another host name is redirected as before.
    const plain = await send(s.port, { path: '/api/v1/health', headers: { host: 'desk.harbour.example' } });
    expect(plain.status).toBe(308);
    expect(plain.location).toMatch(/^https:\/\/desk\.harbour\.example:\d+\/api\/v1\/health$/);
  });

  it('forwarding headers from an address not trusted change nothing: one bucket, and the redirect', async () => {
    const s = await start(new Set(['127.0.0.1']));
    // 127.0.0.2 is not a trusted proxy: its X-Forwarded-For is ignored and every request counts as 127.0.0.2.
    const from = '127.0.0.2';
    const answers = [];
    for (const client of ['192.168.1.30', '192.168.1.31', '192.168.1.32'])
      answers.push(await enrol(s.port, client, from));
    expect(answers.map((a) => a.status)).toEqual([308, 308, 308]);
    const direct = (client: string) =>
      send(s.port, {
        method: 'POST',
        path: '/api/v1/enrol',
        headers: { host: '127.0.0.1', 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ code: 'ABCDEFGH', deviceName: 'Lobby' }),
        from,
      });
    expect((await direct('192.168.1.30')).status).toBe(400);
    expect((await direct('192.168.1.31')).status).toBe(400);
    expect((await direct('192.168.1.32')).status).toBe(429);
  });
});

/** Opens a connection from `from`, sends one health request and says what came back (or that it closed). */
function healthOver(port: number, from: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    let got = '';
    socket.setEncoding('utf8').on('data', (d: string) => {
      got += d;
      if (got.includes('\r\n\r\n')) resolve(got.split('\r\n')[0] ?? '');
    });
    socket.on('error', () => resolve('closed'));
    socket.on('close', () => resolve(got === '' ? 'closed' : (got.split('\r\n')[0] ?? '')));
    socket.once('connect', () =>
      setTimeout(() => socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 50),
    );
    sockets.push(socket);
  });
}
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

describe('the connection cap behind a proxy (issue 10 §8)', () => {
  it('the trusted proxy may hold more connections than one address may; anyone else is still capped', async () => {
    const s = await start(new Set(['127.0.0.1']), 1);
    const proxied = await Promise.all([healthOver(s.port, '127.0.0.1'), healthOver(s.port, '127.0.0.1')]);
    expect(proxied).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    // The first connection from 127.0.0.2 is answered and stays open (keep-alive): the second is closed.
    expect(await healthOver(s.port, '127.0.0.2')).toBe('HTTP/1.1 200 OK');
    expect(await healthOver(s.port, '127.0.0.2')).toBe('closed');
  });
});
