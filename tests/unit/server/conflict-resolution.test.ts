import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { countRows, maxSeq, makeTestServer, type TestServer, storedRow } from './helpers';
import { reviewWorld, type ReviewWorld } from './review-fixtures';
import { seedDuty, seedEntry } from './rules-fixtures';
import { as, pushOps } from './tablet-fixtures';

let t: TestServer;
let w: ReviewWorld;
let dutyId: string;
let entryId: string;

beforeEach(async () => {
  t = await makeTestServer();
  w = await reviewWorld(t);
  dutyId = await seedDuty(t, w.a, w.deskId, t.clock.now - 3_600_000);
  entryId = await seedEntry(t, w.a, { dutyId, staffId: w.deskId, cause: '大堂燈管閃爍' });
});
afterEach(() => t.dispose());

/** Two tablets edited `field` of the entry from version 1: the second edit loses and leaves a conflict. */
async function conflictOn(field: string, winning: string, losing: string): Promise<string> {
  const ops = w.tablet.ops;
  const results = await pushOps(t, w.tablet, [
    as(ops, w.deskId, () => ops.op('logEntry', 'patch', entryId, { [field]: winning }, { [field]: 1 })),
    as(ops, w.deskId, () => ops.op('logEntry', 'patch', entryId, { [field]: losing }, { [field]: 1 })),
  ]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'conflict']);
  const conflict = (await t.store.listRows(w.a.siteId, 'conflict')).at(-1);
  if (!conflict) throw new Error('no conflict row');
  return conflict.id;
}

function resolve(conflictId: string, choice: 'winning' | 'losing', staffId = w.chiefId) {
  const id = newId();
  return w.tablet.ops.op('conflictResolution', 'append', id, {
    id,
    siteId: w.a.siteId,
    conflictId,
    choice,
    staffId,
    resolvedAt: t.clock.now,
    note: '',
  });
}

describe('O1: the chief resolves a sync conflict, as an op of its own', () => {
  it('keeping the losing value makes the server write it onto the row, with its own version and seq', async () => {
    const conflictId = await conflictOn('result', '已通知工程部更換', '已更換燈管');
    const before = await storedRow(t.store, 'logEntry', entryId);
    expect(before?.row['result']).toBe('已通知工程部更換');
    const seq = await maxSeq(t.store);

    const [result] = await pushOps(t, w.tablet, [resolve(conflictId, 'losing')]);
    expect(result).toMatchObject({ status: 'applied' });
    const after = await storedRow(t.store, 'logEntry', entryId);
    expect(after?.row['result']).toBe('已更換燈管');
    expect(after?.versions['result']).toBe((before?.versions['result'] ?? 0) + 1);
    expect(after?.seq).toBeGreaterThan(seq);
    expect(after?.updatedHlc).not.toBe(before?.updatedHlc);
  });

  it('keeping the winning value changes nothing on the row', async () => {
    const conflictId = await conflictOn('result', '已通知工程部更換', '已更換燈管');
    const before = await storedRow(t.store, 'logEntry', entryId);
    const [result] = await pushOps(t, w.tablet, [resolve(conflictId, 'winning')]);
    expect(result).toMatchObject({ status: 'applied' });
    expect(await storedRow(t.store, 'logEntry', entryId)).toEqual(before);
    expect(await countRows(t.store, 'conflictResolution')).toBe(1);
  });

  it('a second resolution of the same conflict is refused rule_violation', async () => {
    const conflictId = await conflictOn('result', '甲', '乙');
    await pushOps(t, w.tablet, [resolve(conflictId, 'winning')]);
    const [second] = await pushOps(t, w.tablet, [resolve(conflictId, 'losing')]);
    expect(second).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect((await storedRow(t.store, 'logEntry', entryId))?.row['result']).toBe('甲');
    expect(await countRows(t.store, 'conflictResolution')).toBe(1);
  });

  it('a row locked by a signed record is refused locked (H3), and nothing is written', async () => {
    const conflictId = await conflictOn('cause', '大堂燈管閃爍（二）', '大堂燈管全壞');
    await t.store.transaction(w.a.siteId, (tx) =>
      tx.lockRow({ siteId: w.a.siteId, table: 'duty', id: dutyId, recordId: newId() }),
    );
    const [result] = await pushOps(t, w.tablet, [resolve(conflictId, 'losing')]);
    expect(result).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect((await storedRow(t.store, 'logEntry', entryId))?.row['cause']).toBe('大堂燈管閃爍（二）');
    expect(await countRows(t.store, 'conflictResolution')).toBe(0);
  });

  it('a losing value the row checks refuse (H6: a cause cannot be blank) is refused validation_failed', async () => {
    const conflictId = await conflictOn('cause', '大堂燈管閃爍（二）', '');
    const [result] = await pushOps(t, w.tablet, [resolve(conflictId, 'losing')]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect((await storedRow(t.store, 'logEntry', entryId))?.row['cause']).toBe('大堂燈管閃爍（二）');
  });

  it('only a chief resolves, in their own name', async () => {
    const conflictId = await conflictOn('result', '甲', '乙');
    const ops = w.tablet.ops;
    const [desk] = await pushOps(t, w.tablet, [as(ops, w.deskId, () => resolve(conflictId, 'losing', w.deskId))]);
    expect(desk).toMatchObject({ status: 'rejected', code: 'forbidden_role', httpStatus: 403 });
    const [other] = await pushOps(t, w.tablet, [resolve(conflictId, 'losing', w.deskId)]);
    expect(other).toMatchObject({ status: 'rejected', code: 'rule_violation' });
  });
});

describe('O1: spot checks of the desk', () => {
  function spotCheck(over: Record<string, unknown> = {}) {
    const id = newId();
    return w.tablet.ops.op('spotCheck', 'append', id, {
      id,
      siteId: w.a.siteId,
      staffId: w.chiefId,
      checkedAt: t.clock.now,
      dutyId,
      inOrder: true,
      findings: '',
      ...over,
    });
  }

  it('the chief records a spot check; a desk found not in order needs its findings', async () => {
    const [inOrder] = await pushOps(t, w.tablet, [spotCheck()]);
    expect(inOrder).toMatchObject({ status: 'applied' });
    const [noFindings] = await pushOps(t, w.tablet, [spotCheck({ inOrder: false })]);
    expect(noFindings).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    const [withFindings] = await pushOps(t, w.tablet, [
      spotCheck({ inOrder: false, findings: '值班記錄未填寫處理結果' }),
    ]);
    expect(withFindings).toMatchObject({ status: 'applied' });
  });

  it("a spot check in someone else's name, or by a desk person, is refused", async () => {
    const [notActor] = await pushOps(t, w.tablet, [spotCheck({ staffId: w.deskId })]);
    expect(notActor).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    const ops = w.tablet.ops;
    const [desk] = await pushOps(t, w.tablet, [as(ops, w.deskId, () => spotCheck({ staffId: w.deskId }))]);
    expect(desk).toMatchObject({ status: 'rejected', code: 'forbidden_role' });
  });
});
