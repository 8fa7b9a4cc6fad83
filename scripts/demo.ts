/**
 * `npm run demo`: the server with a realistic demo building, so a newcomer can try everything
 * within a minute. On an empty DATA_DIR (default ./data/demo) it seeds 海港中心 Harbour Centre by
 * pushing sync ops through the server's own push service (same zod schemas, WRITE_POLICY and H6
 * rules as a tablet's ops); on later runs it keeps the data. Every run prints a fresh one-time
 * enrolment code and the demo PINs.
 */
import { join } from 'node:path';
import { newId } from '../src/domain/ids';
import { formatHlc, tickHlc, zeroHlc, type Hlc } from '../src/domain/hlc';
import { hashPin } from '../src/domain/pin';
import { MAX_PUSH_OPS, PushRequest, SCHEMA_VERSION, type Op, type WritableTable } from '../src/domain/sync-protocol';
import type { Staff } from '../src/domain/entities';
import { createJsonLogger, isLogLevel } from '../src/server/logger';
import { DB_FILE_NAME, openDataDirStore, startServer } from '../src/server/main';
import { createEnrolmentCode } from '../src/server/site/enrolment-service';
import { createSite } from '../src/server/site/setup-service';
import { listStaff } from '../src/server/site/staff-service';
import { MigrationMismatchError } from '../src/server/store/migrations';
import type { Store } from '../src/server/store/store';
import { pushOps } from '../src/server/sync/push-service';
import { ServerClock } from '../src/server/sync/server-clock';
import {
  DEMO_AMENDMENTS,
  DEMO_DUTIES,
  DEMO_ENTRIES,
  DEMO_ITEMS,
  DEMO_SITE,
  DEMO_STAFF,
  type DemoTime,
  type StaffKey,
} from './demo-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hong Kong has kept UTC+8 without daylight saving since 1979, so a fixed offset is exact. */
const HK_OFFSET = 8 * HOUR;

/**
 * The Hong Kong midnight that starts the 3 days of history: chosen so the last night shift
 * (ending 09:00) has already ended, keeping every record in the past (T1).
 */
function historyStart(nowMs: number): number {
  const hkMidnight = Math.floor((nowMs + HK_OFFSET) / DAY) * DAY - HK_OFFSET;
  const lastShiftEnd = nowMs >= hkMidnight + 9 * HOUR ? hkMidnight + 9 * HOUR : hkMidnight - DAY + 9 * HOUR;
  return lastShiftEnd - 9 * HOUR - 3 * DAY;
}

interface Event {
  at: number;
  table: WritableTable;
  kind: Op['kind'];
  rowId: string;
  fields: Record<string, unknown>;
  baseVersion?: Record<string, number>;
  actor: string;
}

async function seed(store: Store, nowMs: number): Promise<void> {
  const start = historyStart(nowMs);
  const time = (t: DemoTime) => {
    const [h = 0, m = 0] = t.at.split(':').map(Number);
    return start + t.day * DAY + (t.nextDay ? DAY : 0) + h * HOUR + m * 60_000;
  };
  const setupAt = start - DAY + 10 * HOUR;
  const pins = await Promise.all(DEMO_STAFF.map((p) => hashPin(p.pin)));
  const admin = DEMO_STAFF.find((p) => p.key === 'admin');
  const adminPin = pins[DEMO_STAFF.findIndex((p) => p.key === 'admin')];
  if (!admin || !adminPin) throw new Error('demo data has no admin');

  const clock = new ServerClock();
  const site = createSite(
    store,
    clock,
    { site: DEMO_SITE, admin: { name: admin.name, pinHash: adminPin }, deviceName: '示範資料匯入 demo seed' },
    setupAt,
  );
  const ids = new Map<StaffKey, string>([['admin', site.adminStaffId]]);
  const events: Event[] = [];
  const add = (e: Omit<Event, 'fields'> & { fields: Record<string, unknown> }) => events.push(e);
  const base = { siteId: site.siteId };

  DEMO_STAFF.forEach((p, i) => {
    if (p.key === 'admin') return;
    const id = newId();
    ids.set(p.key, id);
    const fields = { ...base, id, name: p.name, role: p.role, pinHash: pins[i], active: true };
    add({ at: setupAt + 60_000, table: 'staff', kind: 'put', rowId: id, fields, actor: site.adminStaffId });
  });
  const staffId = (key: StaffKey) => ids.get(key) ?? '';
  DEMO_ITEMS.forEach((item, i) => {
    const id = newId();
    const fields = {
      ...base,
      id,
      category: item.category,
      label: item.label,
      code: item.code,
      expectedQuantity: item.quantity ?? 1,
      location: item.location,
      active: true,
    };
    add({ at: setupAt + 120_000 + i * 1000, table: 'item', kind: 'put', rowId: id, fields, actor: site.adminStaffId });
  });

  const dutyIds = new Map<string, string>();
  for (const d of DEMO_DUTIES) {
    const id = newId();
    dutyIds.set(`${d.day}/${d.shift}`, id);
    const startedAt = start + d.day * DAY + (d.shift === 'day' ? 9 : 18) * HOUR;
    const endedAt = startedAt + (d.shift === 'day' ? 9 : 15) * HOUR;
    const actor = staffId(d.staff);
    const fields = { ...base, id, staffId: actor, deviceId: site.deviceId, shiftId: d.shift, startedAt, endedAt: null };
    add({ at: startedAt, table: 'duty', kind: 'put', rowId: id, fields, actor });
    add({
      at: endedAt,
      table: 'duty',
      kind: 'patch',
      rowId: id,
      fields: { endedAt },
      baseVersion: { endedAt: 1 },
      actor,
    });
  }

  const entryIds = new Map<string, string>();
  for (const e of DEMO_ENTRIES) {
    const id = newId();
    entryIds.set(e.key, id);
    const duty = DEMO_DUTIES.find((d) => d.day === e.day && d.shift === e.shift);
    const occurredAt = time(e);
    const recordedAt = occurredAt + 3 * 60_000;
    const actor = staffId(duty?.staff ?? 'desk1');
    const { key: _key, day: _day, at: _at, nextDay: _next, shift: _shift, ...text } = e;
    const fields = {
      ...base,
      ...text,
      id,
      party: e.party ?? '',
      contact: e.contact ?? '',
      dutyId: dutyIds.get(`${e.day}/${e.shift}`),
      staffId: actor,
      occurredAt,
      recordedAt,
      deviceTime: recordedAt,
    };
    add({ at: recordedAt, table: 'logEntry', kind: 'put', rowId: id, fields, actor });
  }
  for (const a of DEMO_AMENDMENTS) {
    const at = time(a);
    const entryId = entryIds.get(a.entry) ?? '';
    const id = newId();
    const actor = staffId(a.by);
    const fields = {
      ...base,
      id,
      entryId,
      staffId: actor,
      text: a.text,
      statusChange: a.resolve ? 'resolved' : null,
      recordedAt: at,
      deviceTime: at,
    };
    add({ at, table: 'logAmendment', kind: 'append', rowId: id, fields, actor });
    if (a.resolve) {
      const patch = { status: 'resolved', result: a.resolve.result };
      add({
        at,
        table: 'logEntry',
        kind: 'patch',
        rowId: entryId,
        fields: patch,
        baseVersion: { status: 1, result: 1 },
        actor,
      });
    }
  }

  // In time order, numbered like one tablet's outbox (a stable sort keeps put-before-patch).
  events.sort((x, y) => x.at - y.at);
  let hlc: Hlc = zeroHlc(site.deviceId);
  const ops: Op[] = events.map((e, i) => {
    hlc = tickHlc(hlc, e.at);
    return {
      deviceId: site.deviceId,
      counter: i + 1,
      table: e.table,
      rowId: e.rowId,
      kind: e.kind,
      fields: e.fields,
      baseVersion: e.baseVersion ?? {},
      hlc: formatHlc(hlc),
      deviceTime: e.at,
      actorStaffId: e.actor,
    };
  });
  for (let i = 0; i < ops.length; i += MAX_PUSH_OPS) {
    const req = PushRequest.parse({
      deviceId: site.deviceId,
      schemaVersion: SCHEMA_VERSION,
      ops: ops.slice(i, i + MAX_PUSH_OPS),
    });
    const res = pushOps({ store, clock, siteId: site.siteId, deviceId: site.deviceId, nowMs }, req);
    const refused = res.results.filter((r) => r.status !== 'applied');
    if (refused.length > 0) throw new Error(`demo data refused by the server: ${JSON.stringify(refused)}`);
  }
  console.log(
    `Seeded ${DEMO_SITE.name}: ${DEMO_STAFF.length} staff, ${DEMO_ITEMS.length} items, ${DEMO_DUTIES.length} duties, ${DEMO_ENTRIES.length} log entries, ${DEMO_AMENDMENTS.length} amendments.`,
  );
}

/** Pad to a terminal width where CJK characters take two columns, so the PIN column lines up. */
function padDisplay(text: string, width: number): string {
  const used = [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

function firstAdmin(store: Store): { siteId: string; admin: Staff } {
  for (const siteId of store.listSiteIds()) {
    const admin = listStaff(store, siteId).find((s) => s.role === 'admin' && s.active && !s.deleted);
    if (admin) return { siteId, admin };
  }
  throw new Error('the demo database has no active admin');
}

async function main(): Promise<void> {
  const dataDir = process.env['DATA_DIR'] || './data/demo';
  const port = Number(process.env['PORT'] || 8080);
  const level = process.env['LOG_LEVEL'] ?? 'warn';
  // Request lines would bury the banner; LOG_LEVEL=info shows them.
  const logger = createJsonLogger({ level: isLogLevel(level) ? level : 'warn' });
  const store = openDataDirStore(dataDir, Date.now());
  if (store.hasAnySite()) console.log(`Using the existing demo data in ${dataDir}.`);
  else await seed(store, Date.now());

  const { siteId, admin } = firstAdmin(store);
  const { code, expiresAt } = createEnrolmentCode(store, { siteId, actorStaffId: admin.id }, Date.now());
  const server = await startServer({
    store,
    port,
    logger,
    host: process.env['HOST'] || '0.0.0.0',
    distDir: process.env['DIST_DIR'] || './dist',
  });

  const seeded = new Set(listStaff(store, siteId).map((s) => s.name));
  const staffLines = DEMO_STAFF.filter((p) => seeded.has(p.name)).map(
    (p) => `    ${p.name}  ${padDisplay(p.roleLabel, 20)}  PIN ${p.pin}`,
  );
  console.log(
    [
      '',
      `Handover Desk demo: ${DEMO_SITE.name}`,
      `  Open            ${server.url}`,
      `  Enrolment code  ${code.slice(0, 4)}-${code.slice(4)}   (one-time, valid until ${new Date(expiresAt).toISOString()})`,
      `  Data            ${join(dataDir, DB_FILE_NAME)}`,
      '',
      '  Demo staff (sign in with these PINs):',
      ...staffLines,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof MigrationMismatchError) console.error(`Refusing to start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
