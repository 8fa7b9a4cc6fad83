/**
 * Issue 9 §7: what one client may hold open. Request and header timeouts close a connection that
 * sends its request too slowly (slowloris), and a cap on concurrent connections per client address
 * keeps one device from holding every socket the process can open: with 1,000 slow connections
 * from one address, a tablet at another address still gets through. Node's HTTP server enforces the
 * timeouts; the cap counts sockets on 'connection' and destroys those over it before any byte is read.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger';

export interface ConnectionLimits {
  /** The whole request head must arrive within this (Node answers 408 and closes otherwise). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Concurrent connections one client address may hold; more are closed at once. */
  maxConnectionsPerAddress: number;
}

/**
 * 30 s for a request is ample for a 2 MiB photo on a weak Wi-Fi; 5 s of keep-alive matches the
 * browsers' reuse of a connection between a push and the pull after it. 100 connections from one
 * address is far above what a browser opens (6 per origin) plus its service worker, and above
 * what the test suites open from 127.0.0.1 at once.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 100,
};

/** The options for `http.createServer` (and `https.createServer`) that enforce the timeouts. */
export function timeoutServerOptions(limits: ConnectionLimits): ServerOptions {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts on this interval (30 s by default, which would double them).
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 2))),
  };
}

/** The address a socket came from; an IPv4 client of a dual-stack listener counts as its IPv4. */
export function socketAddress(socket: Socket): string {
  const raw = socket.remoteAddress ?? 'unknown';
  return raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
}

/**
 * Counts open connections per client address across every server it is attached to (the HTTP
 * and the HTTPS listener share one count), and destroys a connection over the cap.
 */
export class ConnectionCap {
  private readonly open = new Map<string, number>();
  /** Addresses already logged as over the cap, so a flood writes one line, not thousands. */
  private readonly warned = new Set<string>();

  constructor(
    readonly maxPerAddress: number,
    private readonly logger: Logger,
    /** Issue 10 §8: reverse proxies carry every tablet's connections: they are not capped. */
    private readonly exempt: ReadonlySet<string> = new Set(),
  ) {}

  /** Start counting `server`'s connections. */
  attach(server: Server): void {
    // Prepended so a refused socket is destroyed before the HTTP parser is set up for it.
    server.prependListener('connection', (socket: Socket) => this.admit(socket));
  }

  /** How many connections `address` holds now. */
  countOf(address: string): number {
    return this.open.get(address) ?? 0;
  }

  private admit(socket: Socket): void {
    const address = socketAddress(socket);
    if (this.exempt.has(address)) return;
    const count = this.countOf(address);
    if (count >= this.maxPerAddress) {
      if (!this.warned.has(address)) {
        this.warned.add(address);
        this.logger.warn('too many connections from one address; closing the new ones', {
          address,
          maxPerAddress: this.maxPerAddress,
        });
      }
      socket.destroy();
      return;
    }
    this.open.set(address, count + 1);
    socket.once('close', () => {
      const left = this.countOf(address) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
      if (left < this.maxPerAddress) this.warned.delete(address);
    });
  }
}
