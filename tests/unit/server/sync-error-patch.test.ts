import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import {
  OpBuilder,
  call,
  countRows,
  makeTestServer,
  pushBody,
  setupViaApi,
  addTestStaff,
  type TestServer,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
let ops: OpBuilder;
let deskId: string;

const push = async (...batch: Parameters<OpBuilder['op']>[]) =>
  (
    await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(
        a.deviceId,
        batch.map((b) => ops.op(...b)),
      ),
      token: a.token,
    })
  ).body as PushResponse;

const syncErrors = async () => {
  const body = (await call(t, 'GET', '/api/v1/sync/pull?cursor=0&limit=1000', { token: a.token })).body as PullResponse;
  return body.changes.filter((c) => c.table === 'syncError');
};

/** One refused change on the server: a duty-record entry whose cause is over the 2,000-character limit. */
async function refusal() {
  // The schema refuses it before its duty is looked at, so no duty is needed.
  const entry = ops.putLogEntry(crypto.randomUUID(), { cause: '漏'.repeat(2001) });
  const res = (await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [entry]), token: a.token }))
    .body as PushResponse;
  expect(res.results.map((r) => r.code)).toEqual(['validation_failed']);
  const [row] = await syncErrors();
  if (!row) throw new Error('no syncError row');
  return row;
}

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  // Issue 9 §3: staff are created online by the admin, not through ops.
  deskId = await addTestStaff(t, a.siteId, 'desk', '李小明');
});
afterEach(() => t.dispose());

describe('a refusal dealt with: the syncError patch (issue 7 §8)', () => {
  it('a desk person dismisses a refusal with dismissedAt and dismissedBy; every tablet pulls it, the refusal itself unchanged', async () => {
    const before = await refusal();
    ops.actorStaffId = deskId;
    const at = t.clock.now + 5_000;
    const res = await push([
      'syncError',
      'patch',
      before.id,
      { dismissedAt: at, dismissedBy: deskId },
      { dismissedAt: before.versions['dismissedAt'] ?? 0, dismissedBy: before.versions['dismissedBy'] ?? 0 },
    ]);
    expect(res.results).toEqual([{ counter: expect.any(Number), status: 'applied' }]);
    const [after] = await syncErrors();
    expect(after?.row).toEqual({ ...before.row, dismissedAt: at, dismissedBy: deskId, updatedAt: expect.any(String) });
    expect(after?.seq).toBeGreaterThan(before.seq);
  });

  it('any other field on a syncError patch is refused, with or without a dismissal, and nothing changes', async () => {
    const before = await refusal();
    const res = await push(
      ['syncError', 'patch', before.id, { message: 'fine after all' }],
      ['syncError', 'patch', before.id, { dismissedAt: t.clock.now, dismissedBy: a.adminStaffId, code: 'ok' }],
      ['syncError', 'patch', before.id, { dismissedAt: t.clock.now, dismissedBy: a.adminStaffId, fields: {} }],
    );
    expect(res.results.map((r) => r.code)).toEqual(['rule_violation', 'rule_violation', 'rule_violation']);
    const rows = await syncErrors();
    // The three refusals of the patches are new syncError rows; the first one is untouched.
    expect(rows.find((r) => r.id === before.id)?.row).toEqual(before.row);
    expect(rows.filter((r) => r.row['table'] === 'syncError')).toHaveLength(3);
  });

  it('a dismissal needs both fields, in the name of the person who makes it, and is never taken back', async () => {
    const before = await refusal();
    ops.actorStaffId = deskId;
    const res = await push(
      ['syncError', 'patch', before.id, { dismissedAt: t.clock.now }],
      ['syncError', 'patch', before.id, { dismissedAt: t.clock.now, dismissedBy: a.adminStaffId }],
      ['syncError', 'patch', before.id, { dismissedAt: null, dismissedBy: null }],
      ['syncError', 'patch', before.id, { dismissedAt: 'yesterday', dismissedBy: deskId }],
    );
    expect(res.results.map((r) => r.code)).toEqual([
      'validation_failed',
      'rule_violation',
      'rule_violation',
      'validation_failed',
    ]);
    expect((await syncErrors()).find((r) => r.id === before.id)?.row).toEqual(before.row);
  });

  it('a second dismissal from another tablet leaves the first standing, with no conflict kept for the chief', async () => {
    const before = await refusal();
    const first = t.clock.now + 1_000;
    const base = { dismissedAt: before.versions['dismissedAt'] ?? 0, dismissedBy: before.versions['dismissedBy'] ?? 0 };
    await push(['syncError', 'patch', before.id, { dismissedAt: first, dismissedBy: a.adminStaffId }, base]);
    // Another person dismissed the same refusal offline, from what they saw before the first one.
    ops.actorStaffId = deskId;
    const res = await push([
      'syncError',
      'patch',
      before.id,
      { dismissedAt: first + 9_000, dismissedBy: deskId },
      base,
    ]);
    expect(res.results[0]?.status).toBe('applied');
    const row = (await syncErrors()).find((r) => r.id === before.id);
    expect(row?.row).toMatchObject({ dismissedAt: first, dismissedBy: a.adminStaffId });
    expect(await countRows(t.store, 'conflict')).toBe(0);
  });

  it('WRITE_POLICY: a syncError is never created or deleted by a tablet', async () => {
    const before = await refusal();
    const id = crypto.randomUUID();
    const res = await push(['syncError', 'put', id, { ...before.row, id }], ['syncError', 'delete', before.id, {}]);
    expect(res.results.map((r) => r.code)).toEqual(['kind_not_allowed', 'kind_not_allowed']);
  });
});
