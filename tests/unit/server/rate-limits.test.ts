/**
 * Issue 9 §7: rate limits per client address on setup, enrolment, PIN checks, admin requests and
 * failed authentication. The limits here are small on purpose, set through `createApp`; the clock is
 * the app's injected one, so refills are tested by moving it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/http/app';
import { SharedBuckets, TokenBuckets, type RateLimits } from '../../../src/server/http/rate-limit';
import type { SharedState } from '../../../src/server/store/shared-state';
import { silentLogger } from '../../../src/server/logger';
import { makeTestServer, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await makeTestServer();
});
afterEach(() => t.dispose());

const LIMITS: RateLimits = { setup: 3, enrol: 4, auth: 5, admin: 6, failedAuth: 3 };

function limitedApp() {
  return createApp({
    store: t.store,
    now: () => t.clock.now,
    logger: silentLogger,
    version: 'test',
    bodyLimitBytes: 1_048_576,
    rateLimits: LIMITS,
  });
}

/** A request as if it came from `address` (what @hono/node-server hands the app as `env.incoming`). */
function from(app: ReturnType<typeof limitedApp>, address: string, path: string, init: RequestInit = {}) {
  return app.request(path, init, { incoming: { socket: { remoteAddress: address } } });
}

const jsonPost = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
});

async function expectRateLimited(res: Response, perMinute: number): Promise<void> {
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; message: string; details: { retryAfterMs: number } } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/too many .* from this address/);
  expect(body.error.details).toEqual({ retryAfterMs: expect.any(Number) as number, limitPerMinute: perMinute });
  expect(body.error.details.retryAfterMs).toBeGreaterThan(0);
  expect(body.error.details.retryAfterMs).toBeLessThanOrEqual(60_000 / perMinute);
  expect(Number(res.headers.get('Retry-After'))).toBe(Math.ceil(body.error.details.retryAfterMs / 1000));
}

describe('issue 9 §7: TokenBuckets', () => {
  it('allows perMinute at once, refuses the next with the time until one more, refills with the clock', () => {
    const clock = { now: 1_000_000 };
    const buckets = new TokenBuckets(6, () => clock.now);
    for (let i = 0; i < 6; i++) expect(buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(buckets.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(buckets.take('10.0.0.2')).toEqual({ ok: true });
    clock.now += 4_000;
    expect(buckets.check('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 6_000 });
    clock.now += 6_000;
    expect(buckets.check('10.0.0.1')).toEqual({ ok: true });
    expect(buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(buckets.take('10.0.0.1').ok).toBe(false);
  });

  it('a clock set back neither refills nor drains', () => {
    const clock = { now: 1_000_000 };
    const buckets = new TokenBuckets(2, () => clock.now);
    buckets.take('a');
    buckets.take('a');
    clock.now -= 3_600_000;
    expect(buckets.take('a').ok).toBe(false);
    clock.now += 30_000;
    expect(buckets.take('a')).toEqual({ ok: true });
  });
});

describe('issue 10 §4: SharedBuckets (the limits in the database, with a mirror per process)', () => {
  it('a take spends a token in the store, and the check reads what the store last said without asking it', async () => {
    const clock = { now: 1_000_000 };
    const buckets = new SharedBuckets('failedAuth', 2, () => clock.now, t.store.shared);
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(buckets.check('10.0.0.1')).toEqual({ ok: true });
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(buckets.check('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    // Another process spending the same address's tokens: this one learns it at its next take.
    const other = new SharedBuckets('failedAuth', 2, () => clock.now, t.store.shared);
    expect(other.check('10.0.0.1')).toEqual({ ok: true });
    expect(await other.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(other.check('10.0.0.1').ok).toBe(false);
    clock.now += 30_000;
    expect(buckets.check('10.0.0.1')).toEqual({ ok: true });
  });

  it('when the store cannot take, the limit still holds in this process, and that is logged once', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (msg: string) => warnings.push(msg) };
    const down: SharedState = {
      takeToken: () => Promise.reject(new Error('the database cannot be reached right now')),
      sweepTokens: () => Promise.resolve(0),
      acquireLease: () => Promise.resolve(false),
      releaseLease: () => Promise.resolve(),
    };
    const buckets = new SharedBuckets('auth', 2, () => 1_000_000, down, logger);
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: true });
    expect(await buckets.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(warnings).toEqual(['rate limit: the shared bucket cannot be taken; limiting in this process']);
  });
});

describe('issue 9 §7: limits per client address', () => {
  // Without the setup code each attempt is refused 403 (setup_code_invalid) until the limit's 429.
  it('setup: the attempt over the limit is 429 rate_limited with retryAfterMs and Retry-After; another address goes on', async () => {
    const app = limitedApp();
    for (let i = 0; i < LIMITS.setup; i++) {
      expect((await from(app, '10.0.0.9', '/api/v1/setup', jsonPost('{}'))).status).toBe(403);
    }
    await expectRateLimited(await from(app, '10.0.0.9', '/api/v1/setup', jsonPost('{}')), LIMITS.setup);
    expect((await from(app, '10.0.0.10', '/api/v1/setup', jsonPost('{}'))).status).toBe(403);
    // One token back after a third of a minute (3 a minute).
    t.clock.now += 20_000;
    expect((await from(app, '10.0.0.9', '/api/v1/setup', jsonPost('{}'))).status).toBe(403);
    expect((await from(app, '10.0.0.9', '/api/v1/setup', jsonPost('{}'))).status).toBe(429);
  });

  it('enrolment: a flood of guessed codes is refused 429 before any code is looked up', async () => {
    const app = limitedApp();
    let lookups = 0;
    const getCode = t.store.getEnrolmentCode.bind(t.store);
    t.store.getEnrolmentCode = (hash) => {
      lookups += 1;
      return getCode(hash);
    };
    const guess = (i: number) => jsonPost(JSON.stringify({ code: `ABCD${String(2222 + i)}`, deviceName: 'x' }));
    for (let i = 0; i < LIMITS.enrol; i++) {
      expect((await from(app, '192.168.1.50', '/api/v1/enrol', guess(i))).status).toBe(400);
    }
    const before = lookups;
    expect(before).toBe(LIMITS.enrol);
    await expectRateLimited(await from(app, '192.168.1.50', '/api/v1/enrol', guess(LIMITS.enrol)), LIMITS.enrol);
    expect(lookups).toBe(before);
  });

  it.each([
    ['PIN checks', '/api/v1/auth/check', LIMITS.auth],
    ['admin requests', '/api/v1/admin/staff', LIMITS.admin],
  ])('%s under %s are limited per address', async (_, path, perMinute) => {
    // A good device token without the person's proof: each attempt is a 403 (actor_unproven, not a
    // failed authentication), so only this path's own limit answers 429.
    const a = await setupViaApi(t);
    const app = limitedApp();
    const post = (): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${a.token}` },
      body: '{}',
    });
    for (let i = 0; i < perMinute; i++) {
      expect((await from(app, '10.1.1.1', path, post())).status).toBe(403);
    }
    await expectRateLimited(await from(app, '10.1.1.1', path, post()), perMinute);
    expect((await from(app, '10.1.1.2', path, post())).status).toBe(403);
  });

  it('failed authentication: after the limit of 401s, that address gets 429 before its token is looked up, even a good one', async () => {
    const a = await setupViaApi(t);
    const app = limitedApp();
    let lookups = 0;
    const byToken = t.store.getDeviceByTokenHash.bind(t.store);
    t.store.getDeviceByTokenHash = (hash) => {
      lookups += 1;
      return byToken(hash);
    };
    const pull = (token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < LIMITS.failedAuth; i++) {
      expect((await from(app, '10.2.2.2', '/api/v1/sync/pull?cursor=0', pull(`guess-${i}`))).status).toBe(401);
    }
    const before = lookups;
    expect(before).toBe(LIMITS.failedAuth);
    await expectRateLimited(
      await from(app, '10.2.2.2', '/api/v1/sync/pull?cursor=0', pull(a.token)),
      LIMITS.failedAuth,
    );
    expect(lookups).toBe(before);

    // Another tablet of the building, at its own address, syncs on; and the good token works again later.
    expect((await from(app, '10.2.2.3', '/api/v1/sync/pull?cursor=0', pull(a.token))).status).toBe(200);
    t.clock.now += 20_000;
    expect((await from(app, '10.2.2.2', '/api/v1/sync/pull?cursor=0', pull(a.token))).status).toBe(200);
  });

  it('successful requests spend nothing of the failed-authentication limit', async () => {
    const a = await setupViaApi(t);
    const app = limitedApp();
    for (let i = 0; i < 20; i++) {
      const res = await from(app, '10.3.3.3', '/api/v1/sync/pull?cursor=0', {
        headers: { Authorization: `Bearer ${a.token}` },
      });
      expect(res.status).toBe(200);
    }
  });
});
