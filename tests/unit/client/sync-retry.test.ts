import { describe, expect, it } from 'vitest';
import { BackgroundSyncIncompleteError, syncWithRetries } from '../../../src/client/sw/sync-retry';
import type { SyncOutcome } from '../../../src/client/sync/sync-engine';

const outcome = (error: SyncOutcome['error']): SyncOutcome => ({ pushed: 0, pulled: 0, rejected: 0, error });

/** A syncNow that answers the given outcomes in turn, and records the waits between attempts. */
function scripted(errors: SyncOutcome['error'][]) {
  let calls = 0;
  const waits: number[] = [];
  return {
    syncNow: () => Promise.resolve(outcome(errors[Math.min(calls++, errors.length - 1)] ?? null)),
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
    calls: () => calls,
    waits,
  };
}

describe('Background Sync retries inside one sync event', () => {
  it('retries a run that failed for the network and resolves once it succeeds', async () => {
    const s = scripted(['offline', 'server', null]);
    await expect(syncWithRetries(s.syncNow, s.sleep, [10, 20, 30])).resolves.toEqual(outcome(null));
    expect(s.calls()).toBe(3);
    expect(s.waits).toEqual([10, 20]);
  });

  it('rejects after the last retry so the browser schedules its own retry', async () => {
    const s = scripted(['offline']);
    await expect(syncWithRetries(s.syncNow, s.sleep, [10, 20])).rejects.toBeInstanceOf(BackgroundSyncIncompleteError);
    expect(s.calls()).toBe(3);
    expect(s.waits).toEqual([10, 20]);
  });

  it('does not retry what waiting cannot fix: a revoked tablet or a full disk', async () => {
    for (const error of ['unauthorized', 'quota'] as const) {
      const s = scripted([error]);
      await expect(syncWithRetries(s.syncNow, s.sleep, [10])).resolves.toEqual(outcome(error));
      expect(s.calls()).toBe(1);
      expect(s.waits).toEqual([]);
    }
  });
});
