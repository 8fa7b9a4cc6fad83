import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { computeDayFigures } from '../../../src/domain/day-figures';
import { newId } from '../../../src/domain/ids';
import type { Op } from '../../../src/domain/sync-protocol';
import {
  actorHeaders,
  call,
  createOtherSite,
  makeTestServer,
  OpBuilder,
  setupViaApi,
  signed,
  T0,
  type TestServer,
} from './helpers';
import { seedEntry, seedStaff } from './rules-fixtures';
import { expectApplied, pushOps, type Tablet } from './tablet-fixtures';

const FIGURES = computeDayFigures({ entries: [], records: [], escalations: [] }, 5);

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

function reportOp(day: string, staffId: string, over: Record<string, unknown> = {}): Op {
  const id = newId();
  tablet.ops.actorStaffId = staffId;
  return tablet.ops.op('dailyReport', 'put', id, {
    id,
    siteId: a.siteId,
    day,
    staffId,
    submittedAt: t.clock.now,
    figures: FIGURES,
    remarks: '大堂冷氣機漏水，已通知工程部',
    ...over,
  });
}

describe('O2: the daily report on the server', () => {
  // T0 is 2026-01-15 10:00 in Hong Kong: the 15th is not over, the 14th is.
  it('refuses a report of a day not over yet by the server clock in the building zone (day_not_over, 409)', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const [result] = await pushOps(t, tablet, [reportOp('2026-01-15', desk)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'day_not_over', httpStatus: 409 });
    expect(await t.store.listRows(a.siteId, 'dailyReport')).toHaveLength(0);
  });

  it('takes the report of a day that is over, whatever the tablet claims as its time', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    expectApplied(await pushOps(t, tablet, [reportOp('2026-01-14', desk)]));
    // 2026-01-15 23:59 in Hong Kong is still the 15th: refused; a minute later it is over.
    t.clock.now = Date.UTC(2026, 0, 15, 15, 59);
    const [early] = await pushOps(t, tablet, [reportOp('2026-01-15', desk)]);
    expect(early).toMatchObject({ status: 'rejected', code: 'day_not_over' });
    t.clock.now = Date.UTC(2026, 0, 15, 16, 0);
    expectApplied(await pushOps(t, tablet, [reportOp('2026-01-15', desk)]));
  });

  it('refuses a second report of the same day by the same person, not one by another person', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const other = await seedStaff(t, a, 'desk', '張偉明');
    expectApplied(await pushOps(t, tablet, [reportOp('2026-01-14', desk)]));
    const [second] = await pushOps(t, tablet, [reportOp('2026-01-14', desk, { remarks: 'again' })]);
    expect(second).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expectApplied(await pushOps(t, tablet, [reportOp('2026-01-14', other)]));
    expect(await t.store.listRows(a.siteId, 'dailyReport')).toHaveLength(2);
  });

  it('refuses a report in the name of someone other than its sender (the actor is the staffId)', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const other = await seedStaff(t, a, 'desk', '張偉明');
    const op = reportOp('2026-01-14', other);
    const sent = signed({ ...op, actorStaffId: desk });
    const [result] = await pushOps(t, tablet, [sent]);
    expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation' });
  });

  it('refuses figures that do not match the schema', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const [result] = await pushOps(t, tablet, [reportOp('2026-01-14', desk, { figures: { ...FIGURES, entries: -1 } })]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed' });
  });
});

describe('O3: GET /api/v1/reports/people.csv', () => {
  const path = (month: string) => `/api/v1/reports/people.csv?month=${month}`;
  /** Issue 9 §3: the viewer is proven by the proof headers, not named in the query. */
  const asViewer = (staffId: string, token = a.token, deviceId = a.deviceId) => ({
    token,
    actor: { deviceId, staffId },
  });

  it('answers the month’s per-person figures as CSV with a BOM and Chinese names intact, to a chief or manager', async () => {
    const chief = await seedStaff(t, a, 'chief', '陳國華');
    const manager = await seedStaff(t, a, 'manager', '梁美玲');
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    await seedEntry(t, a, { dutyId: newId(), staffId: desk });
    await seedEntry(t, a, { dutyId: newId(), staffId: desk, status: 'resolved', recordedAt: T0 + 20 * 60_000 });
    for (const viewer of [chief, manager]) {
      const headers = actorHeaders(t, { deviceId: a.deviceId, staffId: viewer }, 'GET', path('2026-01'), '');
      const res = await t.app.request(path('2026-01'), { headers: { Authorization: `Bearer ${a.token}`, ...headers } });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      // UTF-8 byte-order mark, so Excel reads the Chinese right.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).split('\r\n');
      expect(lines[0]).toMatch(/^Person,Handovers joined on time,/);
      // 2 entries logged, 1 resolved after 20 minutes.
      expect(lines).toContain('李嘉欣,0,0,0,0,0,0,0,2,0,1,20');
    }
  });

  it('refuses a desk person with 403 forbidden_role (the server mirrors the tablet)', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const res = await call(t, 'GET', path('2026-01'), asViewer(desk));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
  });

  it('refuses a malformed month with 400, an unproven viewer with 403 actor_unproven (issue 9 §3), and no token with 401', async () => {
    const chief = await seedStaff(t, a, 'chief', '陳國華');
    for (const month of ['2026-13', '2026-1', 'January', '']) {
      const res = await call(t, 'GET', path(month), asViewer(chief));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    }
    const claimed = await call(t, 'GET', `${path('2026-01')}&staffId=${chief}`, { token: a.token });
    expect(claimed.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect((await call(t, 'GET', path('2026-01'))).status).toBe(401);
  });

  it('never reaches another building: its chief is refused here, and its rows are not in this building’s CSV', async () => {
    await seedStaff(t, a, 'desk', '李嘉欣');
    const other = await createOtherSite(t);
    const b = { ...a, siteId: other.siteId };
    const otherChief = await seedStaff(t, b, 'chief', '黃其他');
    const otherDesk = await seedStaff(t, b, 'desk', '他樓職員');
    await seedEntry(t, b, { dutyId: newId(), staffId: otherDesk });
    // A chief of the other building, on this building's token: not staff here, so not proven.
    const claimed = await call(t, 'GET', path('2026-01'), asViewer(otherChief));
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject({ error: { code: 'actor_unproven' } });
    // This building's chief sees this building only.
    const chief = await seedStaff(t, a, 'chief', '陳國華');
    const own = await call(t, 'GET', path('2026-01'), asViewer(chief));
    expect(own.status).toBe(200);
    expect(own.body as string).not.toContain('他樓職員');
    // And the other building's token reads its own rows.
    const theirs = await call(t, 'GET', path('2026-01'), asViewer(otherChief, other.token, other.deviceId));
    expect(theirs.body as string).toContain('他樓職員,0,0,0,0,0,0,0,1,0,0,');
  });
});
