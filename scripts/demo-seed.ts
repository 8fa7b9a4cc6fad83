/**
 * Seeds the demo building by pushing sync ops through the server's own push service (same zod
 * schemas, WRITE_POLICY, row rules and H6 checks as a tablet's ops), so the demo can never hold a
 * row a tablet would be refused. Used by `npm run demo` and by the end-to-end handover test.
 */
import { GENESIS_HASH } from '../src/domain/chain';
import { formatHlc, tickHlc, zeroHlc, type Hlc } from '../src/domain/hlc';
import { newId } from '../src/domain/ids';
import { hashPinV2 } from '../src/domain/pin';
import { signOp } from '../src/domain/actor-proof';
import { MAX_PUSH_OPS, PushRequest, SCHEMA_VERSION, type Op } from '../src/domain/sync-protocol';
import { insertStaff } from '../src/server/auth/staff-admin';
import { createSite } from '../src/server/site/setup-service';
import type { Store } from '../src/server/store/store';
import { pushOps } from '../src/server/sync/push-service';
import { ServerClock } from '../src/server/sync/server-clock';
import { DEMO_ITEMS, DEMO_SITE, DEMO_STAFF, type DemoTime, type StaffKey } from './demo-data';
import { addHistory } from './demo-history';
import { addEntries } from './demo-seed-entries';
import { addHandoverEvents, planDuties, rotaSlots, type SeedEvent, type SeedWorld } from './demo-seed-handover';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Hong Kong has kept UTC+8 without daylight saving since 1979, so a fixed offset is exact. */
export const HK_OFFSET = 8 * HOUR;

/**
 * The Hong Kong midnight that starts the 3 days of history: chosen so the last night shift
 * (ending 09:00) has already ended, keeping every record in the past (T1).
 */
export function historyStart(nowMs: number): number {
  const hkMidnight = Math.floor((nowMs + HK_OFFSET) / DAY) * DAY - HK_OFFSET;
  const lastShiftEnd = nowMs >= hkMidnight + 9 * HOUR ? hkMidnight + 9 * HOUR : hkMidnight - DAY + 9 * HOUR;
  return lastShiftEnd - 9 * HOUR - 3 * DAY;
}

export interface SeedSummary {
  siteId: string;
  /** Who the rota has on duty now, and who takes over at the next change. */
  onDutyNow: StaffKey;
  nextOnDuty: StaffKey;
  counts: Record<string, number>;
}

/** Seeds 海港中心 Harbour Centre into an empty store, as of `nowMs`. */
export async function seedDemo(store: Store, nowMs: number): Promise<SeedSummary> {
  const start = historyStart(nowMs);
  const time = (t: DemoTime) => {
    const [h = 0, m = 0] = t.at.split(':').map(Number);
    return start + t.day * DAY + (t.nextDay ? DAY : 0) + h * HOUR + m * 60_000;
  };
  const setupAt = start - DAY + 10 * HOUR;
  // Issue 9 §3: v2 hashes at the full cost (600k), each with the proof key the server keeps.
  const secrets = await Promise.all(DEMO_STAFF.map((p) => hashPinV2(p.pin)));
  const adminIndex = DEMO_STAFF.findIndex((p) => p.key === 'admin');
  const admin = DEMO_STAFF[adminIndex];
  const adminSecrets = secrets[adminIndex];
  if (!admin || !adminSecrets) throw new Error('demo data has no admin');

  const clock = new ServerClock();
  const site = await createSite(
    store,
    clock,
    { site: DEMO_SITE, admin: { name: admin.name, ...adminSecrets }, deviceName: '示範資料匯入 demo seed' },
    setupAt,
  );
  const ids = new Map<StaffKey, string>([['admin', site.adminStaffId]]);
  const keys = new Map<string, Uint8Array>([[site.adminStaffId, adminSecrets.proofKey]]);
  const events: SeedEvent[] = [];
  const add = (e: SeedEvent) => events.push(e);
  const base = { siteId: site.siteId };

  // Staff are the admin's online actions (issue 9 §3), written by the server as the admin API does.
  await store.transaction(site.siteId, async (tx) => {
    for (const [i, p] of DEMO_STAFF.entries()) {
      const personSecrets = secrets[i];
      if (p.key === 'admin' || !personSecrets) continue;
      const staff = await insertStaff(
        tx,
        clock,
        site.siteId,
        { name: p.name, role: p.role, secrets: personSecrets },
        setupAt + 60_000,
      );
      ids.set(p.key, staff.id);
      keys.set(staff.id, personSecrets.proofKey);
    }
  });
  const staffId = (key: StaffKey) => ids.get(key) ?? '';
  const itemIds = new Map<string, string>();
  DEMO_ITEMS.forEach((item, i) => {
    const id = newId();
    itemIds.set(item.code, id);
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

  const slots = rotaSlots(start, nowMs);
  // H3: every duty up to the one on duty now, each begun by the record signed at its start.
  const duties = planDuties(slots, staffId);
  const world: SeedWorld = {
    base,
    start,
    nowMs,
    setupAt,
    time,
    staffId,
    itemIds,
    slots,
    duties,
    dutyIds: new Map(duties.map((d) => [d.key, d.id])),
    dutyAt: (at) => duties.filter((d) => d.startedAt <= at).at(-1),
    chainHead: GENESIS_HASH,
  };
  // Issue 8: 18 months of history before the scripted days, written in one transaction.
  const history = addHistory(world, site.deviceId);
  await store.transaction(site.siteId, (tx) => history.writer.flush(tx));
  world.chainHead = history.head;
  const entries = addEntries(world, add);
  await addHandoverEvents(world, add, site.deviceId, entries);
  await pushAll(store, clock, site, events, nowMs, keys);

  const byTable: Record<string, number> = { ...history.counts };
  for (const e of events) if (e.kind !== 'patch') byTable[e.table] = (byTable[e.table] ?? 0) + 1;

  const current = slots.list.find((s) => s.index === slots.current);
  const next = slots.list.find((s) => s.index === slots.current + 1);
  return {
    siteId: site.siteId,
    onDutyNow: current?.staff ?? 'desk1',
    nextOnDuty: next?.staff ?? 'desk2',
    counts: byTable,
  };
}

/** In time order, numbered like one tablet's outbox (a stable sort keeps put-before-patch). */
async function pushAll(
  store: Store,
  clock: ServerClock,
  site: { siteId: string; deviceId: string },
  events: SeedEvent[],
  nowMs: number,
  keys: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  events.sort((x, y) => x.at - y.at);
  let hlc: Hlc = zeroHlc(site.deviceId);
  const ops: Op[] = events.map((e, i) => {
    hlc = tickHlc(hlc, Math.min(e.at, nowMs));
    const op: Op = {
      deviceId: site.deviceId,
      counter: i + 1,
      table: e.table,
      rowId: e.rowId,
      kind: e.kind,
      fields: e.fields,
      baseVersion: e.baseVersion ?? {},
      hlc: formatHlc(hlc),
      deviceTime: Math.min(e.at, nowMs),
      actorStaffId: e.actor,
    };
    // Issue 9 §3: signed by its actor, as the tablet signs after the person typed their PIN.
    const key = keys.get(e.actor);
    if (!key) throw new Error(`demo data names an actor without a key: ${e.actor}`);
    return { ...op, proof: signOp(key, op) };
  });
  for (let i = 0; i < ops.length; i += MAX_PUSH_OPS) {
    const req = PushRequest.parse({
      deviceId: site.deviceId,
      schemaVersion: SCHEMA_VERSION,
      ops: ops.slice(i, i + MAX_PUSH_OPS),
    });
    const res = await pushOps({ store, clock, siteId: site.siteId, deviceId: site.deviceId, nowMs }, req);
    const refused = res.results.filter((r) => r.status !== 'applied');
    if (refused.length > 0) throw new Error(`demo data refused by the server: ${JSON.stringify(refused)}`);
  }
}
