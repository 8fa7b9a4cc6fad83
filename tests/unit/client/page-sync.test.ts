import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDuty } from './duty-fixture';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { startPageSync } from '../../../src/client/sync/page-sync';
import type { SyncOutcome } from '../../../src/client/sync/sync-engine';
import { enrolledDb } from './helpers';

const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((s) => s());
});

describe('page sync triggers', () => {
  it('syncs at start, when back online and after a local write (debounced)', async () => {
    const { db, staffId } = await enrolledDb();
    // Node has no window; give globalThis the event methods a page has.
    const target = new EventTarget();
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
    let calls = 0;
    const engine = {
      syncNow: async (): Promise<SyncOutcome> => {
        calls++;
        return { pushed: 0, pulled: 0, rejected: 0, error: null };
      },
    };
    let writes = 0;
    stops.push(startPageSync(engine, db, { intervalMs: 3_600_000, onLocalWrite: () => writes++ }));
    expect(calls).toBe(1);
    target.dispatchEvent(new Event('online'));
    expect(calls).toBe(2);

    // Give the outbox watch time to report its starting value, so the write below is news to it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ctx = await makeWriteContext(db, staffId);
    await startDuty(db, ctx, { shiftId: null });
    await vi.waitFor(() => expect(writes).toBe(1), { timeout: 3000 });
    await vi.waitFor(() => expect(calls).toBe(3), { timeout: 3000 });

    stops.pop()?.();
    target.dispatchEvent(new Event('online'));
    expect(calls).toBe(3);
    vi.unstubAllGlobals();
  });
});
