import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import type { CreatedSite } from '../../../src/server/site/setup-service';
import {
  OpBuilder,
  TEST_SETUP_CODE,
  call,
  createOtherSite,
  makeTestServer,
  pushBody,
  setupViaApi,
  snapshot,
  type CallResult,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
let b: CreatedSite;
let opsA: OpBuilder;
let bItemId: string;

beforeEach(async () => {
  t = await makeTestServer({ bodyLimitBytes: 64 * 1024 });
  a = await setupViaApi(t);
  b = await createOtherSite(t);
  opsA = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  // Building B has an item of its own.
  const opsB = new OpBuilder(b.deviceId, b.siteId, b.adminStaffId, () => t.clock.now);
  const put = opsB.putItem();
  bItemId = put.rowId;
  const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(b.deviceId, [put]), token: b.token });
  expect(res.status).toBe(200);
});
afterEach(() => t.dispose());

/** The one error shape (STYLE.md #4). */
function expectError(res: CallResult, status: number, code: string): void {
  expect(res.status).toBe(status);
  const body = res.body as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  expect(res.headers.get('X-Server-Time')).toMatch(/^\d+$/);
}

describe('auth: 401 without a valid token', () => {
  it.each([
    ['POST', '/api/v1/sync/push'],
    ['GET', '/api/v1/sync/pull'],
    ['GET', '/api/v1/sites/SITE/staff'],
    ['POST', '/api/v1/enrolment-codes'],
  ])('no token on %s %s -> 401 unauthorized, nothing stored changes', async (method, path) => {
    const before = await snapshot(t.store);
    const body = method === 'POST' ? pushBody(a.deviceId, [opsA.putItem()]) : undefined;
    const res = await call(t, method, path.replace('SITE', a.siteId), body ? { body } : {});
    expectError(res, 401, 'unauthorized');
    expect(await snapshot(t.store)).toBe(before);
  });

  it('an unknown token -> 401 unauthorized', async () => {
    const res = await call(t, 'GET', '/api/v1/sync/pull', { token: 'x'.repeat(43) });
    expectError(res, 401, 'unauthorized');
  });

  it('a revoked device -> 401 unauthorized', async () => {
    await t.store.transaction(a.siteId, (tx) => tx.revokeDevice(a.siteId, a.deviceId, t.clock.now, a.adminStaffId));
    expectError(await call(t, 'GET', '/api/v1/sync/pull', { token: a.token }), 401, 'unauthorized');
  });
});

describe("building isolation: A's token on B's rows -> 403, or a per-op refusal in a push (issue 9 §5)", () => {
  it("A's token asking for B's staff list -> 403 forbidden", async () => {
    const res = await call(t, 'GET', `/api/v1/sites/${b.siteId}/staff`, { token: a.token });
    expectError(res, 403, 'forbidden');
  });

  it("issue 9 §5: a push op patching B's item with A's token is refused alone (row_unavailable), B's item untouched, the rest applied", async () => {
    const bItemBefore = await storedRow(t.store, 'item', bItemId);
    const ownItem = opsA.putItem();
    const foreign = opsA.op('item', 'patch', bItemId, { label: '偷改' }, { label: 1 });
    const after = opsA.putItem();
    const res = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(a.deviceId, [ownItem, foreign, after]),
      token: a.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ackedThrough: 3,
      results: [
        { counter: 1, status: 'applied' },
        { counter: 2, status: 'rejected', code: 'row_unavailable', httpStatus: 409 },
        { counter: 3, status: 'applied' },
      ],
    });
    expect(await storedRow(t.store, 'item', bItemId)).toEqual(bItemBefore);
  });

  it('issue 9 §5: a push op creating a row that claims building B is refused alone, nothing of it stored', async () => {
    const claim = opsA.putItem({ siteId: b.siteId });
    const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [claim]), token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ackedThrough: 1,
      results: [{ counter: 1, status: 'rejected', code: 'validation_failed', httpStatus: 400 }],
    });
    expect(await storedRow(t.store, 'item', claim.rowId)).toBeUndefined();
  });

  it("pushing under another device's id -> 403", async () => {
    const before = await snapshot(t.store);
    const res = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(b.deviceId, [{ ...opsA.putItem(), deviceId: b.deviceId }]),
      token: a.token,
    });
    expectError(res, 403, 'forbidden');
    expect(await snapshot(t.store)).toBe(before);
  });

  it("A's pull never returns B's rows", async () => {
    const res = await call(t, 'GET', '/api/v1/sync/pull?limit=1000', { token: a.token });
    const ids = (res.body as { changes: { id: string; row: { siteId: string } }[] }).changes;
    expect(ids.some((c) => c.id === bItemId)).toBe(false);
    expect(ids.every((c) => c.row.siteId === a.siteId)).toBe(true);
  });
});

describe('bad input: 400/413 with the error shape, stored rows unchanged', () => {
  it('invalid JSON -> 400 bad_request', async () => {
    const before = await snapshot(t.store);
    expectError(
      await call(t, 'POST', '/api/v1/sync/push', { rawBody: '{"ops": [', token: a.token }),
      400,
      'bad_request',
    );
    expect(await snapshot(t.store)).toBe(before);
  });

  it('issue 9 §5: a body that is not a push (bad envelope: op counter) -> 400 bad_request with the zod issues as details', async () => {
    const before = await snapshot(t.store);
    const op = { ...opsA.putItem(), counter: -1 };
    const body = { deviceId: a.deviceId, schemaVersion: 1, ops: [op] };
    const res = await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token });
    expectError(res, 400, 'bad_request');
    const details = (res.body as { error: { details: { path: unknown[] }[] } }).error.details;
    expect(details.map((i) => i.path)).toEqual(expect.arrayContaining([['ops', 0, 'counter']]));
    expect(await snapshot(t.store)).toBe(before);
  });

  it.each([
    ['no ops', { ops: [] }],
    ['ops not a list', { ops: 'x' }],
    ['no device', { deviceId: undefined }],
  ])('issue 9 §5: a body that is not a push (%s) -> 400 bad_request, nothing stored', async (_, patch) => {
    const before = await snapshot(t.store);
    const body = { deviceId: a.deviceId, schemaVersion: 1, ops: [opsA.putItem()], ...patch };
    expectError(await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token }), 400, 'bad_request');
    expect(await snapshot(t.store)).toBe(before);
  });

  it('issue 9 §5: an op whose body fails the Op schema (unknown table) is refused alone, with its issue, and the counter advances', async () => {
    const bad = { ...opsA.putItem(), table: 'nope' };
    const good = opsA.putItem();
    const body = { deviceId: a.deviceId, schemaVersion: 1, ops: [bad, good] };
    const res = await call(t, 'POST', '/api/v1/sync/push', { body, token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ackedThrough: 2,
      results: [
        { counter: 1, status: 'rejected', code: 'validation_failed', httpStatus: 400 },
        { counter: 2, status: 'applied' },
      ],
    });
    const refusal = (await t.store.listRows(a.siteId, 'syncError')).find((r) => r.row['counter'] === 1);
    expect(refusal?.row).toMatchObject({ table: 'nope', code: 'validation_failed' });
    expect(refusal?.row['issues']).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'table' })]));
  });

  it('a bad pull query -> 400 bad_request', async () => {
    expectError(await call(t, 'GET', '/api/v1/sync/pull?limit=0', { token: a.token }), 400, 'bad_request');
    expectError(await call(t, 'GET', '/api/v1/sync/pull?cursor=abc', { token: a.token }), 400, 'bad_request');
  });

  it('a malformed setup body -> 400 and no second building appears', async () => {
    const before = await snapshot(t.store);
    const body = { setupCode: TEST_SETUP_CODE, site: { name: '' } };
    expectError(await call(t, 'POST', '/api/v1/setup', { body }), 400, 'bad_request');
    expect(await snapshot(t.store)).toBe(before);
  });

  it('a body over the limit -> 413 payload_too_large', async () => {
    const before = await snapshot(t.store);
    const huge = opsA.putItem({ location: 'x'.repeat(100 * 1024) });
    const res = await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, [huge]), token: a.token });
    expectError(res, 413, 'payload_too_large');
    expect(await snapshot(t.store)).toBe(before);
  });

  it('an over-limit body with a Content-Length header is refused before it is read -> 413', async () => {
    const body = JSON.stringify({ code: 'x'.repeat(70 * 1024), deviceName: 't' });
    const res = await call(t, 'POST', '/api/v1/enrol', {
      rawBody: body,
      headers: { 'Content-Length': String(Buffer.byteLength(body)) },
    });
    expectError(res, 413, 'payload_too_large');
  });

  it('a schema version the server does not speak -> 409 schema_version', async () => {
    const before = await snapshot(t.store);
    const res = await call(t, 'POST', '/api/v1/sync/push', {
      body: pushBody(a.deviceId, [opsA.putItem()], 99),
      token: a.token,
    });
    expectError(res, 409, 'schema_version');
    expect(await snapshot(t.store)).toBe(before);
  });

  it('an unknown /api path -> 404 not_found JSON, never the app shell', async () => {
    const res = await call(t, 'GET', '/api/v1/nothing-here', { headers: { Accept: 'text/html' } });
    expectError(res, 404, 'not_found');
  });
});
