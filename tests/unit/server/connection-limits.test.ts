/**
 * Issue 9 §7: request and header timeouts and the per-address connection cap, with real sockets on
 * 127.0.0.1. The second client connects from 127.0.0.2 (any 127/8 address is this machine), so the
 * server sees two addresses and only loopback traffic is ever sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from '../../../src/server/http/connection-limits';
import { silentLogger } from '../../../src/server/logger';
import { readConfig, startServer, type RunningServer } from '../../../src/server/main';

let server: RunningServer | undefined;
let dataDir: string | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(connectionLimits: Partial<ConnectionLimits> = {}): Promise<RunningServer> {
  dataDir = mkdtempSync(join(tmpdir(), 'hd-conn-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    distDir: join(dataDir, 'no-dist'),
    logger: silentLogger,
    retention: false,
    connectionLimits,
  });
  return server;
}

/** A slowloris client: connects from `localAddress`, sends half a request head, then waits. */
interface SlowClient {
  socket: Socket;
  /** Everything the server sent, once the server closed the connection. */
  closed: Promise<string>;
}

function slowClient(port: number, localAddress = '127.0.0.1'): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    sockets.push(socket);
    let received = '';
    socket.setEncoding('utf8').on('data', (d: string) => (received += d));
    socket.on('error', () => {});
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    socket.once('connect', () => {
      socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

/** A whole GET from `localAddress`; resolves with the status, or rejects when the connection is cut. */
function getHealth(port: number, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/health', localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The status once the server has also seen the client's sockets close (the client's 'close' comes
 * first): a cut connection is retried a bounded number of times.
 */
async function getHealthOnceFreed(port: number, localAddress: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getHealth(port, localAddress);
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('issue 9 §7: connections per address', () => {
  // Real sockets on a shared machine: a generous test timeout (no assertion is about time).
  it(
    '1,000 slow connections from 127.0.0.1 do not block 127.0.0.2: past the cap they are closed at once',
    { timeout: 60_000 },
    async () => {
      const { port } = await start();
      const cap = DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress;
      const clients: SlowClient[] = [];
      for (let i = 0; i < 1000; i++) clients.push(await slowClient(port));

      // Another address gets its answer while those are held.
      expect(await getHealth(port, '127.0.0.2')).toBe(200);

      // The server closed every connection over the cap without answering, and holds the first ones.
      const over = clients.slice(cap);
      expect((await Promise.all(over.map((c) => c.closed))).every((sent) => sent === '')).toBe(true);
      const held = clients.slice(0, cap);
      expect(held.every((c) => !c.socket.destroyed && c.socket.readyState === 'open')).toBe(true);
      // 127.0.0.1 is at its cap: one more request from it is cut.
      await expect(getHealth(port, '127.0.0.1')).rejects.toThrow();

      // Once its connections end, the address is served again.
      for (const c of held) c.socket.destroy();
      await Promise.all(held.map((c) => c.closed));
      expect(await getHealthOnceFreed(port, '127.0.0.1')).toBe(200);
    },
  );

  it('the cap is configurable and counts each address on its own', { timeout: 30_000 }, async () => {
    const { port } = await start({ maxConnectionsPerAddress: 3 });
    const a = await Promise.all([1, 2, 3].map(() => slowClient(port, '127.0.0.1')));
    const b = await Promise.all([1, 2, 3].map(() => slowClient(port, '127.0.0.2')));
    expect(await (await slowClient(port, '127.0.0.1')).closed).toBe('');
    expect(await (await slowClient(port, '127.0.0.2')).closed).toBe('');
    expect([...a, ...b].every((c) => c.socket.readyState === 'open')).toBe(true);
    expect(await getHealth(port, '127.0.0.3')).toBe(200);
  });
});

describe('issue 9 §7: request and header timeouts', () => {
  it(
    'a request head that never completes is answered 408 and closed, freeing its slot',
    { timeout: 30_000 },
    async () => {
      const { port } = await start({ headersTimeoutMs: 1_000, requestTimeoutMs: 1_000, maxConnectionsPerAddress: 2 });
      const slow = [await slowClient(port), await slowClient(port)];
      const sent = await Promise.all(slow.map((c) => c.closed));
      for (const s of sent) expect(s).toMatch(/^HTTP\/1\.1 408 /);
      expect(await getHealthOnceFreed(port, '127.0.0.1')).toBe(200);
    },
  );

  it('a body sent too slowly is cut at the request timeout', { timeout: 30_000 }, async () => {
    const { port } = await start({ headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 });
    const socket = connect({ port, host: '127.0.0.1' });
    sockets.push(socket);
    let received = '';
    socket.setEncoding('utf8').on('data', (d: string) => (received += d));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    await new Promise<void>((done) => socket.once('connect', () => done()));
    socket.write(
      'POST /api/v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('the defaults are about 30 s for a request and its head', () => {
    expect(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs).toBe(30_000);
    expect(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs).toBe(30_000);
    expect(DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs).toBeGreaterThan(0);
  });
});

describe('issue 9 §7: limits from the environment', () => {
  it('reads the RATE_LIMIT_* and connection variables that are set, and leaves the rest to the defaults', () => {
    expect(readConfig({})).not.toHaveProperty('rateLimits', expect.anything());
    const config = readConfig({ RATE_LIMIT_ENROL: '5', RATE_LIMIT_FAILED_AUTH: '12', MAX_CONNECTIONS_PER_IP: '40' });
    expect(config.rateLimits).toEqual({ enrol: 5, failedAuth: 12 });
    expect(config.connectionLimits).toEqual({ maxConnectionsPerAddress: 40 });
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => readConfig({ RATE_LIMIT_SETUP: '0' })).toThrow(/RATE_LIMIT_SETUP/);
    expect(() => readConfig({ MAX_CONNECTIONS_PER_IP: 'many' })).toThrow(/MAX_CONNECTIONS_PER_IP/);
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '10' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});
