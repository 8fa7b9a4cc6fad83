/**
 * H3: signing never freezes an out-of-date count or duty. The record is built and hashed outside
 * the write (crypto.subtle cannot run inside an IndexedDB transaction); a tap, a pulled count line
 * or a log entry that arrives meanwhile makes the signing build the record again, so the locked
 * record holds it. The hook runs right after the build, where the chain head is read for hashing.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { recordCountTap } from '../../../src/client/db/repos/count-repo';
import { LockedError } from '../../../src/client/db/errors';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import type * as SignRecord from '../../../src/client/db/repos/sign-record';
import { setMeta } from '../../../src/client/db/meta';
import { building, incomingCtx, logEntry, preparedHandover, signInput, type Building } from './handover-fixtures';

const hook = vi.hoisted(() => ({ afterBuild: null as null | (() => Promise<void>), heads: 0 }));

vi.mock('../../../src/client/db/repos/sign-record', async (importOriginal) => {
  const original = await importOriginal<typeof SignRecord>();
  return {
    ...original,
    chainHead: async (...args: Parameters<typeof original.chainHead>) => {
      hook.heads++;
      const inject = hook.afterBuild;
      hook.afterBuild = null;
      if (inject) await inject();
      return original.chainHead(...args);
    },
  };
});

beforeEach(() => {
  hook.afterBuild = null;
  hook.heads = 0;
});

async function signWith(b: Building, handoverId: string, afterBuild: () => Promise<void>) {
  hook.afterBuild = afterBuild;
  const r = await signHandover(b.db, b.ctx, signInput(b, handoverId));
  if (!r.ok) throw new Error(r.errors);
  return r.value.record;
}

describe('signing re-checks what the record was built from (H3)', () => {
  it('H3: a count tap made while the record is hashed is in the signed record (the signing built it again)', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    let tapLine = '';
    const record = await signWith(b, h.id, async () => {
      const tap = await recordCountTap(b.db, await incomingCtx(b), {
        handoverId: h.id,
        itemId: b.items.radio.id,
        state: 'damaged',
        quantity: 2,
        explanation: 'Antenna snapped',
      });
      if (!tap.ok) throw new Error('tap refused');
      tapLine = tap.value.id;
    });
    expect(tapLine).not.toBe('');
    // Built, the tap, the re-check found it: built again (two builds, each with a head read, plus the write's).
    expect(hook.heads).toBe(4);
    expect(record.count.find((l) => l.itemId === b.items.radio.id)).toMatchObject({
      state: 'damaged',
      quantity: 2,
      explanation: 'Antenna snapped',
    });
    await expect(
      recordCountTap(b.db, await incomingCtx(b), {
        handoverId: h.id,
        itemId: b.items.radio.id,
        state: 'present',
        quantity: 2,
        explanation: '',
      }),
    ).rejects.toBeInstanceOf(LockedError);
  });

  it("H3: another tablet's count line pulled while the record is hashed is in the signed record", async () => {
    const b = await building();
    const h = await preparedHandover(b);
    const record = await signWith(b, h.id, async () => {
      // As applyPullPage stores it: the server's row with its versions.
      await b.db.countLine.put({
        id: newId(),
        siteId: b.siteId,
        updatedAt: formatHlc({ wallMs: b.clock.now, counter: 0, node: 'other-tablet' }),
        deleted: false,
        handoverId: h.id,
        itemId: b.items.book.id,
        state: 'missing',
        quantity: 0,
        explanation: 'Taken to the management office',
        staffId: b.people.incoming,
        explainedBy: b.people.outgoing,
        recordedAt: b.clock.now + 1,
        deviceTime: b.clock.now + 1,
        _versions: {},
      });
    });
    expect(record.count.find((l) => l.itemId === b.items.book.id)).toMatchObject({
      state: 'missing',
      explanation: 'Taken to the management office',
    });
  });

  it("H3: a log entry added to the outgoing duty while the record is hashed is in the record's duty digests", async () => {
    const b = await building();
    const before = await logEntry(b.db, b.ctx, b.duty.id, { cause: 'Parcel for 12F' });
    const h = await preparedHandover(b);
    let late = '';
    const record = await signWith(b, h.id, async () => {
      late = (await logEntry(b.db, b.ctx, b.duty.id, { cause: 'Courier came back' })).id;
    });
    expect(record.duty?.entries.map((e) => e.id).sort()).toEqual([before.id, late].sort());
  });

  it('H11: a pull that moves the cursor while the record is hashed builds it again: the record names the cursor its gate saw', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await setMeta(b.db, 'cursor', 10);
    const record = await signWith(b, h.id, async () => {
      await setMeta(b.db, 'cursor', 11);
    });
    expect(hook.heads).toBe(4);
    expect(record.syncCursor).toBe(11);
  });

  it('H3: nothing changed while hashing: one build, no retry', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await signWith(b, h.id, async () => undefined);
    expect(hook.heads).toBe(2);
  });
});
