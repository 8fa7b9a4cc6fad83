/**
 * Opening and closing the desk (H3, S1, H8): the two exceptions to "a duty begins and ends only by
 * a handover". A closing is allowed only when no shift follows; an opening only when no duty is
 * open (nor on its way) and the person is rostered now. Both are signed, locked and chained like a
 * handover, and an opening is flagged for the section chief.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewFlag } from '../../../src/domain/entities';
import { countRows, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { HOUR, buildRecord, lastHash, openDesk, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { as, expectApplied, handoverOp, pushOps, rotaOp, secondTablet } from './tablet-fixtures';
import { presentLine, signedRecord, signingOps, type RecordFields } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
});
afterEach(() => t.dispose());

const items = () => [{ id: w.itemId, code: w.itemCode }];
const openDuties = async () => (await t.store.listRows(w.a.siteId, 'duty')).filter((d) => d.row.endedAt === null);
/** The chief's flags of openings (deskOpened) other than the one that opened the outgoing duty. */
const flags = async (): Promise<ReviewFlag[]> =>
  (await t.store.listRows(w.a.siteId, 'reviewFlag'))
    .map((r) => r.row)
    .filter((f) => f.kind === 'deskOpened' && f.rowId !== w.opening.id);

/** S1: the chief rosters `staffId` on a shift that began ten minutes ago. */
async function rosterNow(staffId: string): Promise<void> {
  const ops = w.tablet.ops;
  const shift = as(ops, w.chiefId, () => rotaOp(ops, staffId, t.clock.now - 600_000, t.clock.now + 8 * HOUR));
  expectApplied(await pushOps(t, w.tablet, [shift]));
}

/** The outgoing person's closing of their duty, signed now. */
async function closing(): Promise<{ record: RecordFields; codes: (string | undefined)[]; message: string }> {
  const draft = as(w.tablet.ops, w.outgoingId, () => handoverOp(w.tablet.ops, w.dutyId, w.outgoingId, 'closing'));
  expectApplied(await pushOps(t, w.tablet, [draft]));
  const record = await buildRecord(w, { kind: 'closing', handoverId: draft.rowId, signedAt: t.clock.now });
  const results = await pushOps(t, w.tablet, signingOps(w.tablet.ops, record));
  return { record, codes: results.map((r) => r.code), message: results[1]?.message ?? '' };
}

/** S1: the chief cancels the incoming person's shift, so no shift follows the outgoing one. */
async function cancelNextShift(): Promise<void> {
  const del = as(w.tablet.ops, w.chiefId, () => w.tablet.ops.op('rotaShift', 'delete', w.incomingShiftId, {}));
  expectApplied(await pushOps(t, w.tablet, [del]));
}

describe('H3: closing the desk', () => {
  it('H3: a closing while a shift is rostered to follow is refused gate_blocked (nextShiftRostered)', async () => {
    const refused = await closing();
    expect(refused.codes).toEqual([undefined, 'gate_blocked']);
    expect(refused.message).toContain('nextShiftRostered');
    expect((await openDuties()).map((d) => d.id)).toEqual([w.dutyId]);
  });

  it('H3: with no shift to follow, the closing is accepted: the server ends the duty and locks it', async () => {
    await cancelNextShift();
    const { record, codes } = await closing();
    expect(codes).toEqual([undefined, undefined]);
    expect((await storedRow(t.store, 'duty', w.dutyId))?.row['endedAt']).toBe(record.signedAt);
    expect((await t.store.getLock(w.a.siteId, 'duty', w.dutyId))?.recordId).toBe(record.id);
    expect(await openDuties()).toEqual([]);

    // The handover prepared earlier can no longer take the closed duty over.
    const late = await buildRecord(w, { signedAt: t.clock.now + 1 });
    const results = await pushOps(t, w.tablet, signingOps(w.tablet.ops, late));
    expect(results.map((r) => r.code)).toEqual([undefined, 'handover_taken', 'reference_unknown']);
    expect(results[1]?.message).toContain('closed by 陳小玲');
  });
});

describe('H3, S1: opening the desk', () => {
  it('H3: an opening while a duty is open is refused duty_rule, naming the duty on', async () => {
    const { record, results } = await openDesk(t, w.tablet, w.incomingId, items());
    expect(results.map((r) => r.code)).toEqual([undefined, 'duty_rule', 'reference_unknown']);
    expect(results[1]?.message).toContain(w.dutyId);
    expect(await storedRow(t.store, 'handoverRecord', record.id)).toBeUndefined();
    expect((await openDuties()).map((d) => d.id)).toEqual([w.dutyId]);
  });

  it('S1: after a closing, an opening by someone not rostered is refused duty_rule; the rostered person opens, flagged for the chief', async () => {
    await cancelNextShift();
    await closing();
    t.clock.now += 3 * HOUR;
    const shift = as(w.tablet.ops, w.chiefId, () =>
      rotaOp(w.tablet.ops, w.incomingId, t.clock.now - 600_000, t.clock.now + 8 * HOUR),
    );
    expectApplied(await pushOps(t, w.tablet, [shift]));

    const stranger = await openDesk(t, w.tablet, w.otherId, items());
    expect(stranger.results.map((r) => r.code)).toEqual([undefined, 'duty_rule', 'reference_unknown']);
    expect(stranger.results[1]?.message).toContain('not rostered');
    expect(await flags()).toEqual([]);

    const { record, results } = await openDesk(t, w.tablet, w.incomingId, items());
    expectApplied(results);
    expect((await openDuties()).map((d) => d.row)).toEqual([
      expect.objectContaining({ id: record.newDutyId, staffId: w.incomingId, handoverId: record.id }),
    ]);
    expect((await t.store.getLock(w.a.siteId, 'handover', record.handoverId))?.recordId).toBe(record.id);
    expect(await flags()).toEqual([
      expect.objectContaining({
        kind: 'deskOpened',
        table: 'handoverRecord',
        rowId: record.id,
        deviceId: w.tablet.deviceId,
        actorStaffId: w.incomingId,
        stampedAt: record.signedAt,
      }),
    ]);
  });

  it('H8: an opening whose count leaves out an item is refused gate_blocked', async () => {
    await cancelNextShift();
    await closing();
    await rosterNow(w.incomingId);
    const { results } = await openDesk(t, w.tablet, w.incomingId, []);
    expect(results.map((r) => r.code)).toEqual([undefined, 'gate_blocked', 'reference_unknown']);
    expect(results[1]?.message).toContain(`preparationIncomplete (itemsCounted, ${w.itemCode})`);
  });

  it('H3: two tablets opening at once: the second is refused duty_rule while the first duty is on its way', async () => {
    await cancelNextShift();
    await closing();
    await rosterNow(w.incomingId);
    const back = await secondTablet(t, w.a, w.chiefId);
    // The incoming person opens on the lobby tablet; its duty is not sent yet.
    const draft = as(w.tablet.ops, w.incomingId, () => handoverOp(w.tablet.ops, null, null, 'opening'));
    expectApplied(await pushOps(t, w.tablet, [draft]));
    const record = await signedRecord({
      kind: 'opening',
      siteId: w.a.siteId,
      handoverId: draft.rowId,
      outgoing: null,
      incomingStaffId: w.incomingId,
      signedAt: t.clock.now,
      syncCursor: 0,
      count: [presentLine(w.itemId, w.itemCode)],
      prevHash: await lastHash(t, w.a.siteId),
    });
    const [patch, put, duty] = as(w.tablet.ops, w.incomingId, () => signingOps(w.tablet.ops, record));
    expectApplied(await pushOps(t, w.tablet, [patch!, put!]));

    const second = await openDesk(t, back, w.incomingId, items());
    expect(second.results.map((r) => r.code)).toEqual([undefined, 'duty_rule', 'reference_unknown']);
    expect(second.results[1]?.message).toContain(record.id);

    expectApplied(await pushOps(t, w.tablet, [duty!]));
    expect((await openDuties()).map((d) => d.id)).toEqual([record.newDutyId]);
  });
});

describe('H3: addenda of openings and closings', () => {
  it('an addendum of the opening and of the closing is chained, takes no lock and ends nothing', async () => {
    await cancelNextShift();
    const { record: closed } = await closing();
    const base = { siteId: w.a.siteId, signedAt: t.clock.now + 60_000, syncCursor: 0 };
    const openingFix = await signedRecord({
      ...base,
      kind: 'opening',
      handoverId: w.opening.handoverId,
      outgoing: null,
      incomingStaffId: w.outgoingId,
      newDutyId: w.opening.newDutyId,
      count: w.opening.count,
      correctsId: w.opening.id,
      note: '更正：開更點算時對講機充電座其實有兩個',
      prevHash: closed.hash,
    });
    const closingFix = await signedRecord({
      ...base,
      kind: 'closing',
      handoverId: closed.handoverId,
      outgoing: { dutyId: w.dutyId, staffId: w.outgoingId, startedAt: w.dutyStartedAt, entries: [w.entry] },
      incomingStaffId: null,
      count: closed.count,
      correctsId: closed.id,
      note: '更正：收更時間應為 10:05',
      prevHash: openingFix.hash,
    });
    const flagsBefore = await countRows(t.store, 'reviewFlag');
    const dutyBefore = await storedRow(t.store, 'duty', w.dutyId);
    const results = await pushOps(t, w.tablet, [
      as(w.tablet.ops, w.outgoingId, () => w.tablet.ops.op('handoverRecord', 'put', openingFix.id, openingFix)),
      as(w.tablet.ops, w.outgoingId, () => w.tablet.ops.op('handoverRecord', 'put', closingFix.id, closingFix)),
    ]);
    expectApplied(results);
    expect(await t.store.getChainRecordId(w.a.siteId, closingFix.hash)).toBe(closingFix.id);
    expect((await t.store.getLock(w.a.siteId, 'duty', w.dutyId))?.recordId).toBe(closed.id);
    expect((await t.store.getLock(w.a.siteId, 'handover', w.opening.handoverId))?.recordId).toBe(w.opening.id);
    expect(await storedRow(t.store, 'duty', w.dutyId)).toEqual(dutyBefore);
    expect(await countRows(t.store, 'reviewFlag')).toBe(flagsBefore);
  });
});
