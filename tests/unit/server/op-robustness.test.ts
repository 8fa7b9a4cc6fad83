/**
 * Issue 9 §5 (docs/architecture.md "Push"): no request can jam sync. Each hostile op below is refused
 * on its own (a syncError row, the counter advances), the rest of its push applies, and the next
 * push of another building still succeeds. Ops are built with OpBuilder and made hostile on top.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { formatHlc, HLC_MAX_COUNTER, OP_HLC_MAX_COUNTER, parseHlc } from '../../../src/domain/hlc';
import type { Op, PushResponse } from '../../../src/domain/sync-protocol';
import { ServerClock } from '../../../src/server/sync/server-clock';
import type { CreatedSite } from '../../../src/server/site/setup-service';
import {
  OpBuilder,
  call,
  createOtherSite,
  itemFields,
  makeTestServer,
  pushBody,
  setupViaApi,
  signed,
  type TestServer,
  storedRow,
} from './helpers';

let t: TestServer;
let a: SetupResponse;
let b: CreatedSite;
let opsA: OpBuilder;
let opsB: OpBuilder;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  b = await createOtherSite(t);
  opsA = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  opsB = new OpBuilder(b.deviceId, b.siteId, b.adminStaffId, () => t.clock.now);
});
afterEach(() => t.dispose());

const pushA = (ops: unknown[]) =>
  call(t, 'POST', '/api/v1/sync/push', { body: pushBody(a.deviceId, ops as Op[]), token: a.token });

/** The push answered 200 with these statuses, in order, and acknowledged every op. */
function expectStatuses(res: { status: number; body: unknown }, statuses: string[]): PushResponse {
  expect(res.status).toBe(200);
  const body = res.body as PushResponse;
  expect(body.results.map((r) => r.code ?? r.status)).toEqual(statuses);
  expect(body.ackedThrough).toBe(body.results.at(-1)?.counter);
  return body;
}

/** The syncError row the server wrote for op `counter` of building A. */
async function refusalOf(counter: number): Promise<Record<string, unknown> | undefined> {
  return (await t.store.listRows(a.siteId, 'syncError')).find((r) => r.row['counter'] === counter)?.row;
}

/** Building B can still push (the server's clock and store are unharmed). */
async function otherBuildingStillSyncs(): Promise<void> {
  const res = await call(t, 'POST', '/api/v1/sync/push', {
    body: pushBody(b.deviceId, [opsB.putItem()]),
    token: b.token,
  });
  expectStatuses(res, ['applied']);
}

const DEEP = '@@deep@@';

/**
 * Push `ops` with every `DEEP` string replaced by a value nested `depth` arrays deep, written as
 * text: JSON.stringify itself overflows the stack long before 100,000 levels.
 */
function pushDeep(ops: Op[], depth: number) {
  const text = JSON.stringify(pushBody(a.deviceId, ops)).replaceAll(
    JSON.stringify(DEEP),
    `${'['.repeat(depth)}"x"${']'.repeat(depth)}`,
  );
  return call(t, 'POST', '/api/v1/sync/push', {
    rawBody: text,
    token: a.token,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('issue 9 §5: hostile ops are refused one by one while the rest of the push applies', () => {
  it('an op whose HLC counter is at its maximum is validation_failed; later ops and another building push fine', async () => {
    const hostile = opsA.putItem();
    hostile.hlc = formatHlc({ wallMs: t.clock.now, counter: HLC_MAX_COUNTER, node: a.deviceId });
    const after = opsA.putItem();
    expectStatuses(await pushA([hostile, after]), ['validation_failed', 'applied']);
    expect((await refusalOf(1))?.['issues']).toEqual([expect.objectContaining({ path: 'hlc' })]);
    expect(await storedRow(t.store, 'item', after.rowId)).toBeDefined();
    await otherBuildingStillSyncs();
    // Again within the same millisecond, as the attack did for 60 s.
    expectStatuses(await pushA([opsA.putItem()]), ['applied']);
  });

  it('an op at the highest counter an op may carry applies, and every later push of every building still succeeds', async () => {
    const built = opsA.putItem();
    // Changed after building, so signed again with the actor's key (issue 9 §3).
    const edge = signed({
      ...built,
      hlc: formatHlc({ wallMs: t.clock.now + 60_000, counter: OP_HLC_MAX_COUNTER, node: a.deviceId }),
    });
    expectStatuses(await pushA([edge, opsA.putItem()]), ['applied', 'applied']);
    await otherBuildingStillSyncs();
    expectStatuses(await pushA([opsA.putItem()]), ['applied']);
  });

  it.each([5_000, 100_000])('an op nested %i deep is validation_failed (too_deep), not a 500', async (depth) => {
    const hostile = opsA.putItem({ label: DEEP });
    const after = opsA.putItem();
    expectStatuses(await pushDeep([hostile, after], depth), ['validation_failed', 'applied']);
    expect((await refusalOf(1))?.['issues']).toEqual([expect.objectContaining({ code: 'too_deep', limit: 8 })]);
    // The refusal keeps no unbounded value: the nested label is left out and named as cut.
    expect((await refusalOf(1))?.['fields']).toMatchObject({ '(cut)': ['label'] });
    await otherBuildingStillSyncs();
  });

  it('a patch of a field named `constructor` is validation_failed, the row unchanged', async () => {
    const put = opsA.putItem();
    expectStatuses(await pushA([put]), ['applied']);
    const before = await storedRow(t.store, 'item', put.rowId);
    const hostile = opsA.op('item', 'patch', put.rowId, { constructor: 'x' }, { constructor: 0 });
    expectStatuses(await pushA([hostile, opsA.putItem()]), ['validation_failed', 'applied']);
    expect(await storedRow(t.store, 'item', put.rowId)).toEqual(before);
    await otherBuildingStillSyncs();
  });

  it.each(['toString', 'valueOf', 'hasOwnProperty'])(
    "a patch of `%s` (a name on every object's prototype) is refused alone as an unknown field, the row unchanged",
    async (name) => {
      const put = opsA.putItem();
      expectStatuses(await pushA([put]), ['applied']);
      const before = await storedRow(t.store, 'item', put.rowId);
      const hostile = opsA.op('item', 'patch', put.rowId, { [name]: 'x' }, { [name]: 0 });
      expectStatuses(await pushA([hostile, opsA.putItem()]), ['validation_failed', 'applied']);
      expect((await refusalOf(2))?.['issues']).toEqual([{ path: name, code: 'unrecognized_keys' }]);
      expect(await storedRow(t.store, 'item', put.rowId)).toEqual(before);
    },
  );

  it('a `__proto__` field, at the top or nested, is validation_failed and pollutes nothing', async () => {
    const put = opsA.putItem();
    expectStatuses(await pushA([put]), ['applied']);
    const top = opsA.op(
      'item',
      'patch',
      put.rowId,
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
    );
    const deep = opsA.putItem({ label: JSON.parse('{"__proto__": {"polluted": true}}') as unknown });
    // JSON.stringify keeps an own `__proto__` key, as a hostile tablet would send it.
    expect(JSON.stringify(top.fields)).toContain('__proto__');
    expectStatuses(await pushA([top, deep, opsA.putItem()]), ['validation_failed', 'validation_failed', 'applied']);
    expect((await refusalOf(3))?.['issues']).toEqual([
      expect.objectContaining({ path: 'label.__proto__', code: 'forbidden_key' }),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await otherBuildingStillSyncs();
  });

  it('a replayed malformed op is a duplicate of its refusal; another op under its counter is counter_reused', async () => {
    const hostile = opsA.putItem({ label: DEEP });
    expectStatuses(await pushDeep([hostile], 50), ['validation_failed']);
    const again = (await pushDeep([hostile], 50)).body as PushResponse;
    expect(again.results).toEqual([
      { counter: 1, status: 'duplicate', code: 'validation_failed', message: expect.any(String), httpStatus: 400 },
    ]);
    expect(((await pushDeep([hostile], 51)).body as PushResponse).results[0]).toMatchObject({
      code: 'counter_reused',
    });
  });
});

describe("issue 9 §5: another building's row id is row_unavailable, per op, saying nothing about it", () => {
  it('a patch of an id held by another building answers exactly as a patch of an id held by none', async () => {
    const bItem = opsB.putItem();
    await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(b.deviceId, [bItem]), token: b.token });
    const nowhere = crypto.randomUUID();
    const foreign = opsA.op('item', 'patch', bItem.rowId, { label: '偷改' }, { label: 1 });
    const missing = opsA.op('item', 'patch', nowhere, { label: '偷改' }, { label: 1 });
    const body = expectStatuses(await pushA([foreign, missing, opsA.putItem()]), [
      'row_unavailable',
      'row_unavailable',
      'applied',
    ]);
    const [r1, r2] = body.results;
    expect({ ...r1, counter: 0, message: r1?.message?.replace(bItem.rowId, 'ID') }).toEqual({
      ...r2,
      counter: 0,
      message: r2?.message?.replace(nowhere, 'ID'),
    });
    expect(r1?.message).not.toContain(b.siteId);
    expect(await refusalOf(1)).toMatchObject({ code: 'row_unavailable', fields: { label: '偷改' } });
    expect((await storedRow(t.store, 'item', bItem.rowId))?.row['label']).toBe(bItem.fields['label']);
  });

  it('a put under an id another building holds is row_unavailable and leaves that row alone', async () => {
    const bItem = opsB.putItem();
    await call(t, 'POST', '/api/v1/sync/push', { body: pushBody(b.deviceId, [bItem]), token: b.token });
    const before = await storedRow(t.store, 'item', bItem.rowId);
    const takeover = opsA.op('item', 'put', bItem.rowId, itemFields(a.siteId, bItem.rowId));
    expectStatuses(await pushA([takeover, opsA.putItem()]), ['row_unavailable', 'applied']);
    expect(await storedRow(t.store, 'item', bItem.rowId)).toEqual(before);
  });
});

describe('issue 9 §5: the server clock never throws', () => {
  it('merging a counter at its maximum moves the clock on by 1 ms; every next timestamp is later', () => {
    const clock = new ServerClock();
    const now = Date.UTC(2026, 0, 15);
    clock.observe({ wallMs: now, counter: HLC_MAX_COUNTER, node: 'hostile' }, now);
    const next = parseHlc(clock.next(now));
    expect(next).toEqual({ wallMs: now + 1, counter: 1, node: 'server' });
    const after = parseHlc(clock.next(now));
    expect(after).toEqual({ wallMs: now + 1, counter: 2, node: 'server' });
  });
});
