import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { gateFor } from '../../../src/client/db/queries/handover-queries';
import { openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import {
  building,
  CHANGE_AT,
  logEntry,
  preparedHandover,
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

describe('signing refused (H3, H8, H11, S1)', () => {
  it('H3: a signature without strokes, or by the wrong person, is refused and nothing is written', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    const before = await b.db.outbox.count();
    for (const signatures of [
      [
        signature('outgoing', b.people.outgoing, b.clock.now),
        signature('incoming', b.people.incoming, b.clock.now, ''),
      ],
      [signature('outgoing', b.people.outgoing, b.clock.now)],
      [signature('outgoing', b.people.other, b.clock.now), signature('incoming', b.people.incoming, b.clock.now)],
    ]) {
      expect(await signHandover(b.db, b.ctx, signInput(b, h.id, { signatures }))).toEqual({
        ok: false,
        errors: 'signatureMissing',
      });
    }
    expect(await b.db.outbox.count()).toBe(before);
    expect(await b.db.handoverRecord.count()).toBe(0);
  });
  it('S1: only the rostered incoming person may sign; H11(d) unfit hands over to the named substitute only', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    const other = signInput(b, h.id, { incomingStaffId: b.people.other });
    expect(await signHandover(b.db, b.ctx, other)).toEqual({ ok: false, errors: 'notEligible' });

    await updateHandover(b.db, b.ctx, h.id, { fitness: 'unfit', fitnessNote: 'Smells of alcohol' });
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers.map((x) => x.code)).toEqual(['unfit']);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'notEligible' });
    await updateHandover(b.db, b.ctx, h.id, { substituteStaffId: b.people.other });
    expect((await gateFor(b.db, h.id, b.clock.now)).eligible).toEqual([b.people.other]);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'notEligible' });
    const r = await signHandover(b.db, b.ctx, other);
    expect(r.ok && r.value.newDuty.staffId).toBe(b.people.other);
  });
  it('H11(a): an open emergency blocks the signing unless a chief overrides with a reason', async () => {
    const b = await building();
    const emergency = await logEntry(b.db, b.ctx, b.duty.id, {
      kind: 'emergency',
      severity: 'emergency',
      process: 'Called the fire services',
    });
    const h = await preparedHandover(b);
    const blockers = [{ code: 'majorOpen', refs: [emergency.id] }];
    expect((await gateFor(b.db, h.id, b.clock.now)).blockers).toEqual(blockers);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'blocked' });

    const override = {
      staffId: b.people.chief,
      role: 'chief' as const,
      reason: 'Fire services on site',
      at: b.clock.now,
      blockers,
    };
    const refusedOverrides = [
      { ...override, reason: 'ok' },
      { ...override, staffId: b.people.other },
      { ...override, blockers: [] },
    ];
    for (const bad of refusedOverrides) {
      expect(await signHandover(b.db, b.ctx, signInput(b, h.id, { override: bad }))).toEqual({
        ok: false,
        errors: 'blocked',
      });
    }
    expect(await b.db.handoverRecord.count()).toBe(0);

    const r = await signHandover(b.db, b.ctx, signInput(b, h.id, { override }));
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.record.override).toEqual(override);
    expect(r.value.record.blockersSeen).toEqual(blockers);
    expect(r.value.record.carried.majorEntryIds).toEqual([emergency.id]);
  });
  it('H8/H11(c): an unfinished count refuses the signing as countIncomplete; a second signing is alreadySigned', async () => {
    const b = await building();
    b.clock.now = CHANGE_AT - 600_000;
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT });
    await updateHandover(b.db, b.ctx, h.id, {
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      anomalyAnswer: 'Lift 2 noisy',
      fitness: 'fit',
    });
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'countIncomplete' });
    const done = await signed(b);
    expect(done.h.id).toBe(h.id);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'alreadySigned' });
    expect(await b.db.handoverRecord.count()).toBe(1);
  });
  it('S1: with nobody rostered, a chief override lets any other active person take over', async () => {
    const b = await building();
    await b.db.rotaShift.clear();
    const h = await preparedHandover(b);
    const gate = await gateFor(b.db, h.id, b.clock.now);
    expect(gate).toMatchObject({ blockers: [{ code: 'notRostered', refs: [] }], candidates: [], eligible: [] });
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'notEligible' });
    const override = {
      staffId: b.people.chief,
      role: 'chief' as const,
      reason: 'Rota not entered yet',
      at: b.clock.now,
      blockers: gate.blockers,
    };
    const r = await signHandover(b.db, b.ctx, signInput(b, h.id, { override }));
    expect(r.ok && r.value.newDuty).toMatchObject({ staffId: b.people.incoming, shiftId: null });
  });
});
