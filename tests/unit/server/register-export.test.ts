import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { CSV_BOM, parseCsv } from '../../../src/domain/csv';
import type { LogEntry, SyncTable } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { initialVersions } from '../../../src/server/sync/server-rows';
import {
  actorHeaders,
  adminPatchStaff,
  createOtherSite,
  makeTestServer,
  setupViaApi,
  T0,
  testKeyOf,
  type TestActor,
  type TestServer,
} from './helpers';
import { seedDuty, seedEntry, seedRow, seedStaff } from './rules-fixtures';

const DAY = 86_400_000;

let t: TestServer;
let a: SetupResponse;
let dutyId: string;

beforeEach(async () => {
  t = await makeTestServer();
  a = await setupViaApi(t);
  dutyId = await seedDuty(t, a, a.adminStaffId, T0 - 3_600_000);
});
afterEach(() => t.dispose());

/** The proof key `staffId`'s tablet holds after their PIN (another person's, for a wrong proof). */
function keyOf(staffId: string): Uint8Array {
  const key = testKeyOf(staffId);
  if (!key) throw new Error(`no test key for ${staffId}`);
  return key;
}

/** The building's admin on its first tablet, the person most exports here are made by. */
const admin = (): TestActor => ({ deviceId: a.deviceId, staffId: a.adminStaffId });

/**
 * GET the export with `token`, in `actor`'s proven name (issue 9 §3; `null`: no proof headers) or
 * with `headers` as given; the body is read chunk by chunk, as a browser downloads it.
 */
async function exportCsv(
  path: string,
  token = a.token,
  actor: TestActor | null = admin(),
  headers: Record<string, string> = {},
) {
  const url = `/api/v1/registers/${path}`;
  const res = await t.app.request(url, {
    headers: {
      Authorization: `Bearer ${token}`,
      ...(actor ? actorHeaders(t, actor, 'GET', url, '') : {}),
      ...headers,
    },
  });
  if (!res.headers.get('Content-Type')?.startsWith('text/csv')) {
    return {
      status: res.status,
      json: (await res.json()) as { error: { code: string; details: unknown } },
      text: '',
      chunks: 0,
    };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  return { status: res.status, json: null, text, chunks };
}

/** `count` repair entries in one transaction, a minute apart from `from`. */
async function seedManyRepairs(count: number, from: number): Promise<void> {
  await t.store.transaction(a.siteId, async (tx) => {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const row: Record<string, unknown> & { id: string } = {
        id,
        siteId: a.siteId,
        dutyId,
        staffId: a.adminStaffId,
        kind: 'repair',
        severity: 'routine',
        status: 'open',
        cause: `第${i}號 水龍頭漏水`,
        process: '',
        result: '',
        party: '',
        contact: '',
        location: `${(i % 30) + 1}樓`,
        occurredAt: from + i * 60_000,
        referredTo: '',
        operationEndedAt: null,
        backdateReason: '',
        channel: null,
        partyType: null,
        unit: '',
        assignedTo: '',
        completedAt: null,
        recordedAt: from + i * 60_000,
        deviceTime: from + i * 60_000,
        updatedAt: '000000000000001-0000-seed',
        deleted: false,
      } satisfies Omit<LogEntry, never> & Record<string, unknown>;
      await tx.writeRow<SyncTable>({
        siteId: a.siteId,
        table: 'logEntry',
        id,
        row,
        versions: initialVersions(row),
        updatedHlc: row.updatedAt as string,
        deleted: false,
      });
    }
  });
}

describe('F2: GET /api/v1/registers/:register.csv', () => {
  it('F2: streams a large range page by page and returns every row, with the BOM once and Chinese intact', async () => {
    await seedManyRepairs(20_000, T0 - 20 * DAY);
    const res = await exportCsv('repairs.csv?from=2025-01-01&to=2026-01-15');
    expect(res.status).toBe(200);
    expect(res.text.startsWith(CSV_BOM)).toBe(true);
    expect(res.text.indexOf(CSV_BOM, 1)).toBe(-1);
    const rows = parseCsv(res.text);
    expect(rows[0]?.[0]).toBe('日期時間');
    expect(rows.length - 1).toBe(20_000);
    expect(new Set(rows.slice(1).map((r) => r[4])).size).toBe(20_000);
    expect(rows[1]?.[4]).toBe('第0號 水龍頭漏水');
    // Written as it goes: many chunks, not one string built in memory.
    expect(res.chunks).toBeGreaterThan(20);
    // Seeding and reading 20,000 rows takes a while on a loaded machine; nothing here measures time.
  }, 180_000);

  it('F2: filters by building days (Asia/Hong_Kong), location and status, as the tablet does', async () => {
    // T0 is 2026-01-15 10:00 in Hong Kong; 23:30 the day before is still the 14th there.
    await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      occurredAt: Date.UTC(2026, 0, 14, 15, 30),
      location: '12樓',
    });
    await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      occurredAt: Date.UTC(2026, 0, 14, 16, 30),
      location: '12樓',
    });
    await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      occurredAt: T0,
      location: '大堂',
      status: 'resolved',
      result: '已換',
    });
    const day14 = parseCsv((await exportCsv('repairs.csv?from=2026-01-14&to=2026-01-14')).text);
    expect(day14.slice(1).map((r) => r[0])).toEqual(['2026-01-14 23:30']);
    const lobby = parseCsv((await exportCsv('repairs.csv?location=%E5%A4%A7%E5%A0%82')).text);
    expect(lobby.slice(1).map((r) => r[1])).toEqual(['大堂']);
    const open = parseCsv((await exportCsv('repairs.csv?status=open')).text);
    expect(open.length - 1).toBe(2);
  });

  it('F1: the tenants register carries its service orders and guards a formula typed by a tenant', async () => {
    const entryId = await seedEntry(t, a, {
      dutyId,
      staffId: a.adminStaffId,
      kind: 'help',
      channel: 'visit',
      partyType: 'owner',
      unit: '1203',
      cause: '=HYPERLINK("http://x","按我")',
    });
    await seedRow(t, 'serviceOrder', {
      id: newId(),
      siteId: a.siteId,
      entryId,
      number: 'A-001',
      service: '更換冷氣隔塵網',
      amountCents: 35_000,
      status: 'paid',
      staffId: a.adminStaffId,
      issuedAt: T0,
    });
    const rows = parseCsv((await exportCsv('tenants.csv')).text);
    expect(rows[1]?.slice(1, 5)).toEqual(['來訪', '業主', '', '1203']);
    expect(rows[1]?.[7]).toBe(`'=HYPERLINK("http://x","按我")`);
    expect(rows[1]?.[11]).toBe('A-001 更換冷氣隔塵網 350.00 已付款');
  });

  it('malformed filters are refused 400 naming each field; an unknown register is 404', async () => {
    const bad = await exportCsv('repairs.csv?from=2026-13-01&to=yesterday&kind=leak&staffId=x');
    expect(bad.status).toBe(400);
    expect(bad.json?.error.code).toBe('bad_request');
    expect(bad.json?.error.details).toEqual({
      fields: { from: 'badDate', to: 'badDate', kind: 'unknown', staffId: 'unknown' },
    });
    const reversed = await exportCsv('repairs.csv?from=2026-01-15&to=2026-01-14');
    expect(reversed.json?.error.details).toEqual({ fields: { to: 'reversed' } });
    expect((await exportCsv('salaries.csv')).status).toBe(404);
    expect((await exportCsv('repairs.json')).status).toBe(404);
  });

  it('another building’s token never reads this building’s rows: 403 for its siteId, its own register otherwise', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '甲大廈的秘密報修' });
    const other = await createOtherSite(t);
    const otherAdmin = { deviceId: other.deviceId, staffId: other.adminStaffId };
    const refused = await exportCsv(`repairs.csv?siteId=${a.siteId}`, other.token, otherAdmin);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).not.toContain('秘密');
    const own = await exportCsv('repairs.csv', other.token, otherAdmin);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('秘密');
    expect(parseCsv(own.text)).toHaveLength(1);
    const noToken = await t.app.request('/api/v1/registers/repairs.csv');
    expect(noToken.status).toBe(401);
  });
});

describe('register exports in a proven person’s name (issue 9 §3)', () => {
  it('any active person of the building may export, a desk person too', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '大堂燈泡更換' });
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const res = await exportCsv('repairs.csv', a.token, { deviceId: a.deviceId, staffId: desk });
    expect(res.status).toBe(200);
    expect(
      parseCsv(res.text)
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(['大堂燈泡更換']);
  });

  it('refuses an export without the proof headers (403 actor_unproven), saying nothing of the rows', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '甲大廈的秘密報修' });
    const bare = await exportCsv('repairs.csv', a.token, null);
    expect(bare.status).toBe(403);
    expect(bare.json?.error.code).toBe('actor_unproven');
    expect(JSON.stringify(bare.json)).not.toContain('秘密');
    // Naming a person without a proof proves nothing.
    const named = await exportCsv('repairs.csv', a.token, null, { 'x-actor-id': a.adminStaffId });
    expect(named.json?.error.code).toBe('actor_unproven');
  });

  it('refuses a wrong proof: another person’s key, another export’s proof, a stale time, a person of another building', async () => {
    await seedEntry(t, a, { dutyId, staffId: a.adminStaffId, cause: '甲大廈的秘密報修' });
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    const other = await createOtherSite(t);
    const attempts = {
      wrongKey: await exportCsv('repairs.csv', a.token, { ...admin(), key: keyOf(desk) }),
      otherExport: await exportCsv(
        'repairs.csv',
        a.token,
        null,
        actorHeaders(t, admin(), 'GET', '/api/v1/registers/repairs.csv?status=resolved', ''),
      ),
      stale: await exportCsv('repairs.csv', a.token, { ...admin(), at: t.clock.now - 5 * 60_000 - 1 }),
      otherBuilding: await exportCsv('repairs.csv', a.token, { deviceId: a.deviceId, staffId: other.adminStaffId }),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect(res.status, name).toBe(403);
      expect(res.json?.error.code, name).toBe('actor_unproven');
      expect(JSON.stringify(res.json), name).not.toContain('秘密');
    }
  });

  it('refuses a person made inactive even with a right proof (403 forbidden_role)', async () => {
    const desk = await seedStaff(t, a, 'desk', '李嘉欣');
    await adminPatchStaff(t, a, desk, { active: false });
    const res = await exportCsv('repairs.csv', a.token, { deviceId: a.deviceId, staffId: desk });
    expect(res.status).toBe(403);
    expect(res.json?.error.code).toBe('forbidden_role');
  });
});
