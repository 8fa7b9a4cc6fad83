import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../../src/client/db/errors';
import { openDutyFor } from '../../../src/client/db/queries';
import { isDutyLocked, recordForHandover, refusedHandover } from '../../../src/client/db/queries/handover-queries';
import { markAllPresent, recordCountTap } from '../../../src/client/db/repos/count-repo';
import { cancelHandover, openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import { amendLogEntry, createLogEntry } from '../../../src/client/db/repos/log-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { createSyncEngine } from '../../../src/client/sync/sync-engine';
import { newId } from '../../../src/domain/ids';
import { createFakeServer } from './fake-server';
import { building, incomingCtx, logEntry, preparedHandover, signInput, type Building } from './handover-fixtures';
import { fields } from './helpers';

async function signedBuilding() {
  const b = await building();
  const entry = await logEntry(b.db, b.ctx, b.duty.id, { cause: 'Water leak at B1 car park' });
  const h = await preparedHandover(b);
  const r = await signHandover(b.db, b.ctx, signInput(b, h.id));
  if (!r.ok) throw new Error(r.errors);
  return { ...b, entry, h, ...r.value };
}

/** Every row count and the outbox, to prove a refused write left nothing behind. */
async function snapshot(b: Building) {
  const tables = ['handover', 'countLine', 'task', 'duty', 'logEntry', 'logAmendment', 'outbox'] as const;
  return Promise.all(tables.map(async (t) => [t, await b.db.table(t).count()]));
}

describe('H3: what a signed handover locks on the tablet', () => {
  it('every write to the handover, its count or the outgoing duty throws LockedError and writes nothing', async () => {
    const b = await signedBuilding();
    const before = await snapshot(b);
    const hOut = await b.db.handover.get(b.h.id);
    const attempts: [string, () => Promise<unknown>][] = [
      ['updateHandover', () => updateHandover(b.db, b.ctx, b.h.id, { anomalyAnswer: 'Changed after signing' })],
      ['cancelHandover', () => cancelHandover(b.db, b.ctx, b.h.id)],
      [
        'recordCountTap',
        () =>
          recordCountTap(b.db, b.ctx, {
            handoverId: b.h.id,
            itemId: b.items.key.id,
            state: 'missing',
            quantity: 0,
            explanation: 'Gone',
          }),
      ],
      ['markAllPresent', () => markAllPresent(b.db, b.ctx, { handoverId: b.h.id, itemIds: [b.items.key.id] })],
      [
        'createLogEntry',
        () => createLogEntry(b.db, b.ctx, { dutyId: b.duty.id, fields: fields({ cause: 'Late entry' }) }),
      ],
      [
        'openHandover',
        () => openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: null, kind: 'handover' }),
      ],
      [
        'openHandover (closing)',
        () => openHandover(b.db, b.ctx, { outgoingDutyId: b.duty.id, scheduledAt: null, kind: 'closing' }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(LockedError);
      expect((error as LockedError).code).toBe('locked');
    }
    expect(await snapshot(b)).toEqual(before);
    expect(await b.db.handover.get(b.h.id)).toEqual(hOut);
  });

  it('H3/H6: an entry of the locked duty may still be resolved by an amendment that changes only status, result and its still-empty process', async () => {
    const b = await signedBuilding();
    const incomingCtx = await makeWriteContext(b.db, b.people.incoming, () => b.clock.now);
    const r = await amendLogEntry(b.db, incomingCtx, {
      entryId: b.entry.id,
      text: 'Plumber fixed the pipe',
      statusChange: 'resolved',
      result: 'Leak stopped',
    });
    expect(r.ok).toBe(true);
    const patch = (await b.db.outbox.orderBy('counter').toArray()).at(-1);
    expect(patch).toMatchObject({
      table: 'logEntry',
      kind: 'patch',
      fields: { status: 'resolved', result: 'Leak stopped' },
    });
    expect(Object.keys(patch!.fields).sort()).toEqual(['process', 'result', 'status']);
    expect(await b.db.logEntry.get(b.entry.id)).toMatchObject({
      process: 'Plumber fixed the pipe',
      status: 'resolved',
    });
  });

  it("the incoming person's new duty is open for entries; it ends only by the next handover or a closing (H3)", async () => {
    const b = await signedBuilding();
    if (!b.newDuty) throw new Error('no new duty');
    const r = await createLogEntry(b.db, await incomingCtx(b), {
      dutyId: b.newDuty.id,
      fields: fields({ occurredAt: b.clock.now }),
    });
    expect(r.ok).toBe(true);
    expect((await openDutyFor(b.db, b.people.incoming))?.id).toBe(b.newDuty.id);
  });

  it('H3: a record signed on another tablet and pulled here locks the handover too', async () => {
    const b = await building();
    const h = await preparedHandover(b);
    await b.db.handoverRecord.put({ ...fakeRecordFor(b, h.id), _versions: {} });
    expect(await isDutyLocked(b.db, b.duty.id)).toBe(true);
    await expect(
      recordCountTap(b.db, await incomingCtx(b), {
        handoverId: h.id,
        itemId: b.items.key.id,
        state: 'present',
        quantity: 1,
        explanation: '',
      }),
    ).rejects.toBeInstanceOf(LockedError);
    expect(await signHandover(b.db, b.ctx, signInput(b, h.id))).toEqual({ ok: false, errors: 'alreadySigned' });
  });
});

/** A copy of what this tablet would sign, under another id: the record another tablet signed. */
function fakeRecordFor(b: Building, handoverId: string) {
  return {
    id: newId(),
    siteId: b.siteId,
    updatedAt: '001748854800000-0000-server',
    deleted: false,
    kind: 'handover' as const,
    handoverId,
    correctsId: null,
    outgoingDutyId: b.duty.id,
    outgoingStaffId: b.people.outgoing,
    incomingStaffId: b.people.other,
    newDutyId: newId(),
    scheduledAt: null,
    openedAt: b.clock.now,
    joinedAt: b.clock.now,
    signedAt: b.clock.now,
    syncCursor: 0,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: 'None',
    synthesis: '',
    fitness: 'fit' as const,
    fitnessNote: '',
    fitnessAttestedBy: b.people.outgoing,
    substituteStaffId: null,
    substituteApproval: null,
    count: [],
    duty: { id: b.duty.id, staffId: b.people.outgoing, startedAt: b.duty.startedAt, endedAt: b.clock.now, entries: [] },
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: [],
    signatures: [],
    note: '',
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

describe('a second tablet signing the same duty (handover_taken)', () => {
  it('its record and new duty are refused and taken off: never two open duties, and the refusal is shown', async () => {
    const b = await building();
    const server = createFakeServer({
      now: () => b.clock.now,
      siteId: b.siteId,
      deviceId: b.deviceId,
      token: b.token,
      reject: (op) =>
        op.table === 'handoverRecord'
          ? 'handover_taken'
          : op.table === 'duty' && op.kind === 'put' && op.fields['handoverId'] !== null
            ? 'reference_unknown'
            : null,
    });
    const engine = createSyncEngine({ db: b.db, baseUrl: 'http://test', fetch: server.fetch, now: () => b.clock.now });
    const h = await preparedHandover(b);
    await engine.syncNow();

    // The other tablet signed first: its record and its new duty are on the server.
    const winner = fakeRecordFor(b, h.id);
    const winnerDuty = {
      id: winner.newDutyId,
      siteId: b.siteId,
      updatedAt: winner.updatedAt,
      deleted: false,
      staffId: b.people.other,
      deviceId: newId(),
      shiftId: null,
      startedAt: b.clock.now,
      endedAt: null,
      handoverId: winner.id,
    };
    server.write('handoverRecord', winner.id, winner, {});
    server.write('duty', winnerDuty.id, winnerDuty, {});
    // H3: the server ended the outgoing duty when it applied the winner's record.
    const { _versions: _v, ...outgoingDuty } = (await b.db.duty.get(b.duty.id))!;
    server.write('duty', b.duty.id, { ...outgoingDuty, endedAt: winner.signedAt }, {});

    const r = await signHandover(b.db, b.ctx, signInput(b, h.id));
    if (!r.ok) throw new Error(r.errors);
    expect(await recordForHandover(b.db, h.id)).toMatchObject({ id: r.value.record.id });

    const outcome = await engine.syncNow();
    expect(outcome.rejected).toBe(2);
    expect(await b.db.handoverRecord.get(r.value.record.id)).toBeUndefined();
    expect(await b.db.duty.get(r.value.newDuty?.id ?? '')).toBeUndefined();
    const open = (await b.db.duty.toArray()).filter((d) => d.endedAt === null && !d.deleted);
    expect(open.map((d) => d.id)).toEqual([winnerDuty.id]);
    expect(await openDutyFor(b.db, b.people.incoming)).toBeUndefined();
    expect(await refusedHandover(b.db, h.id)).toMatchObject({
      table: 'handoverRecord',
      code: 'handover_taken',
      rowId: r.value.record.id,
    });
    expect(await isDutyLocked(b.db, b.duty.id)).toBe(true);
  });
});
