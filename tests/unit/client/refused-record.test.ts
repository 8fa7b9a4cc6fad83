/**
 * A signed record the server refuses (gate_blocked, duty_rule: issue 7) reopens the outgoing duty on
 * the tablet, and the next attempt starts from what was given, so nothing typed or tapped is lost.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDutyFor } from '../../../src/client/db/queries';
import { gateFor, handoverForDuty } from '../../../src/client/db/queries/handover-queries';
import { getDevice } from '../../../src/client/db/repos/device-repo';
import { openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { recordPushResults } from '../../../src/client/db/sync-store';
import { forgetProofKeys, rememberProofKey, requireProofKey } from '../../../src/client/state/proof-keys';
import { building, CHANGE_AT, incomingCtx, preparedHandover, signInput } from './handover-fixtures';

/** A signed handover whose record (and the new duty) the server refused with gate_blocked. */
async function refusedRecord() {
  const b = await building();
  const h = await preparedHandover(b);
  await updateHandover(b.db, await incomingCtx(b), h.id, { synthesis: 'Lift 2 noisy' });
  const r = await signHandover(b.db, b.ctx, signInput(b, h.id));
  if (!r.ok || !r.value.newDuty) throw new Error('not signed');
  const ops = await b.db.outbox.orderBy('counter').toArray();
  const results = ops.map((o) =>
    o.rowId === r.value.record.id || o.rowId === r.value.newDuty?.id
      ? { counter: o.counter, status: 'rejected' as const, code: 'gate_blocked' }
      : { counter: o.counter, status: 'applied' as const },
  );
  const device = await getDevice(b.db);
  await recordPushResults(
    b.db,
    device!,
    { ackedThrough: ops.at(-1)!.counter, results, serverTime: b.clock.now },
    b.clock.now,
  );
  return { b, h, newDutyId: r.value.newDuty.id };
}

describe('a record the server refuses (gate_blocked, duty_rule)', () => {
  it('reopens the outgoing duty and the next handover starts from the answers, the join and the count given', async () => {
    const { b, h, newDutyId } = await refusedRecord();
    expect(await b.db.handoverRecord.count()).toBe(0);
    expect(await b.db.duty.get(newDutyId)).toBeUndefined();
    expect((await openDutyFor(b.db, b.people.outgoing))?.id).toBe(b.duty.id);
    expect(await handoverForDuty(b.db, b.duty.id)).toMatchObject({ id: h.id, status: 'signed' });

    b.clock.now += 60_000;
    const again = await openHandover(b.db, b.ctx, {
      outgoingDutyId: b.duty.id,
      scheduledAt: CHANGE_AT,
      kind: 'handover',
    });
    expect(again.id).not.toBe(h.id);
    expect(again).toMatchObject({
      incomingStaffId: b.people.incoming,
      joinedAt: CHANGE_AT - 10 * 60_000,
      openedAt: h.openedAt,
      anomalyAnswer: 'Nothing abnormal',
      synthesis: 'Lift 2 noisy',
      fitness: 'fit',
      status: 'preparing',
    });
    const lines = await b.db.countLine.where('handoverId').equals(again.id).toArray();
    expect(lines).toHaveLength(await b.db.item.count());
    expect(lines.every((l) => l.staffId === b.people.incoming)).toBe(true);
    expect((await gateFor(b.db, again.id, b.clock.now)).blockers).toEqual([]);
  });

  it('issue 9 §3: only the count lines of people whose PIN was typed in this page are carried; no op goes out unsigned', async () => {
    const { b } = await refusedRecord();
    // The page was reloaded since: only the outgoing person has typed their PIN again.
    const outgoingKey = requireProofKey(b.people.outgoing);
    forgetProofKeys();
    rememberProofKey(b.people.outgoing, outgoingKey);
    const before = await b.db.outbox.count();
    b.clock.now += 60_000;
    const again = await openHandover(b.db, b.ctx, {
      outgoingDutyId: b.duty.id,
      scheduledAt: CHANGE_AT,
      kind: 'handover',
    });
    // The incoming person's taps are not written in their name without their key: to tap again.
    expect(await b.db.countLine.where('handoverId').equals(again.id).count()).toBe(0);
    const queued = (await b.db.outbox.orderBy('counter').toArray()).slice(before);
    expect(queued.map((o) => o.actorStaffId)).toEqual([b.people.outgoing]);
    expect(queued.every((o) => typeof o.proof === 'string')).toBe(true);
  });
});
