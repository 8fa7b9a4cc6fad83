import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../../src/domain/hlc';
import { getMeta } from '../../../src/client/db/meta';
import { conflictCount, getEntry, getSyncStatus, listSyncErrors, pendingOpCount } from '../../../src/client/db/queries';
import { startDuty } from './duty-fixture';
import { amendLogEntry } from '../../../src/client/db/repos/log-repo';
import { entry, setup } from './engine-setup';
import { T0 } from './helpers';

describe('push: exactly once', () => {
  it('pushes in counter order and batches, and removes acked ops from the outbox', async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: 'day' });
    for (let i = 0; i < 4; i++) await entry(db, ctx, duty.id, `matter ${i}`);
    const outcome = await engine(server.fetch, 2).syncNow();
    expect(outcome).toEqual({ pushed: 5, pulled: 5, rejected: 0, error: null });
    expect(server.log.filter((l) => l.path.endsWith('/push')).length).toBe(3);
    expect(server.last).toBe(5);
    expect(await pendingOpCount(db)).toBe(0);
    expect(await getMeta(db, 'ackedThrough')).toBe(5);
    // The pulled rows carry the server's versions.
    expect((await db.duty.get(duty.id))?._versions['endedAt']).toBe(1);
  });

  it('a lost response leaves the ops queued; the retry is acknowledged as duplicate and applied once', async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    await entry(db, ctx, duty.id);
    const losing: typeof fetch = async (input, init) => {
      await server.fetch(input, init); // the server commits...
      throw new TypeError('connection reset'); // ...and the answer is lost
    };
    expect((await engine(losing).syncNow()).error).toBe('offline');
    expect(server.last).toBe(2);
    expect(await pendingOpCount(db)).toBe(2);
    expect((await getSyncStatus(db)).lastError).toBe('offline');

    const outcome = await engine().syncNow();
    expect(outcome.error).toBeNull();
    expect(outcome.pushed).toBe(2);
    expect(await pendingOpCount(db)).toBe(0);
    expect([...server.rows.values()].filter((r) => r.table === 'logEntry').length).toBe(1);
    expect((await getSyncStatus(db)).lastError).toBeNull();
  });

  it("keeps a refused op visible in syncError at once, then as the server's row after the pull", async () => {
    const { db, ctx, server, engine } = await setup({
      reject: (op) => (op.table === 'logEntry' ? 'forbidden_role' : null),
    });
    const duty = await startDuty(db, ctx, { shiftId: null });
    const e = await entry(db, ctx, duty.id, 'refused matter');
    const pushOnly: typeof fetch = async (input, init) => {
      if (String(input).includes('/pull')) throw new TypeError('offline');
      return server.fetch(input, init);
    };
    const first = await engine(pushOnly).syncNow();
    expect(first).toMatchObject({ pushed: 2, rejected: 1, error: 'offline' });
    expect(await pendingOpCount(db)).toBe(0);
    const local = await listSyncErrors(db);
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({ code: 'forbidden_role', counter: 2, rowId: e.id, opKind: 'put' });
    expect(local[0]?.fields['cause']).toBe('refused matter');
    // The server never had the entry, so it leaves the list; its content lives in the error row.
    expect(await getEntry(db, e.id)).toBeUndefined();

    await engine().syncNow();
    const synced = await listSyncErrors(db);
    expect(synced).toHaveLength(1);
    expect(synced[0]?.id.startsWith('local-')).toBe(false);
    expect(synced[0]).toMatchObject({ code: 'forbidden_role', counter: 2 });
  });

  it("issue 9 §1: a counter gap is repaired by resending the retained ops from the server's expected counter, never renumbering", async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    await engine().syncNow();
    const firstSend = server.log.filter((l) => l.path.endsWith('/push')).map((l) => l.body);
    server.last = 0; // the server was restored from a backup taken before op 1
    await entry(db, ctx, duty.id, 'after the restore');
    const outcome = await engine().syncNow();
    expect(outcome.error).toBeNull();
    expect(server.last).toBe(2);
    // The new op keeps its counter; op 1 went again exactly as it was first sent.
    expect(await getMeta(db, 'counter')).toBe(2);
    expect(await getMeta(db, 'counterGap')).toMatchObject({ expected: 1, got: 2, resent: 1 });
    const resent = server.log.filter((l) => l.path.endsWith('/push')).at(-1)?.body;
    const opsOf = (body: string | null | undefined) => (JSON.parse(body ?? '{}') as { ops: unknown[] }).ops;
    expect(opsOf(resent)[0]).toEqual(opsOf(firstSend[0])[0]);
    expect((await listSyncErrors(db)).map((e) => e.code)).not.toContain('counter_gap');
  });

  it('halves the batch when the server answers 413', async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    for (let i = 0; i < 4; i++) await entry(db, ctx, duty.id, `m${i}`);
    const limited: typeof fetch = async (input, init) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as { ops: unknown[] }) : null;
      if (body && body.ops.length > 2) {
        return new Response(JSON.stringify({ error: { code: 'payload_too_large', message: 'big' } }), { status: 413 });
      }
      return server.fetch(input, init);
    };
    expect((await engine(limited, 8).syncNow()).error).toBeNull();
    expect(server.last).toBe(5);
  });
});

describe('pull: rebase', () => {
  it("keeps an unsynced local edit on screen when the server's row arrives, and sends it next", async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    const e = await entry(db, ctx, duty.id);
    await engine().syncNow();
    // Another tablet changes the location meanwhile.
    const held = server.row('logEntry', e.id)!;
    server.write('logEntry', e.id, { ...held.row, location: 'B1 car park' }, { ...held.versions, location: 2 });

    const editDuringSync: typeof fetch = async (input, init) => {
      if (String(input).includes('/pull')) {
        await amendLogEntry(db, ctx, { entryId: e.id, text: 'fixed', statusChange: 'resolved', result: 'Lift reset' });
      }
      return server.fetch(input, init);
    };
    await engine(editDuringSync).syncNow();
    const shown = await getEntry(db, e.id);
    expect(shown).toMatchObject({ location: 'B1 car park', status: 'resolved', result: 'Lift reset' });
    expect(await pendingOpCount(db)).toBe(2);
    // The versions stay the server's, so the queued patch's base matches what the server holds.
    expect((await db.logEntry.get(e.id))?._versions['location']).toBe(2);

    await engine().syncNow();
    expect(server.row('logEntry', e.id)?.row).toMatchObject({ location: 'B1 car park', status: 'resolved' });
    expect(await conflictCount(db)).toBe(0);
  });

  it("shows the server's value after a patch lost a conflict", async () => {
    const { db, ctx, server, engine } = await setup();
    const duty = await startDuty(db, ctx, { shiftId: null });
    const e = await entry(db, ctx, duty.id);
    await engine().syncNow();
    const held = server.row('logEntry', e.id)!;
    server.write(
      'logEntry',
      e.id,
      { ...held.row, status: 'resolved', process: 'p', result: 'r' },
      {
        ...held.versions,
        status: 2,
        process: 2,
        result: 2,
      },
    );
    await amendLogEntry(db, ctx, { entryId: e.id, text: 'still open', statusChange: 'open', result: 'pending' });
    await engine().syncNow();
    expect(await conflictCount(db)).toBe(1); // status was already "open" locally: only `result` was sent
    expect(await getEntry(db, e.id)).toMatchObject({ status: 'resolved', result: 'r' });
  });

  it('merges pulled HLCs, clamping one from the future (T1)', async () => {
    const { db, server, engine, siteId } = await setup();
    const far = formatHlc({ wallMs: T0 + 86_400_000, counter: 5, node: 'other' });
    server.write('site', siteId, { id: siteId, updatedAt: far }, {});
    await engine().syncNow();
    const hlc = parseHlc((await getMeta(db, 'hlc'))!)!;
    expect(hlc.wallMs).toBe(T0 + 60_000);
    expect(hlc.counter).toBe(6);
  });
});

describe('refused patch', () => {
  it('puts the refused value back to what it replaced, keeping the refusal visible', async () => {
    const { db, ctx, server, engine } = await setup({
      reject: (op) => (op.kind === 'patch' ? 'validation_failed' : null),
    });
    const duty = await startDuty(db, ctx, { shiftId: null });
    const e = await entry(db, ctx, duty.id);
    await engine().syncNow();
    await amendLogEntry(db, ctx, { entryId: e.id, text: 'done', statusChange: 'resolved', result: 'Lift reset' });
    expect(await getEntry(db, e.id)).toMatchObject({ status: 'resolved' });
    const outcome = await engine().syncNow();
    expect(outcome).toMatchObject({ rejected: 1, error: null });
    expect(await getEntry(db, e.id)).toMatchObject({ status: 'open', result: '', process: '' });
    expect(server.row('logEntry', e.id)?.row).toMatchObject({ status: 'open' });
    expect((await listSyncErrors(db)).map((s) => s.code)).toEqual(['validation_failed']);
  });
});
