import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashRecord, verifyChain } from '../../../src/domain/chain';
import { openDutyFor } from '../../../src/client/db/queries';
import {
  countView,
  isDutyLocked,
  listRecords,
  recordForHandover,
} from '../../../src/client/db/queries/handover-queries';
import { setMeta } from '../../../src/client/db/meta';
import { recordCountTap } from '../../../src/client/db/repos/count-repo';
import { addCorrection, signHandover } from '../../../src/client/db/repos/sign-repo';
import {
  building,
  CHANGE_AT,
  HOUR,
  incomingCtx,
  logEntry,
  preparedHandover,
  putMovement,
  putRota,
  signature,
  signInput,
  type Building,
} from './handover-fixtures';

async function signed(b: Building) {
  const h = await preparedHandover(b);
  const r = await signHandover(b.db, b.ctx, signInput(b, h.id));
  if (!r.ok) throw new Error(r.errors);
  return { h, ...r.value };
}

describe('signing the handover (H3)', () => {
  it('H3: the draft signed, the record, the new duty in one write, in that order; no duty-end op, the duty ends here too', async () => {
    const b = await building();
    const entry = await logEntry(b.db, b.ctx, b.duty.id, { cause: 'Parcel for 12F' });
    // H5: a major matter of the shift, already handled, is carried with the record all the same.
    const handled = await logEntry(b.db, b.ctx, b.duty.id, {
      kind: 'repair',
      severity: 'major',
      status: 'resolved',
      process: 'Called EMSD',
      result: 'Lift 2 repaired',
    });
    const h = await preparedHandover(b);
    await putMovement(b.db, b.siteId, b.people.outgoing, {
      itemId: b.items.key2.id,
      kind: 'lend',
      dueAt: b.clock.now - 1,
    });
    // H8: the incoming person taps; the explanation is the outgoing person's.
    await recordCountTap(b.db, await incomingCtx(b), {
      handoverId: h.id,
      itemId: b.items.radio.id,
      state: 'missing',
      quantity: 1,
      explanation: 'With the guard on patrol',
    });
    await setMeta(b.db, 'cursor', 42);
    const counterBefore = (await b.db.outbox.orderBy('counter').last())!.counter;
    const r = await signHandover(b.db, b.ctx, signInput(b, h.id));
    if (!r.ok) throw new Error(r.errors);
    const { record, newDuty } = r.value;
    if (!newDuty) throw new Error('a handover opens a new duty');

    const ops = (await b.db.outbox.where('counter').above(counterBefore).sortBy('counter')).map((o) => [
      o.table,
      o.kind,
      o.rowId,
      Object.keys(o.fields).sort().join(','),
      o.actorStaffId,
    ]);
    expect(ops).toEqual([
      ['handover', 'patch', h.id, 'status', b.people.outgoing],
      ['handoverRecord', 'put', record.id, expect.any(String), b.people.outgoing],
      ['duty', 'put', newDuty.id, expect.any(String), b.people.incoming],
    ]);
    expect(await b.db.handover.get(h.id)).toMatchObject({ status: 'signed', incomingStaffId: b.people.incoming });
    // The server ends the outgoing duty when it applies the record; the tablet shows the same at once.
    expect((await b.db.duty.get(b.duty.id))?.endedAt).toBe(b.clock.now);
    expect(newDuty).toMatchObject({
      staffId: b.people.incoming,
      handoverId: record.id,
      startedAt: b.clock.now,
      endedAt: null,
      shiftId: 'evening',
      deviceId: b.deviceId,
    });
    expect((await openDutyFor(b.db, b.people.incoming))?.id).toBe(newDuty.id);
    expect(await openDutyFor(b.db, b.people.outgoing)).toBeUndefined();

    expect(record).toMatchObject({
      kind: 'handover',
      handoverId: h.id,
      correctsId: null,
      outgoingDutyId: b.duty.id,
      incomingStaffId: b.people.incoming,
      newDutyId: newDuty.id,
      scheduledAt: CHANGE_AT,
      joinedAt: CHANGE_AT - 10 * 60_000,
      signedAt: b.clock.now,
      syncCursor: 42,
      fitnessAttestedBy: b.people.outgoing,
      substituteApproval: null,
      prevHash: GENESIS_HASH,
      note: '',
      anomalyAnswer: 'Nothing abnormal',
    });
    expect(record).not.toHaveProperty('override');
    expect(record.signatures.map((s) => [s.role, s.staffId])).toEqual([
      ['outgoing', b.people.outgoing],
      ['incoming', b.people.incoming],
    ]);
    expect(record.duty).toMatchObject({ id: b.duty.id, endedAt: b.clock.now });
    expect(record.duty?.entries.map((e) => e.id).sort()).toEqual([entry.id, handled.id].sort());
    expect(record.carried.majorEntryIds).toEqual([handled.id]);
    expect(record.count.find((l) => l.itemId === b.items.radio.id)).toMatchObject({
      state: 'missing',
      quantity: 1,
      expected: 2,
      explanation: 'With the guard on patrol',
    });
    expect(record.count.find((l) => l.itemId === b.items.key2.id)).toMatchObject({
      lent: 1,
      borrowers: ['ACME Lifts'],
    });
    expect(record.carried.overdueLoanIds).toHaveLength(1);
    expect(record.carried.taskIds).toHaveLength(1); // the radio's follow-up task

    const stored = await recordForHandover(b.db, h.id);
    expect(stored?.hash).toBe(await hashRecord(stored!));
    expect(await verifyChain([stored!])).toEqual({ ok: true, problems: [] });
    expect(await isDutyLocked(b.db, b.duty.id)).toBe(true);
    expect((await countView(b.db, h.id, b.clock.now)).locked).toBe(true);
  });

  it('H3: the next handover chains to the previous record, and a correction chains after both', async () => {
    const b = await building();
    const first = await signed(b);
    if (!first.newDuty) throw new Error('no new duty');
    b.clock.now = CHANGE_AT + 7 * HOUR;
    await putRota(b.db, b.siteId, b.people.next, CHANGE_AT + 8 * HOUR);
    const ctx2 = await incomingCtx(b);
    const h2 = await preparedHandover(b, { ctx: ctx2, dutyId: first.newDuty.id, incoming: b.people.next });
    expect(h2.outgoingStaffId).toBe(b.people.incoming);
    const r = await signHandover(b.db, ctx2, {
      ...signInput(b, h2.id),
      signatures: [
        signature('outgoing', b.people.incoming, b.clock.now),
        signature('incoming', b.people.next, b.clock.now),
      ],
    });
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.record.prevHash).toBe(first.record.hash);

    expect((await addCorrection(b.db, b.ctx, { recordId: first.record.id, note: ' ', signatures: [] })).ok).toBe(false);
    const noSig = await addCorrection(b.db, b.ctx, {
      recordId: first.record.id,
      note: 'Radio was in the cupboard',
      signatures: [],
    });
    expect(noSig).toEqual({ ok: false, errors: 'signatureMissing' });
    // H3: only the record's own two people sign its correction; a chief signing for one is refused.
    const wrongPair = await addCorrection(b.db, b.ctx, {
      recordId: first.record.id,
      note: 'Radio was in the cupboard',
      signatures: [
        signature('outgoing', b.people.outgoing, b.clock.now),
        signature('incoming', b.people.chief, b.clock.now),
      ],
    });
    expect(wrongPair).toEqual({ ok: false, errors: 'signatureMissing' });
    const fix = await addCorrection(b.db, b.ctx, {
      recordId: first.record.id,
      note: 'Radio was in the cupboard',
      signatures: [
        signature('outgoing', b.people.outgoing, b.clock.now),
        signature('incoming', b.people.incoming, b.clock.now),
      ],
    });
    if (!fix.ok) throw new Error(fix.errors);
    expect(fix.value).toMatchObject({
      kind: 'handover',
      correctsId: first.record.id,
      prevHash: r.value.record.hash,
      count: first.record.count,
    });

    const chain = await listRecords(b.db, 10);
    expect(chain.map((x) => x.id)).toEqual([fix.value.id, r.value.record.id, first.record.id]);
    expect(await verifyChain(chain)).toEqual({ ok: true, problems: [] });
    // Changing any field of a signed record breaks the chain.
    const tampered = chain.map((x) => (x.id === first.record.id ? { ...x, synthesis: 'edited' } : x));
    expect((await verifyChain(tampered)).ok).toBe(false);
  });

  it('H3: a handover and a correction signed at once on one tablet still form one chain (the head is re-checked in the write)', async () => {
    const b = await building();
    const first = await signed(b);
    if (!first.newDuty) throw new Error('no new duty');
    b.clock.now = CHANGE_AT + 7 * HOUR;
    await putRota(b.db, b.siteId, b.people.next, CHANGE_AT + 8 * HOUR);
    const ctx2 = await incomingCtx(b);
    const h2 = await preparedHandover(b, { ctx: ctx2, dutyId: first.newDuty.id, incoming: b.people.next });
    const [a, c] = await Promise.all([
      signHandover(b.db, ctx2, {
        ...signInput(b, h2.id),
        signatures: [
          signature('outgoing', b.people.incoming, b.clock.now),
          signature('incoming', b.people.next, b.clock.now),
        ],
      }),
      addCorrection(b.db, b.ctx, {
        recordId: first.record.id,
        note: 'Radio was in the cupboard',
        signatures: [
          signature('outgoing', b.people.outgoing, b.clock.now),
          signature('incoming', b.people.incoming, b.clock.now),
        ],
      }),
    ]);
    if (!a.ok || !c.ok) throw new Error('refused');
    const prevs = [a.value.record.prevHash, c.value.prevHash];
    expect(prevs).toContain(first.record.hash);
    expect(prevs).toContain(a.value.record.prevHash === first.record.hash ? a.value.record.hash : c.value.hash);
    expect(await verifyChain(await listRecords(b.db, 10))).toEqual({ ok: true, problems: [] });
  });
});
