import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReviewFlag } from '../../../src/domain/entities';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { PullResponse, PushRequest } from '../../../src/domain/sync-protocol';
import { flagsForRow, rowsWithTimeInDoubt } from '../../../src/client/db/queries/review-flags';
import { entry, setup } from './engine-setup';
import { T0 } from './helpers';

const HOUR = 3_600_000;

/** Wraps the fake server's fetch to keep every push body the tablet sent. */
function recordingPushes(fetch: typeof globalThis.fetch) {
  const bodies: PushRequest[] = [];
  const wrapped: typeof globalThis.fetch = async (input, init) => {
    if (String(input).endsWith('/api/v1/sync/push')) bodies.push(PushRequest.parse(JSON.parse(String(init?.body))));
    return fetch(input, init);
  };
  return { bodies, fetch: wrapped };
}

describe('T1 on the wire', () => {
  it("T1: every push carries deviceNow, the tablet's raw clock at send, not the server-corrected time", async () => {
    const clock = { now: T0 };
    // The tablet's clock is 3 hours behind the server's.
    const { db, ctx, server, engine } = await setup({ clock, serverAheadMs: 3 * HOUR });
    const pushes = recordingPushes(server.fetch);
    const dutyId = newId();
    await entry(db, ctx, dutyId, 'first matter');
    expect((await engine(pushes.fetch).syncNow()).error).toBeNull();

    // The first sync taught the tablet the offset; records are now stamped with corrected time...
    clock.now = T0 + 10 * 60_000;
    const second = await entry(db, ctx, dutyId, 'second matter');
    expect(second.recordedAt).toBe(clock.now + 3 * HOUR);
    expect((await engine(pushes.fetch).syncNow()).error).toBeNull();

    // ...while each push says what the tablet's own clock read when it was sent.
    expect(pushes.bodies.map((b) => b.deviceNow)).toEqual([T0, T0 + 10 * 60_000]);
    expect(pushes.bodies[1]?.ops.map((op) => op.deviceTime)).toEqual([T0 + 10 * 60_000]);
  });
});

describe('pulled review flags (T1, H3)', () => {
  it('a reviewFlag row pulled from the server lands in Dexie and is found on the record it flags', async () => {
    const { db, ctx, server, engine, siteId, staffId, deviceId } = await setup();
    const flagged = await entry(db, ctx, newId(), 'Parcel signed for 12/F');
    expect((await engine().syncNow()).error).toBeNull();

    const flag: ReviewFlag = {
      id: newId(),
      siteId,
      updatedAt: formatHlc({ wallMs: T0, counter: 0, node: 'server' }),
      deleted: false,
      kind: 'clockSkew',
      table: 'logEntry',
      rowId: flagged.id,
      field: 'recordedAt',
      deviceId,
      counter: 1,
      actorStaffId: staffId,
      stampedAt: T0 - 3 * 24 * HOUR,
      expectedAt: T0,
      receivedAt: T0,
      recordedAt: T0,
    };
    server.write('reviewFlag', flag.id, { ...flag }, {});
    const outcome = await engine().syncNow();
    expect(outcome).toMatchObject({ pulled: 1, error: null });

    expect(await db.reviewFlag.get(flag.id)).toEqual({ ...flag, _versions: {} });
    expect(await flagsForRow(db, 'logEntry', flagged.id)).toEqual([flag]);
    expect(await rowsWithTimeInDoubt(db, 'logEntry', [flagged.id, newId()])).toEqual(new Set([flagged.id]));
    // A server-only table: nothing about it is queued to be sent back.
    expect(await db.outbox.count()).toBe(0);
  });

  it("a pulled change's receivedAt is accepted but kept off the row, so nothing local enters a hash or an op", async () => {
    const { db, ctx, server, engine } = await setup();
    const mine = await entry(db, ctx, newId(), 'Lift 2 stuck at 5/F');
    // The server reports its receipt time with each change (T1).
    const withReceipt: typeof globalThis.fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      if (!String(input).includes('/api/v1/sync/pull')) return res;
      const page = PullResponse.parse(await res.json());
      const changes = page.changes.map((c) => ({ ...c, receivedAt: T0 + 5000 }));
      return new Response(JSON.stringify({ ...page, changes }), { status: 200 });
    };
    expect((await engine(withReceipt).syncNow()).error).toBeNull();
    const stored = await db.logEntry.get(mine.id);
    expect(stored).toMatchObject({ id: mine.id, cause: 'Lift 2 stuck at 5/F' });
    expect(Object.keys(stored ?? {}).filter((k) => k.startsWith('_'))).toEqual(['_versions']);
  });
});
