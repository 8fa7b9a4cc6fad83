/**
 * Fixtures for the server tests: a real SQLite file in the OS temp dir, the app in process
 * (`app.request`), a settable clock, and an op builder that counts like a tablet's outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetupRequest, SetupResponse } from '../../../src/domain/api';
import { DEFAULT_SHIFT, type LogEntry, type PinHash } from '../../../src/domain/entities';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { hashPin } from '../../../src/domain/pin';
import type { Op, OpKind, WritableTable } from '../../../src/domain/sync-protocol';
import { createApp } from '../../../src/server/http/app';
import { silentLogger } from '../../../src/server/logger';
import type { VapidConfig } from '../../../src/server/push/escalation-push';
import { createSite, type CreatedSite } from '../../../src/server/site/setup-service';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';
import { ServerClock } from '../../../src/server/sync/server-clock';

/** 2026-01-15 10:00 in Hong Kong, as UTC epoch ms (T1). */
export const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);

export interface TestServer {
  app: ReturnType<typeof createApp>;
  store: SqliteStore;
  dir: string;
  dbFile: string;
  clock: { now: number };
  /** Close the database and delete the temp dir. */
  dispose(): void;
}

export function makeTestServer(
  opts: { bodyLimitBytes?: number; distDir?: string; vapid?: VapidConfig } = {},
): TestServer {
  const dir = mkdtempSync(join(tmpdir(), 'hd-server-'));
  const dbFile = join(dir, 'handover-desk.sqlite');
  const clock = { now: T0 };
  const store = openSqliteStore(dbFile, { nowMs: clock.now });
  const app = createApp({
    store,
    now: () => clock.now,
    logger: silentLogger,
    version: 'test',
    bodyLimitBytes: opts.bodyLimitBytes ?? 1_048_576,
    ...(opts.distDir !== undefined ? { distDir: opts.distDir } : {}),
    vapid: opts.vapid,
  });
  return {
    app,
    store,
    dir,
    dbFile,
    clock,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cachedPinHash: Promise<PinHash> | undefined;
/** A real PBKDF2 PIN hash with the minimum iterations, so tests stay fast. */
export function testPinHash(): Promise<PinHash> {
  cachedPinHash ??= hashPin('1234', 1000);
  return cachedPinHash;
}

export async function setupRequest(name = 'Harbour Centre'): Promise<SetupRequest> {
  return {
    site: {
      name,
      timeZone: 'Asia/Hong_Kong',
      shifts: [DEFAULT_SHIFT],
      incomingLeadMinutes: 5,
      outgoingLeadMinutes: 15,
      retentionDays: 730,
      idleSignOutMinutes: 15,
      localWindowDays: 90,
    },
    admin: { name: '陳大文', pinHash: await testPinHash() },
    deviceName: 'Lobby tablet',
  };
}

/** First-run setup through the API (building A). */
export async function setupViaApi(t: TestServer): Promise<SetupResponse> {
  const res = await call(t, 'POST', '/api/v1/setup', { body: await setupRequest() });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as SetupResponse;
}

/** Another building in the same store (setup only creates the first; the store holds many). */
export async function createOtherSite(t: TestServer, name = 'Other Tower'): Promise<CreatedSite> {
  return createSite(t.store, new ServerClock(), await setupRequest(name), t.clock.now);
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One in-process request; JSON in, parsed JSON (or text) out. */
export async function call(
  t: TestServer,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await t.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (static files): keep the text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Builds ops like a tablet's outbox: consecutive counters, HLCs on the device's node. */
export class OpBuilder {
  private counter: number;

  constructor(
    readonly deviceId: string,
    readonly siteId: string,
    public actorStaffId: string,
    private readonly now: () => number,
    startCounter = 1,
  ) {
    this.counter = startCounter;
  }

  /** The tablet's clock now. */
  deviceTime(): number {
    return this.now();
  }

  op(table: WritableTable, kind: OpKind, rowId: string, fields: Record<string, unknown>, baseVersion = {}): Op {
    const counter = this.counter++;
    const now = this.now();
    return {
      deviceId: this.deviceId,
      counter,
      table,
      rowId,
      kind,
      fields,
      baseVersion,
      hlc: formatHlc({ wallMs: now, counter: 0, node: this.deviceId }),
      deviceTime: now,
      actorStaffId: this.actorStaffId,
    };
  }

  putItem(overrides: Record<string, unknown> = {}): Op {
    const id = newId();
    return this.op('item', 'put', id, { ...itemFields(this.siteId, id), ...overrides });
  }

  putLogEntry(dutyId: string, overrides: Partial<LogEntry> = {}): Op {
    const id = newId();
    const now = this.now();
    const fields: Omit<LogEntry, 'updatedAt' | 'deleted'> = {
      id,
      siteId: this.siteId,
      dutyId,
      staffId: this.actorStaffId,
      kind: 'enquiry',
      severity: 'routine',
      status: 'open',
      cause: '租戶查詢停車場月票',
      process: '',
      result: '',
      party: '12樓 A室',
      contact: '',
      location: '大堂',
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
      ...overrides,
    };
    return this.op('logEntry', 'put', id, fields);
  }
}

let itemSerial = 0;
export function itemFields(siteId: string, id: string): Record<string, unknown> {
  itemSerial++;
  return {
    id,
    siteId,
    category: 'key',
    label: `鎖匙 ${itemSerial}`,
    code: `K-${itemSerial}`,
    expectedQuantity: 1,
    location: '匙箱',
    active: true,
  };
}

export function pushBody(deviceId: string, ops: Op[], schemaVersion = 1) {
  return { deviceId, schemaVersion, ops };
}

/** Everything the server stores about rows and devices, to prove a refused request changed nothing. */
export function snapshot(store: SqliteStore): string {
  const rows = store.db.prepare('SELECT tbl, id, data, versions, seq, deleted FROM rows ORDER BY tbl, id').all();
  const seqs = store.db.prepare('SELECT * FROM site_seq ORDER BY site_id').all();
  const devices = store.db.prepare('SELECT id, last_counter, revoked FROM devices ORDER BY id').all();
  const ops = store.db.prepare('SELECT * FROM device_ops ORDER BY device_id, counter').all();
  const codes = store.db.prepare('SELECT * FROM enrolment_codes ORDER BY code_hash').all();
  return JSON.stringify({ rows, seqs, devices, ops, codes });
}

export function countRows(store: SqliteStore, table?: string): number {
  const r = (
    table === undefined
      ? store.db.prepare('SELECT COUNT(*) AS n FROM rows').get()
      : store.db.prepare('SELECT COUNT(*) AS n FROM rows WHERE tbl = ?').get(table)
  ) as { n: number };
  return r.n;
}

export function maxSeq(store: SqliteStore): number {
  return (store.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM rows').get() as { s: number }).s;
}
