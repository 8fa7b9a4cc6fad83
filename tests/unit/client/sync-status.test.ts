import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_WARN_MS } from '../../../src/domain/sync-protocol';
import { getMeta, setMeta } from '../../../src/client/db/meta';
import { getSyncStatus } from '../../../src/client/db/queries';
import { startDuty } from './duty-fixture';
import { createSyncEngine } from '../../../src/client/sync/sync-engine';
import { setup } from './engine-setup';
import { T0 } from './helpers';

describe('clock and status (T1)', () => {
  it('learns the offset from serverTime and warns beyond two minutes', async () => {
    const { db, ctx, engine } = await setup({ serverAheadMs: CLOCK_SKEW_WARN_MS + 60_000 });
    expect((await getSyncStatus(db)).clockSkewWarning).toBe(false);
    await engine().syncNow();
    const status = await getSyncStatus(db);
    expect(status.clockOffsetMs).toBe(CLOCK_SKEW_WARN_MS + 60_000);
    expect(status.clockSkewWarning).toBe(true);
    expect(status.lastSyncAt).toBe(T0 + CLOCK_SKEW_WARN_MS + 60_000);
    // Records are stamped with the corrected time from now on.
    expect(ctx.now()).toBe(T0 + CLOCK_SKEW_WARN_MS + 60_000);
  });

  it('uses the midpoint of the round trip', async () => {
    const { db, server } = await setup();
    let deviceClock = T0;
    const slow: typeof fetch = async (input, init) => {
      deviceClock += 1000; // each request takes one second on the tablet's clock
      return server.fetch(input, init);
    };
    await createSyncEngine({ db, baseUrl: 'http://test', fetch: slow, now: () => deviceClock }).syncNow();
    // The server answered at T0; the round trip was [T0, T0+1000]: offset = T0 - (T0+500).
    expect((await getSyncStatus(db)).clockOffsetMs).toBe(-500);
    expect((await getSyncStatus(db)).clockSkewWarning).toBe(false);
  });

  it('maps 401 to unauthorized, a dead network to offline and 5xx to server', async () => {
    const { db, engine } = await setup();
    const answer = (status: number) => async () =>
      new Response(JSON.stringify({ error: { code: status === 401 ? 'unauthorized' : 'internal', message: 'x' } }), {
        status,
      });
    expect((await engine(answer(401)).syncNow()).error).toBe('unauthorized');
    expect((await getSyncStatus(db)).lastError).toBe('unauthorized');
    expect((await engine(answer(503)).syncNow()).error).toBe('server');
    expect((await engine(() => Promise.reject(new TypeError('fetch failed'))).syncNow()).error).toBe('offline');
    expect((await getSyncStatus(db)).lastAttemptAt).toBe(T0);
  });

  it('reads the token from meta at send time and never stores it in a queued op', async () => {
    const { db, ctx, server, engine } = await setup();
    await startDuty(db, ctx, { shiftId: null });
    const device = (await getMeta(db, 'device'))!;
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain(device.token);
    const e = engine();
    await setMeta(db, 'device', { ...device, token: 'rotated-token-rotated-token-rotated-token' });
    expect((await e.syncNow()).error).toBe('unauthorized');
    expect(server.log.at(-1)?.auth).toBe('Bearer rotated-token-rotated-token-rotated-token');
  });

  it('coalesces concurrent calls into the running sync plus one shared follow-up', async () => {
    const { server, engine } = await setup();
    const e = engine();
    const a = e.syncNow();
    const b = e.syncNow();
    const c = e.syncNow();
    expect(b).toBe(c);
    await Promise.all([a, b, c]);
    expect(server.log.filter((l) => l.path.endsWith('/pull')).length).toBe(2);
  });
});

describe('one runner per building', () => {
  it('runs under the Web Lock sync:<siteId> when a LockManager is given', async () => {
    const { db, server, siteId } = await setup();
    const names: string[] = [];
    const locks = {
      request: async (name: string, cb: () => Promise<unknown>) => {
        names.push(name);
        return cb();
      },
    } as unknown as LockManager;
    const outcome = await createSyncEngine({ db, baseUrl: 'http://test', fetch: server.fetch, locks }).syncNow();
    expect(outcome.error).toBeNull();
    expect(names).toEqual([`sync:${siteId}`]);
  });
});
