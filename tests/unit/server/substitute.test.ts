/**
 * The substitute is a cover (H11(d), S1): a substitute for an unfit incoming person takes over only
 * with the section chief's confirmation and the property office manager's approval, given on the
 * spot (each an active person of that role, two different people) or beforehand through an
 * approved cover request. Checked on the draft that names the substitute and on the signed record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubstituteApproval } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import { UNDECIDED_SWAP, type SwapRequest } from '../../../src/domain/rota-entities';
import { adminPatchStaff, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { buildRecord, draftVersions, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { as, expectApplied, pushOps } from './tablet-fixtures';
import { signingOps, type RecordFields } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
});
afterEach(() => t.dispose());

/** The chief's and the manager's approval given at the tablet with their PINs. */
const onTheSpot = (chiefStaffId: string, managerStaffId: string): SubstituteApproval => ({
  swapRequestId: null,
  chiefStaffId,
  chiefAt: t.clock.now - 120_000,
  managerStaffId,
  managerAt: t.clock.now - 60_000,
});

/** The incoming person is unfit; `incoming` signs as the named substitute (`otherId` by default). */
function unfit(approval: SubstituteApproval | null, incoming = w.otherId): Promise<RecordFields> {
  return buildRecord(w, {
    signedAt: t.clock.now,
    incomingStaffId: incoming,
    fields: {
      fitness: 'unfit',
      fitnessNote: '發高燒，未能當值',
      substituteStaffId: w.otherId,
      substituteApproval: approval,
    },
  });
}

/** Signing again after a refused record patches the draft from the version the tablet pulled. */
async function sign(record: RecordFields): Promise<{ codes: (string | undefined)[]; message: string }> {
  const base = await draftVersions(t, record.handoverId);
  const results = await pushOps(t, w.tablet, signingOps(w.tablet.ops, record, record.handoverId, base));
  return { codes: results.map((r) => r.code), message: results[1]?.message ?? '' };
}

describe('H11(d), S1: a signed record with a substitute', () => {
  it('a substitute without approval is refused gate_blocked (substituteUnapproved)', async () => {
    const refused = await sign(await unfit(null));
    expect(refused.codes).toEqual([undefined, 'gate_blocked', 'reference_unknown']);
    expect(refused.message).toContain(`substituteUnapproved (${w.otherId})`);
    expect((await storedRow(t.store, 'duty', w.dutyId))?.row['endedAt']).toBeNull();
  });

  it('approved by a desk person posing as chief, by one person twice, or by a manager no longer active: refused', async () => {
    const approvals = [onTheSpot(w.outgoingId, w.managerId), onTheSpot(w.chiefId, w.chiefId)];
    for (const approval of approvals) {
      const refused = await sign(await unfit(approval));
      expect(refused.codes).toEqual([undefined, 'gate_blocked', 'reference_unknown']);
      expect(refused.message).toContain('substituteUnapproved');
    }
    // Issue 9 §3: the admin deactivates the manager online, through the admin API.
    await adminPatchStaff(t, w.a, w.managerId, { active: false });
    expect((await sign(await unfit(onTheSpot(w.chiefId, w.managerId)))).codes[1]).toBe('gate_blocked');
  });

  it("the section chief's confirmation and the manager's approval on the spot: accepted, the substitute takes over", async () => {
    const record = await unfit(onTheSpot(w.chiefId, w.managerId));
    expect((await sign(record)).codes).toEqual([undefined, undefined, undefined]);
    const duty = (await storedRow(t.store, 'duty', String(record.newDutyId)))?.row;
    expect(duty).toMatchObject({ staffId: w.otherId, endedAt: null });
  });

  it('an approved cover request (requested, confirmed by the chief, approved by the manager) is the approval too', async () => {
    const id = newId();
    const request: Omit<SwapRequest, 'updatedAt' | 'deleted'> = {
      id,
      siteId: w.a.siteId,
      kind: 'cover',
      rotaShiftId: w.incomingShiftId,
      requesterId: w.incomingId,
      substituteId: w.otherId,
      otherShiftId: null,
      reason: '發高燒，請同事代更',
      status: 'requested',
      requestedAt: t.clock.now - 3_600_000,
      ...UNDECIDED_SWAP,
    };
    const ops = w.tablet.ops;
    const now = t.clock.now;
    expectApplied(
      await pushOps(t, w.tablet, [
        as(ops, w.incomingId, () => ops.op('swapRequest', 'put', id, request)),
        as(ops, w.chiefId, () =>
          ops.op(
            'swapRequest',
            'patch',
            id,
            { status: 'confirmed', confirmedBy: w.chiefId, confirmedAt: now },
            { status: 1, confirmedBy: 1, confirmedAt: 1 },
          ),
        ),
        as(ops, w.managerId, () =>
          ops.op(
            'swapRequest',
            'patch',
            id,
            { status: 'approved', approvedBy: w.managerId, approvedAt: now },
            { status: 2, approvedBy: 1, approvedAt: 1 },
          ),
        ),
      ]),
    );
    const approval: SubstituteApproval = {
      swapRequestId: id,
      chiefStaffId: null,
      chiefAt: null,
      managerStaffId: null,
      managerAt: null,
    };
    expect((await sign(await unfit(approval))).codes).toEqual([undefined, undefined, undefined]);
  });

  it('with an unfit incoming person, only the approved substitute signs as incoming (notRostered otherwise)', async () => {
    const refused = await sign(await unfit(onTheSpot(w.chiefId, w.managerId), w.incomingId));
    expect(refused.codes).toEqual([undefined, 'gate_blocked', 'reference_unknown']);
    expect(refused.message).toContain('notRostered');
  });
});

describe('H11(d), S1: the draft that names a substitute', () => {
  const name = (approval: SubstituteApproval | null) =>
    w.tablet.ops.op(
      'handover',
      'patch',
      w.handoverId,
      { fitness: 'unfit', substituteStaffId: w.otherId, substituteApproval: approval, fitnessAttestedBy: w.outgoingId },
      { fitness: 1, substituteStaffId: 1, substituteApproval: 1, fitnessAttestedBy: 1 },
    );

  it('naming a substitute without approval is refused rule_violation; with it, applied', async () => {
    const before = await storedRow(t.store, 'handover', w.handoverId);
    const [refused] = await pushOps(t, w.tablet, [name(null)]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expect(refused?.message).toContain('H11(d)');
    expect(await storedRow(t.store, 'handover', w.handoverId)).toEqual(before);

    const [applied] = await pushOps(t, w.tablet, [name(onTheSpot(w.chiefId, w.managerId))]);
    expect(applied).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect((await storedRow(t.store, 'handover', w.handoverId))?.row).toMatchObject({
      substituteStaffId: w.otherId,
      fitnessAttestedBy: w.outgoingId,
    });
  });

  it('an approval given earlier does not block an unrelated edit of the draft after the manager left', async () => {
    expectApplied(await pushOps(t, w.tablet, [name(onTheSpot(w.chiefId, w.managerId))]));
    await adminPatchStaff(t, w.a, w.managerId, { active: false });
    const note = w.tablet.ops.op(
      'handover',
      'patch',
      w.handoverId,
      { recordReviewNote: '旋轉門仍待維修' },
      { recordReviewNote: 1 },
    );
    expectApplied(await pushOps(t, w.tablet, [note]));
  });
});
