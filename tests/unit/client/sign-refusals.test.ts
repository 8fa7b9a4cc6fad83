import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { gateFor } from '../../../src/client/db/queries/handover-queries';
import { approveSubstitute, approveSubstituteByCover, joinHandover } from '../../../src/client/db/repos/desk-repo';
import { openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { amendLogEntry } from '../../../src/client/db/repos/log-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { newId } from '../../../src/domain/ids';
import {
  building,
  CHANGE_AT,
  incomingCtx,
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

const codes = async (b: Building, handoverId: string) =>
  (await gateFor(b.db, handoverId, b.clock.now)).blockers.map((x) => x.code);

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
      // S1: only the person who joined takes over; someone else's signature does not count.
      [signature('outgoing', b.people.outgoing, b.clock.now), signature('incoming', b.people.other, b.clock.now)],
    ]) {
      expect(await signHandover(b.db, b.ctx, signInput(b, h.id, { signatures }))).toEqual({
        ok: false,
        errors: 'signatureMissing',
      });
    }
    expect(await b.db.outbox.count()).toBe(before);
    expect(await b.db.handoverRecord.count()).toBe(0);
  });

  it('H11(d), S1: an unfit incoming person is replaced only by a substitute the chief confirmed and the manager approved', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await updateHandover(b.db, b.ctx, h.id, { fitness: 'unfit', fitnessNote: 'Smells of alcohol' });
    expect(await codes(b, h.id)).toEqual(['unfit']);
    await updateHandover(b.db, b.ctx, h.id, { substituteStaffId: b.people.other });
    // S1: a substitute is a cover; without the approvals the handover stays forbidden.
    expect(await codes(b, h.id)).toEqual(['substituteUnapproved']);
    const bySub = signInput(b, h.id, { incoming: b.people.other });
    expect(await signHandover(b.db, b.ctx, bySub)).toEqual({ ok: false, errors: 'blocked' });

    const as = (id: string) => makeWriteContext(b.db, id, () => b.clock.now);
    // A desk person cannot confirm as chief; the chief cannot approve as manager too.
    expect(await approveSubstitute(b.db, await as(b.people.next), { handoverId: h.id, as: 'chief' })).toEqual({
      ok: false,
      errors: 'role',
    });
    expect((await approveSubstitute(b.db, await as(b.people.chief), { handoverId: h.id, as: 'chief' })).ok).toBe(true);
    expect(await approveSubstitute(b.db, await as(b.people.chief), { handoverId: h.id, as: 'manager' })).toEqual({
      ok: false,
      errors: 'role',
    });
    expect(await codes(b, h.id)).toEqual(['substituteUnapproved']);
    expect((await approveSubstitute(b.db, await as(b.people.manager), { handoverId: h.id, as: 'manager' })).ok).toBe(
      true,
    );
    // Each approval is the approver's own op.
    const approvals = (await b.db.outbox.toArray()).filter(
      (o) => o.table === 'handover' && (o.fields['substituteApproval'] ?? null) !== null,
    );
    expect(approvals.map((o) => o.actorStaffId)).toEqual([b.people.chief, b.people.manager]);
    expect(await codes(b, h.id)).toEqual([]);
    expect((await gateFor(b.db, h.id, b.clock.now)).eligible).toEqual([b.people.other]);

    const r = await signHandover(b.db, b.ctx, bySub);
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.newDuty?.staffId).toBe(b.people.other);
    expect(r.value.record).toMatchObject({
      incomingStaffId: b.people.other,
      substituteStaffId: b.people.other,
      fitness: 'unfit',
      fitnessAttestedBy: b.people.outgoing,
      substituteApproval: {
        swapRequestId: null,
        chiefStaffId: b.people.chief,
        chiefAt: b.clock.now,
        managerStaffId: b.people.manager,
        managerAt: b.clock.now,
      },
    });
    // The draft keeps who joined and was found unfit.
    expect((await b.db.handover.get(h.id))?.incomingStaffId).toBe(b.people.incoming);
  });

  it('H11(d), S1: a cover request the chief confirmed and the manager approved on the rota approves the substitute', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await updateHandover(b.db, b.ctx, h.id, { fitness: 'unfit', substituteStaffId: b.people.other });
    const [shift] = await b.db.rotaShift.where('staffId').equals(b.people.incoming).toArray();
    const approved = {
      id: newId(),
      siteId: b.siteId,
      updatedAt: '001748854800000-0000-server',
      deleted: false,
      _versions: {},
      kind: 'cover' as const,
      rotaShiftId: shift!.id,
      requesterId: b.people.incoming,
      substituteId: b.people.other,
      otherShiftId: null,
      reason: 'Unwell',
      status: 'approved' as const,
      requestedAt: b.clock.now - 1,
      confirmedBy: b.people.chief,
      confirmedAt: b.clock.now - 1,
      approvedBy: b.people.manager,
      approvedAt: b.clock.now,
      decidedBy: null,
      decidedAt: null,
      decisionNote: '',
    };
    await b.db.swapRequest.put(approved);
    const gate = await gateFor(b.db, h.id, b.clock.now);
    expect(gate.blockers.map((x) => x.code)).toEqual(['substituteUnapproved']);
    const cover = gate.assignments.find((a) => a.staffId === b.people.other && a.viaSwapId === approved.id);
    expect(cover?.rotaShiftId).toBe(shift!.id);
    const r = await approveSubstituteByCover(b.db, b.ctx, { handoverId: h.id, swapRequestId: approved.id });
    expect(r.ok).toBe(true);
    expect(await codes(b, h.id)).toEqual([]);
    const signed = await signHandover(b.db, b.ctx, signInput(b, h.id, { incoming: b.people.other }));
    if (!signed.ok) throw new Error(signed.errors);
    expect(signed.value.record.substituteApproval).toMatchObject({ swapRequestId: approved.id, chiefStaffId: null });
    expect(signed.value.newDuty).toMatchObject({ staffId: b.people.other, shiftId: 'evening' });
  });

  it('H11(d): naming another substitute drops the approvals given for the first', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await updateHandover(b.db, b.ctx, h.id, { fitness: 'unfit', substituteStaffId: b.people.other });
    const chief = await makeWriteContext(b.db, b.people.chief, () => b.clock.now);
    await approveSubstitute(b.db, chief, { handoverId: h.id, as: 'chief' });
    await updateHandover(b.db, b.ctx, h.id, { substituteStaffId: b.people.next });
    expect((await b.db.handover.get(h.id))?.substituteApproval).toBeNull();
    await updateHandover(b.db, b.ctx, h.id, { fitness: 'fit' });
    expect(await b.db.handover.get(h.id)).toMatchObject({ substituteStaffId: null, substituteApproval: null });
  });

  it('H11(a): an open emergency blocks the signing until it is really dealt with; there is no override', async () => {
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
    // An old tablet's override is not even a field of the input any more: only resolving lifts it.
    const withOverride = { ...signInput(b, h.id), override: { staffId: b.people.chief, role: 'chief', reason: 'OK' } };
    expect(await signHandover(b.db, b.ctx, withOverride)).toEqual({ ok: false, errors: 'blocked' });
    expect(await b.db.handoverRecord.count()).toBe(0);

    const resolved = await amendLogEntry(b.db, b.ctx, {
      entryId: emergency.id,
      text: 'Fire services reset the alarm',
      statusChange: 'resolved',
      result: 'False alarm',
    });
    expect(resolved.ok).toBe(true);
    const r = await signHandover(b.db, b.ctx, signInput(b, h.id, { blockersSeen: blockers }));
    if (!r.ok) throw new Error(r.errors);
    expect(r.value.record.blockersSeen).toEqual(blockers);
    // H5: the emergency of the shift is carried with the record, handled as it is.
    expect(r.value.record.carried.majorEntryIds).toEqual([emergency.id]);
  });

  it('H8/H11(c): an unfinished count refuses the signing as countIncomplete; a second signing is alreadySigned', async () => {
    const b = await building();
    b.clock.now = CHANGE_AT - 600_000;
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    await updateHandover(b.db, b.ctx, h.id, {
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      anomalyAnswer: 'Lift 2 noisy',
      fitness: 'fit',
    });
    expect(await codes(b, h.id)).toEqual(['preparationIncomplete', 'notJoined']);
    await joinHandover(b.db, await incomingCtx(b), h.id);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'countIncomplete' });
    const done = await signed(b);
    expect(done.h.id).toBe(h.id);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'alreadySigned' });
    expect(await b.db.handoverRecord.count()).toBe(1);
  });

  it('S1: with nobody rostered for the next shift, nobody takes over: the gate says so and the signing is refused', async () => {
    const b = await building();
    await b.db.rotaShift.clear();
    const h = await preparedHandover(b);
    const gate = await gateFor(b.db, h.id, b.clock.now);
    expect(gate).toMatchObject({ blockers: [{ code: 'notRostered', refs: [] }], candidates: [], eligible: [] });
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'notEligible' });
  });
});
