import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { HandoverActorError, RowNotFoundError } from '../../../src/client/db/errors';
import { getHandover, handoverForDuty, isDutyLocked } from '../../../src/client/db/queries/handover-queries';
import { joinHandover } from '../../../src/client/db/repos/desk-repo';
import { cancelHandover, openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { newId } from '../../../src/domain/ids';
import { building, CHANGE_AT, incomingCtx } from './handover-fixtures';
import { T0 } from './helpers';

describe('the handover draft (H1, H2)', () => {
  it('H1: opening twice returns the same draft; the outgoing person is the duty’s', async () => {
    const b = await building();
    const open = () =>
      openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    const first = await open();
    const again = await open();
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      kind: 'handover',
      outgoingDutyId: b.duty.id,
      outgoingStaffId: b.people.outgoing,
      incomingStaffId: null,
      joinedAt: null,
      scheduledAt: CHANGE_AT,
      openedAt: T0,
      fitness: 'unset',
      fitnessAttestedBy: null,
      substituteApproval: null,
      status: 'preparing',
    });
    expect(await b.db.outbox.where('[table+rowId]').equals(['handover', first.id]).count()).toBe(1);
    await expect(
      openHandover(b.db, b.ctx, { outgoingDutyId: newId(), scheduledAt: null, kind: 'handover' }),
    ).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('queues only the changed fields, refuses invalid values; H11(d) records who attested the fitness', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    await updateHandover(b.db, b.ctx, h.id, { recordReviewed: true, equipmentChecked: false, fitness: 'fit' });
    const op = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(op).toMatchObject({ table: 'handover', kind: 'patch', actorStaffId: b.people.outgoing });
    expect(op!.fields).toEqual({ recordReviewed: true, fitness: 'fit', fitnessAttestedBy: b.people.outgoing });
    await expect(updateHandover(b.db, b.ctx, h.id, { fitness: 'tipsy' as never })).rejects.toBeInstanceOf(ZodError);
  });

  it('H9: the restatement and the review note are the incoming person’s own, once they have joined', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    const incoming = await incomingCtx(b);
    await expect(updateHandover(b.db, incoming, h.id, { synthesis: 'I take over' })).rejects.toBeInstanceOf(
      HandoverActorError,
    );
    expect(await joinHandover(b.db, incoming, h.id)).toMatchObject({ ok: true, value: { joinedAt: T0 } });
    await expect(updateHandover(b.db, b.ctx, h.id, { synthesis: 'Written for them' })).rejects.toBeInstanceOf(
      HandoverActorError,
    );
    await updateHandover(b.db, incoming, h.id, { synthesis: 'R-03 missing', recordReviewNote: 'Chase lift 2' });
    const op = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(op).toMatchObject({ actorStaffId: b.people.incoming, fields: { synthesis: 'R-03 missing' } });
  });

  it('H1: the incoming person joins once; the outgoing person cannot, nor anyone after them', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'handover' });
    expect(await joinHandover(b.db, b.ctx, h.id)).toEqual({ ok: false, errors: 'outgoing' });
    b.clock.now = CHANGE_AT + 7 * 60_000; // 12 minutes after they were due (5 minutes before the change)
    const joined = await joinHandover(b.db, await incomingCtx(b), h.id);
    expect(joined).toMatchObject({
      ok: true,
      value: { incomingStaffId: b.people.incoming, joinedAt: CHANGE_AT + 7 * 60_000 },
    });
    const op = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(op).toMatchObject({ actorStaffId: b.people.incoming, fields: { joinedAt: CHANGE_AT + 7 * 60_000 } });
    expect((await joinHandover(b.db, await incomingCtx(b), h.id)).ok).toBe(true);
    expect(await joinHandover(b.db, await incomingCtx(b, b.people.other), h.id)).toEqual({
      ok: false,
      errors: 'taken',
    });
  });

  it('"Cancel this handover": only the outgoing person cancels; the duty goes on and a new one can be opened', async () => {
    const b = await building();
    const h = await openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: CHANGE_AT, kind: 'closing' });
    expect(await cancelHandover(b.db, await incomingCtx(b), h.id)).toEqual({ ok: false, errors: 'notYours' });
    expect(await cancelHandover(b.db, b.ctx, h.id)).toEqual({ ok: true, value: undefined });
    expect((await getHandover(b.db, h.id))?.status).toBe('abandoned');
    expect(await handoverForDuty(b.db, b.duty.id)).toBeUndefined();
    const next = await openHandover(b.db, b.ctx, {
      outgoingDutyId: b.duty.id,
      scheduledAt: CHANGE_AT,
      kind: 'handover',
    });
    expect(next).toMatchObject({ kind: 'handover' });
    expect(next.id).not.toBe(h.id);
    expect((await b.db.duty.get(b.duty.id))?.endedAt).toBeNull();
    expect(await isDutyLocked(b.db, b.duty.id)).toBe(false);
  });
});
