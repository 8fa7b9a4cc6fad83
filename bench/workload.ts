/**
 * The bench's workload: a building set up through the real API, one open duty, and log entries
 * shaped exactly like the ones the tablet queues (one `put` op per entry, docs/architecture.md "Outbox").
 */
import type { LogEntry } from '../src/domain/entities';
import { DEFAULT_SHIFT } from '../src/domain/entities';
import { signOp } from '../src/domain/actor-proof';
import { StaffListResponse, type SetupRequest, type SetupResponse } from '../src/domain/api';
import { formatHlc, tickHlc, type Hlc } from '../src/domain/hlc';
import { newId } from '../src/domain/ids';
import { proofKeyFor } from '../src/domain/pin';
import { SCHEMA_VERSION, type Op, type PushResponse, type PullResponse } from '../src/domain/sync-protocol';

export interface BenchSite {
  baseUrl: string;
  token: string;
  siteId: string;
  deviceId: string;
  staffId: string;
  /** Issue 9 §3: the admin's proof key, derived from the PIN as the tablet does; signs every op. */
  proofKey: Uint8Array;
  dutyId: string;
  /** The next device counter to use. */
  counter: number;
  hlc: Hlc;
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

/**
 * First-run setup through POST /api/v1/setup with the code the server logged (issue 9 §7), then
 * one open duty pushed as op 1.
 */
export async function setUpSite(server: { url: string; setupCode(): string }): Promise<BenchSite> {
  const baseUrl = server.url;
  const body: SetupRequest = {
    setupCode: server.setupCode(),
    site: {
      name: 'Bench Tower 基準大廈',
      timeZone: 'Asia/Hong_Kong',
      shifts: [DEFAULT_SHIFT],
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
  const now = Date.now();
  const site: BenchSite = {
    baseUrl,
    token: setup.token,
    siteId: setup.siteId,
    deviceId: setup.deviceId,
    staffId: setup.adminStaffId,
    proofKey: await proofKeyFor(ADMIN_PIN, admin.pinHash),
    dutyId: newId(),
    counter: 1,
    hlc: { wallMs: 0, counter: 0, node: setup.deviceId },
  };
  const duty = {
    id: site.dutyId,
    siteId: site.siteId,
    staffId: site.staffId,
    deviceId: site.deviceId,
    shiftId: DEFAULT_SHIFT.id,
    startedAt: now,
    endedAt: null,
  };
  await push(site, [makeOp(site, 'duty', duty, now)]);
  return site;
}

function makeOp(site: BenchSite, table: Op['table'], fields: Record<string, unknown>, now: number): Op {
  site.hlc = tickHlc(site.hlc, now);
  const op: Op = {
    deviceId: site.deviceId,
    counter: site.counter++,
    table,
    rowId: fields.id as string,
    kind: 'put',
    fields,
    baseVersion: {},
    hlc: formatHlc(site.hlc),
    deviceTime: now,
    actorStaffId: site.staffId,
  };
  return { ...op, proof: signOp(site.proofKey, op) };
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
    occurredAt: now - 60_000,
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
  return { ops: rows.map((row) => makeOp(site, 'logEntry', row, now)), rows };
}

/** One push; throws unless every op was applied, so a fast-but-wrong server cannot score. */
export async function push(site: BenchSite, ops: Op[]): Promise<void> {
  const res = await api<PushResponse>(site.baseUrl, '/api/v1/sync/push', {
    method: 'POST',
    token: site.token,
    body: JSON.stringify({ deviceId: site.deviceId, schemaVersion: SCHEMA_VERSION, ops }),
  });
  const last = ops[ops.length - 1]?.counter ?? 0;
  const notApplied = res.results.filter((r) => r.status !== 'applied');
  if (res.ackedThrough !== last || notApplied.length > 0) {
    throw new Error(`push not applied: acked ${res.ackedThrough}/${last}, ${JSON.stringify(notApplied.slice(0, 3))}`);
  }
}

export async function pull(site: BenchSite, cursor: number, limit: number): Promise<PullResponse> {
  return api<PullResponse>(site.baseUrl, `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token: site.token });
}
