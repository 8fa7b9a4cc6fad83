/**
 * The bench's workload: a building set up through the real API and its desk opened as a tablet
 * opens it (H3, S1), then log entries shaped exactly like the ones the tablet queues (one `put` op
 * per entry, docs/architecture.md "Outbox").
 */
import { GENESIS_HASH } from '../src/domain/chain';
import type { Duty, LogEntry, ShiftTemplate } from '../src/domain/entities';
import { signOp } from '../src/domain/actor-proof';
import { StaffListResponse, type SetupRequest, type SetupResponse } from '../src/domain/api';
import { dayKeyOf, shiftDayKey } from '../src/domain/building-day';
import { formatHlc, tickHlc, type Hlc } from '../src/domain/hlc';
import { newId } from '../src/domain/ids';
import { proofKeyFor } from '../src/domain/pin';
import { shiftBounds } from '../src/domain/swap-rules';
import {
  SCHEMA_VERSION,
  type Op,
  type OpKind,
  type PushResponse,
  type PullResponse,
  type WritableTable,
} from '../src/domain/sync-protocol';
import { newDutyFields, signedRecord } from '../tests/unit/server/record-fixtures';
import { handoverFields } from '../tests/unit/server/tablet-fixtures';

/** The enrolled tablet the bench writes from: its token, the admin signed in, its outbox position. */
interface BenchTablet {
  baseUrl: string;
  token: string;
  siteId: string;
  deviceId: string;
  staffId: string;
  /** Issue 9 §3: the admin's proof key, derived from the PIN as the tablet does; signs every op. */
  proofKey: Uint8Array;
  /** The next device counter to use. */
  counter: number;
  hlc: Hlc;
}

export interface BenchSite extends BenchTablet {
  /** The admin's duty, opened by the signed opening of the desk in setUpSite. */
  dutyId: string;
  dutyStartedAt: number;
}

async function api<T>(baseUrl: string, path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${baseUrl}${path}`, { ...init, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const ADMIN_PIN = '246813';
const TIME_ZONE = 'Asia/Hong_Kong';
/** A lobby desk staffed round the clock (S2), so someone is rostered whatever the hour the bench runs. */
const SHIFTS: ShiftTemplate[] = [
  { id: 'early', name: '07:00-15:00', start: '07:00', end: '15:00' },
  { id: 'late', name: '15:00-23:00', start: '15:00', end: '23:00' },
  { id: 'night', name: '23:00-07:00', start: '23:00', end: '07:00' },
];

/**
 * First-run setup through POST /api/v1/setup with the code the server logged (issue 9 §7), then
 * the desk opened by the admin (openDesk), all over HTTP.
 */
export async function setUpSite(server: { url: string; setupCode(): string }): Promise<BenchSite> {
  const baseUrl = server.url;
  const body: SetupRequest = {
    setupCode: server.setupCode(),
    site: {
      name: 'Bench Tower 基準大廈',
      timeZone: TIME_ZONE,
      shifts: SHIFTS,
      incomingLeadMinutes: 5,
      outgoingLeadMinutes: 15,
      retentionDays: 730,
      idleSignOutMinutes: 15,
      localWindowDays: 90,
    },
    admin: { name: '陳大文', pin: ADMIN_PIN },
    deviceName: 'bench',
  };
  const setup = await api<SetupResponse>(baseUrl, '/api/v1/setup', { method: 'POST', body: JSON.stringify(body) });
  const list = StaffListResponse.parse(
    await api<unknown>(baseUrl, `/api/v1/sites/${setup.siteId}/staff`, { token: setup.token }),
  );
  const admin = list.staff.find((s) => s.id === setup.adminStaffId);
  if (!admin) throw new Error('the admin is not in the staff list');
  const tablet: BenchTablet = {
    baseUrl,
    token: setup.token,
    siteId: setup.siteId,
    deviceId: setup.deviceId,
    staffId: setup.adminStaffId,
    proofKey: await proofKeyFor(ADMIN_PIN, admin.pinHash),
    counter: 1,
    hlc: { wallMs: 0, counter: 0, node: setup.deviceId },
  };
  const duty = await openDesk(tablet);
  return { ...tablet, dutyId: duty.id, dutyStartedAt: duty.startedAt };
}

/** S1: the shift of the building's rota that `now` falls in (begun today or, overnight, yesterday). */
function shiftAt(now: number): { day: string; shift: ShiftTemplate; startsAt: number; endsAt: number } {
  const today = dayKeyOf(now, TIME_ZONE);
  for (const day of [shiftDayKey(today, -1), today]) {
    for (const shift of SHIFTS) {
      const { startsAt, endsAt } = shiftBounds(day, shift, TIME_ZONE);
      if (startsAt <= now && now < endsAt) return { day, shift, startsAt, endsAt };
    }
  }
  throw new Error(`no bench shift covers ${new Date(now).toISOString()}`);
}

/**
 * H3, S1: the admin opens the desk as a tablet does (docs/rules.md). They are put on the rota for
 * the shift under way (the admin arranges the rota, as a chief would) and start an opening draft;
 * the building has no items, so there is nothing to count. The tablet pulls, so the record names
 * what it knew (H11, `syncCursor`) and chains on the newest record it holds; then it queues the
 * signing in the tablet's order: the draft signed, the signed record, the new duty, whose op is
 * the opener's. Returns the duty.
 */
async function openDesk(tablet: BenchTablet): Promise<Omit<Duty, 'updatedAt' | 'deleted'>> {
  const now = Date.now();
  const { day, shift, startsAt, endsAt } = shiftAt(now);
  const { siteId, staffId } = tablet;
  const rota = { id: newId(), siteId, staffId, day, shiftId: shift.id, startsAt, endsAt, note: '' };
  const draft = handoverFields({ siteId, actorStaffId: staffId, openedAt: now }, null, null, 'opening');
  await push(tablet, [
    makeOp(tablet, 'rotaShift', 'put', rota.id, rota, now),
    makeOp(tablet, 'handover', 'put', draft.id, draft, now),
  ]);
  const synced = await pullAll(tablet);
  const signedAt = Date.now();
  const record = await signedRecord({
    kind: 'opening',
    siteId,
    handoverId: draft.id,
    outgoing: null,
    incomingStaffId: staffId,
    signedAt,
    syncCursor: synced.cursor,
    count: [],
    prevHash: synced.chainHead,
    fields: { openedAt: draft.openedAt },
  });
  const duty = newDutyFields(record, tablet.deviceId, shift.id);
  const signed = { status: 'signed', incomingStaffId: staffId };
  await push(tablet, [
    makeOp(tablet, 'handover', 'patch', draft.id, signed, signedAt, { status: 1, incomingStaffId: 1 }),
    makeOp(tablet, 'handoverRecord', 'put', record.id, record, signedAt),
    makeOp(tablet, 'duty', 'put', duty.id, duty, signedAt),
  ]);
  return duty;
}

/** Everything the building holds, pulled from 0: the cursor and the chain's head (the newest record by signedAt). */
async function pullAll(tablet: BenchTablet): Promise<{ cursor: number; chainHead: string }> {
  let cursor = 0;
  let newest: { signedAt: number; id: string; hash: string } | undefined;
  for (;;) {
    const page = await pull(tablet, cursor, 500);
    for (const { table, id, row } of page.changes) {
      if (table !== 'handoverRecord' || row['deleted'] === true) continue;
      const signedAt = Number(row['signedAt']);
      if (!newest || signedAt > newest.signedAt || (signedAt === newest.signedAt && id > newest.id)) {
        newest = { signedAt, id, hash: String(row['hash']) };
      }
    }
    cursor = page.cursor;
    if (!page.hasMore) return { cursor, chainHead: newest?.hash ?? GENESIS_HASH };
  }
}

function makeOp(
  tablet: BenchTablet,
  table: WritableTable,
  kind: OpKind,
  rowId: string,
  fields: Record<string, unknown>,
  now: number,
  baseVersion: Record<string, number> = {},
): Op {
  tablet.hlc = tickHlc(tablet.hlc, now);
  const op: Op = {
    deviceId: tablet.deviceId,
    counter: tablet.counter++,
    table,
    rowId,
    kind,
    fields,
    baseVersion,
    hlc: formatHlc(tablet.hlc),
    deviceTime: now,
    actorStaffId: tablet.staffId,
  };
  return { ...op, proof: signOp(tablet.proofKey, op) };
}

/** A realistic duty-record entry (F3/H6 fields filled in). */
export function logEntryRow(site: BenchSite, i: number, now: number): Omit<LogEntry, 'updatedAt' | 'deleted'> {
  return {
    id: newId(),
    siteId: site.siteId,
    dutyId: site.dutyId,
    staffId: site.staffId,
    kind: i % 7 === 0 ? 'repair' : 'enquiry',
    severity: 'routine',
    status: 'open',
    cause: `Tenant at ${(i % 40) + 1}/F asked about a parcel left at the desk (#${i}). 租戶查詢包裹。`,
    process: 'Checked the parcel register, called the courier and told the tenant the pickup time.',
    result: '',
    party: `Unit ${(i % 40) + 1}A`,
    contact: '2345 6789',
    location: 'Lobby reception',
    // T1: a minute ago, but not before the duty began (an earlier time needs a backdate reason).
    occurredAt: Math.max(site.dutyStartedAt, now - 60_000),
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    recordedAt: now,
    deviceTime: now,
  };
}

/** `count` log-entry ops, numbered from the site's next counter. */
export function logEntryOps(site: BenchSite, count: number): { ops: Op[]; rows: Record<string, unknown>[] } {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => logEntryRow(site, i, now));
  return { ops: rows.map((row) => makeOp(site, 'logEntry', 'put', row.id, row, now)), rows };
}

/** One push; throws unless every op was applied, so a fast-but-wrong server cannot score. */
export async function push(site: BenchTablet, ops: Op[]): Promise<void> {
  const res = await api<PushResponse>(site.baseUrl, '/api/v1/sync/push', {
    method: 'POST',
    token: site.token,
    // As the app sends it (src/client/sync/push.ts): its clock, for the T1 offset.
    body: JSON.stringify({ deviceId: site.deviceId, schemaVersion: SCHEMA_VERSION, deviceNow: Date.now(), ops }),
  });
  const last = ops[ops.length - 1]?.counter ?? 0;
  const notApplied = res.results.filter((r) => r.status !== 'applied');
  if (res.ackedThrough !== last || notApplied.length > 0) {
    throw new Error(`push not applied: acked ${res.ackedThrough}/${last}, ${JSON.stringify(notApplied.slice(0, 3))}`);
  }
}

export async function pull(site: BenchTablet, cursor: number, limit: number): Promise<PullResponse> {
  return api<PullResponse>(site.baseUrl, `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token: site.token });
}
