import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '../../../src/domain/sync-protocol';
import { makeTestServer, setupViaApi, type TestServer, storedRow } from './helpers';
import { buildRecord, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { expectApplied, pushOps } from './tablet-fixtures';
import { signingOps } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;
let repair: Op;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
  repair = w.tablet.ops.putLogEntry(w.dutyId, {
    staffId: w.outgoingId,
    kind: 'repair',
    cause: '12樓男洗手間水龍頭漏水',
    occurredAt: t.clock.now - 60_000,
  });
  expectApplied(await pushOps(t, w.tablet, [repair]));
  const record = await buildRecord(w, { signedAt: t.clock.now });
  expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));
  t.clock.now += 60_000;
});
afterEach(() => t.dispose());

describe('H3, F2: a repair of a signed duty keeps its progress open', () => {
  it('H3, F2: assignee and completion time of a locked duty’s repair are applied; its location stays locked', async () => {
    const ops = w.tablet.ops;
    const completedAt = t.clock.now - 30_000;
    const [progress] = await pushOps(t, w.tablet, [
      ops.op(
        'logEntry',
        'patch',
        repair.rowId,
        { assignedTo: '工程部 陳師傅', completedAt },
        { assignedTo: 1, completedAt: 1 },
      ),
    ]);
    expect(progress).toMatchObject({ status: 'applied' });
    expect((await storedRow(t.store, 'logEntry', repair.rowId))?.row).toMatchObject({
      assignedTo: '工程部 陳師傅',
      completedAt,
    });

    const [content] = await pushOps(t, w.tablet, [
      ops.op('logEntry', 'patch', repair.rowId, { location: '13樓' }, { location: 1 }),
    ]);
    expect(content).toMatchObject({ status: 'rejected', code: 'locked', httpStatus: 409 });
    expect((await storedRow(t.store, 'logEntry', repair.rowId))?.row['location']).toBe(repair.fields['location']);
  });
});
