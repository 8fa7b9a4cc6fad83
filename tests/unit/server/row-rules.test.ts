import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { RotaShift, SwapRequest } from '../../../src/domain/rota-entities';
import { UNDECIDED_SWAP } from '../../../src/domain/rota-entities';
import { OpBuilder, countRows, makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { prepareHandover } from './handover-fixtures';
import { countLineOp, expectApplied, pushOps, addStaff as addStaffOf, type Tablet } from './tablet-fixtures';

let t: TestServer;
let a: SetupResponse;
let tablet: Tablet;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  tablet = {
    deviceId: a.deviceId,
    token: a.token,
    ops: new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now),
  };
});
afterEach(() => t.dispose());

async function addStaff(): Promise<{ deskId: string; chiefId: string }> {
  const deskId = await addStaffOf(t, tablet.ops, 'desk', '何美玲');
  const chiefId = await addStaffOf(t, tablet.ops, 'chief', '王主任');
  return { deskId, chiefId };
}

describe('row-rules.ts on the server (H8, S1)', () => {
  it('H8: desk staff may add a custody item but not a key to the register (rule_violation, 403)', async () => {
    const { deskId } = await addStaff();
    tablet.ops.actorStaffId = deskId;
    const results = await pushOps(t, tablet, [
      tablet.ops.putItem({ category: 'key' }),
      tablet.ops.putItem({ category: 'custody', label: '租戶遺下的雨傘', expectedQuantity: 1 }),
    ]);
    expect(results.map((r) => [r.status, r.code, r.httpStatus])).toEqual([
      ['rejected', 'rule_violation', 403],
      ['applied', undefined, undefined],
    ]);
    expect((await t.store.listRows(a.siteId, 'item')).map((r) => r.row['category'])).toEqual(['custody']);
  });

  it('H8: desk staff may not turn a custody item into a key by a patch', async () => {
    const { deskId } = await addStaff();
    tablet.ops.actorStaffId = deskId;
    const put = tablet.ops.putItem({ category: 'custody' });
    expectApplied(await pushOps(t, tablet, [put]));
    const [result] = await pushOps(t, tablet, [
      tablet.ops.op('item', 'patch', put.rowId, { category: 'key' }, { category: 1 }),
    ]);
    expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expect((await storedRow(t.store, 'item', put.rowId))?.row['category']).toBe('custody');
  });

  it('S1: a desk person cannot confirm a swap; the section chief can', async () => {
    const { deskId, chiefId } = await addStaff();
    const shiftId = newId();
    const start = Date.UTC(2026, 0, 20, 1, 0);
    const shift: Omit<RotaShift, 'updatedAt' | 'deleted'> = {
      id: shiftId,
      siteId: a.siteId,
      staffId: deskId,
      day: '2026-01-20',
      shiftId: 'day',
      startsAt: start,
      endsAt: start + 9 * 3_600_000,
      note: '',
    };
    expectApplied(await pushOps(t, tablet, [tablet.ops.op('rotaShift', 'put', shiftId, shift)]));

    tablet.ops.actorStaffId = deskId;
    const swapId = newId();
    const swap: Omit<SwapRequest, 'updatedAt' | 'deleted'> = {
      id: swapId,
      siteId: a.siteId,
      kind: 'cover',
      rotaShiftId: shiftId,
      requesterId: deskId,
      substituteId: a.adminStaffId,
      otherShiftId: null,
      reason: '家中有事',
      status: 'requested',
      requestedAt: t.clock.now,
      ...UNDECIDED_SWAP,
    };
    expectApplied(await pushOps(t, tablet, [tablet.ops.op('swapRequest', 'put', swapId, swap)]));

    const confirm = (actor: string) => {
      tablet.ops.actorStaffId = actor;
      return tablet.ops.op(
        'swapRequest',
        'patch',
        swapId,
        { status: 'confirmed', confirmedBy: actor, confirmedAt: t.clock.now },
        { status: 1, confirmedBy: 1, confirmedAt: 1 },
      );
    };
    const [byDesk] = await pushOps(t, tablet, [confirm(deskId)]);
    expect(byDesk).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expect(byDesk?.message).toContain('wrongRole');
    expect((await storedRow(t.store, 'swapRequest', swapId))?.row['status']).toBe('requested');

    const [byChief] = await pushOps(t, tablet, [confirm(chiefId)]);
    expect(byChief).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect((await storedRow(t.store, 'swapRequest', swapId))?.row).toMatchObject({
      status: 'confirmed',
      confirmedBy: chiefId,
    });
  });

  it('H8: a count line saying an item is missing without an explanation is refused validation_failed', async () => {
    const w = await prepareHandover(t, a);
    const line = countLineOp(w.tablet.ops, {
      handoverId: w.handoverId,
      itemId: w.itemId,
      staffId: w.outgoingId,
      state: 'missing',
      quantity: 0,
      explanation: '  ',
    });
    const before = await countRows(t.store, 'countLine');
    const [result] = await pushOps(t, w.tablet, [line]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed', httpStatus: 400 });
    expect(await countRows(t.store, 'countLine')).toBe(before);
  });
});
