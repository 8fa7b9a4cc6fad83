/**
 * Issue 9 §7: rate limits per client address. Each limit is a token bucket: `perMinute` requests
 * at once, refilled evenly over a minute, so a building's real use (a handful of tablets enrolling,
 * people signing in) never meets it while a flood of setup codes, enrolment codes, PIN checks or
 * bad tokens is slowed to a trickle before it reaches the rest of the server. The clock is injected
 * (T1, STYLE.md #7) so tests move time instead of waiting.
 *
 * Issue 10 §4: the buckets live in the database (`store.shared`), so several server processes of
 * one company count one address together: a flood spread over N processes gets the limit, not N
 * times it. Each process keeps a mirror of what the database last said, which is what the
 * failed-authentication check reads, so an ordinary request costs no round trip (see
 * `SharedBuckets`).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { describeError, type Logger } from '../logger';
import type { SharedState } from '../store/shared-state';
import type { AppEnv } from './app-env';
import { apiError } from './errors';

/** Requests per minute per client address for each limited kind of request. */
export interface RateLimits {
  /** POST /api/v1/setup: first-run setup (each try spends a guess at the setup code). */
  setup: number;
  /** POST /api/v1/enrol: each try spends a guess at an enrolment code. */
  enrol: number;
  /** /api/v1/auth/*: the server-side PIN checks. */
  auth: number;
  /** /api/v1/admin/*: admin actions, each with a PIN proof. */
  admin: number;
  /** Any API answer 401 (a missing, unknown or revoked device token). */
  failedAuth: number;
}

/** Generous for a building: far above what its tablets do, and what the test suites do from 127.0.0.1. */
export const DEFAULT_RATE_LIMITS: RateLimits = { setup: 20, enrol: 60, auth: 60, admin: 300, failedAuth: 60 };

const WINDOW_MS = 60_000;
/** Past this many tracked addresses, full buckets (idle addresses) are dropped. */
const SWEEP_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** The outcome of a take: allowed, or refused with how long until one more request is allowed. */
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/** A token bucket per key (a client address): `perMinute` at once, refilled over a minute. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError(`perMinute must be ≥ 1, got ${perMinute}`);
    this.perMs = perMinute / WINDOW_MS;
  }

  private refill(key: string): Bucket {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    // A clock set back (T1: the injected clock is wall time) refills nothing rather than draining.
    const elapsed = Math.max(0, now - b.at);
    b.tokens = Math.min(this.perMinute, b.tokens + elapsed * this.perMs);
    b.at = now;
    return b;
  }

  /** Whether `key` may make a request now, without spending a token. */
  check(key: string): Take {
    const b = this.buckets.get(key) ? this.refill(key) : null;
    if (!b || b.tokens >= 1) return { ok: true };
    return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / this.perMs) };
  }

  /** Issue 10 §4: set `key`'s bucket to what the shared store says it holds as of `at`. */
  mirror(key: string, tokens: number, at: number): void {
    this.buckets.set(key, { tokens, at });
    if (this.buckets.size > SWEEP_AT) this.sweep();
  }

  /** How long until `key`'s bucket of `tokens` holds one token again. */
  waitFor(tokens: number): number {
    return Math.ceil((1 - tokens) / this.perMs);
  }

  /** Spend one token of `key`: allowed when one was left. */
  take(key: string): Take {
    const b = this.refill(key);
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / this.perMs) };
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > SWEEP_AT) this.sweep();
    return { ok: true };
  }

  /** Forget the addresses whose bucket has refilled: they are as good as new. */
  private sweep(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refill(key).tokens >= this.perMinute) this.buckets.delete(key);
    }
  }
}

/** Issue 10 §4: every this many takes, the buckets idle for a minute (full again) are swept. */
const SHARED_SWEEP_EVERY = 1_000;

/**
 * Issue 10 §4: one limit's buckets in the database, shared by every server process, with a local
 * mirror. A take is one atomic statement (store/shared-state.ts) and then updates the mirror; a
 * check reads the mirror only. So an address that spent its failed-authentication tokens on other
 * processes is refused here after at most one more failure (the take that tells this process so):
 * with N processes a flood gets at most N - 1 requests past the limit per refill, not N times it.
 * If the database cannot take (it is down, or the store stopped after a corruption), the limit
 * still holds in this process alone rather than failing every request.
 */
export class SharedBuckets {
  private readonly local: TokenBuckets;
  private takes = 0;
  private failing = false;

  constructor(
    readonly kind: keyof RateLimits,
    readonly perMinute: number,
    private readonly now: () => number,
    private readonly shared: SharedState,
    private readonly logger?: Logger,
  ) {
    this.local = new TokenBuckets(perMinute, now);
  }

  /** Whether `key` may make a request now, by what the database last said of it (no round trip). */
  check(key: string): Take {
    return this.local.check(key);
  }

  /** Spend one token of `key` in the database: allowed when one was left, across every process. */
  async take(key: string): Promise<Take> {
    const nowMs = this.now();
    if (++this.takes % SHARED_SWEEP_EVERY === 0) this.sweep(nowMs);
    try {
      const t = await this.shared.takeToken(this.kind, key, this.perMinute, nowMs);
      this.failing = false;
      this.local.mirror(key, t.tokens, t.at);
      return t.ok ? { ok: true } : { ok: false, retryAfterMs: this.local.waitFor(t.tokens) };
    } catch (err) {
      if (!this.failing)
        this.logger?.warn(
          'rate limit: the shared bucket cannot be taken; limiting in this process',
          describeError(err),
        );
      this.failing = true;
      return this.local.take(key);
    }
  }

  private sweep(nowMs: number): void {
    this.shared.sweepTokens(nowMs - WINDOW_MS).catch((err: unknown) => {
      this.logger?.warn('rate limit: sweeping idle buckets failed', describeError(err));
    });
  }
}

/**
 * The client's address as the socket saw it (`@hono/node-server` puts the IncomingMessage in
 * `c.env.incoming`). Forwarding headers are not trusted: this server is reached directly on the
 * building's network, and any device there could write them. In process (`app.request` in tests)
 * there is no socket and every request counts as one address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  // Issue 10 §8: set by the app's first middleware (behind a trusted proxy, the forwarded client).
  const resolved = c.get('clientAddress') as string | undefined;
  if (resolved !== undefined) return resolved;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const raw = env?.incoming?.socket?.remoteAddress ?? 'in-process';
  return raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
}

/** The 429 every limit answers, with `details.retryAfterMs` and `Retry-After` in whole seconds. */
export function rateLimited(c: Context<AppEnv>, what: string, perMinute: number, retryAfterMs: number): Response {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return apiError(c, 'rate_limited', `too many ${what} from this address; try again later`, {
    retryAfterMs,
    limitPerMinute: perMinute,
  });
}

/** Middleware: each request spends a token of its address; an empty bucket answers 429 at once. */
export function limitRequests(buckets: SharedBuckets, what: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const taken = await buckets.take(clientAddress(c));
    if (!taken.ok) return rateLimited(c, what, buckets.perMinute, taken.retryAfterMs);
    await next();
  };
}

/**
 * Middleware: every 401 an address is answered spends one of its tokens; once they are spent,
 * that address's requests are answered 429 before any of them reaches the store (a token guesser
 * gets nowhere, and costs the server no lookup).
 */
export function limitFailedAuth(buckets: SharedBuckets): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = clientAddress(c);
    const allowed = buckets.check(address);
    if (!allowed.ok) return rateLimited(c, 'failed authentications', buckets.perMinute, allowed.retryAfterMs);
    await next();
    if (c.res.status === 401) await buckets.take(address);
  };
}
