/**
 * Issue 9 §1 (docs/architecture.md "Restores"): every API answer names the database's generation,
 * push, pull and health carry it in the body, and a pull cursor past the building's sequence is
 * refused with 409 cursor_ahead so the tablet re-pulls from 0.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { GENERATION_HEADER, Generation, PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import { OpBuilder, call, makeTestServer, pushBody, setupViaApi, type TestServer } from './helpers';

let t: TestServer;
let a: SetupResponse;
beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
});
afterEach(() => t.dispose());

describe('generation on every response (issue 9 §1)', () => {
  it('is a valid id read from server_meta at open', async () => {
    const stored = await t.inspect.serverMeta('generation');
    expect(Generation.parse(t.store.generation())).toBe(stored);
  });

  it('is in the header of successes and of every kind of error', async () => {
    const g = t.store.generation();
    const answers = [
      await call(t, 'GET', '/api/v1/health'),
      await call(t, 'GET', '/api/v1/sync/pull?cursor=0'), // 401: no token
      await call(t, 'GET', '/api/v1/sync/pull?cursor=-1', { token: a.token }), // 400
      await call(t, 'POST', '/api/v1/setup', { body: {} }), // 400 or 409
      await call(t, 'GET', '/api/v1/no-such-thing', { token: a.token }), // 404
      await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, []), token: a.token }), // 400
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, expect.any(Number), 404, 400]);
    for (const r of answers) expect(r.headers.get(GENERATION_HEADER)).toBe(g);
  });

  it('is in the body of push, pull and health', async () => {
    const g = t.store.generation();
    const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
    const push = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(a.deviceId, [ops.putItem()]),
      token: a.token,
    });
    expect(PushResponse.parse(push.body).generation).toBe(g);
    const pull = await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: a.token });
    expect(PullResponse.parse(pull.body).generation).toBe(g);
    const health = await call(t, 'GET', '/api/v1/health');
    expect((health.body as { generation?: string }).generation).toBe(g);
  });
});

describe('cursor_ahead (issue 9 §1)', () => {
  it("refuses a cursor past the building's sequence with 409, its sequence and generation", async () => {
    const first = PullResponse.parse((await call(t, 'GET', '/api/v1/sync/pull?cursor=0', { token: a.token })).body);
    const sequence = first.cursor;
    expect(sequence).toBeGreaterThan(0);
    // At the sequence itself: an empty page, not a refusal.
    const atEnd = await call(t, 'GET', `/api/v1/sync/pull?cursor=${sequence}`, { token: a.token });
    expect(atEnd.status).toBe(200);

    const ahead = await call(t, 'GET', `/api/v1/sync/pull?cursor=${sequence + 55}`, { token: a.token });
    expect(ahead.status).toBe(409);
    expect(ahead.body).toEqual({
      error: {
        code: 'cursor_ahead',
        message: expect.stringContaining(String(sequence)),
        details: { sequence, generation: t.store.generation() },
      },
    });
    expect(ahead.headers.get(GENERATION_HEADER)).toBe(t.store.generation());
  });
});

describe('durable commits (issue 9 §1)', () => {
  it('the store commits to disk before answering (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on)', async () => {
    // An acknowledged commit survives a power cut, not only a process crash.
    expect(await t.inspect.durableCommit()).toBe(true);
  });
});
