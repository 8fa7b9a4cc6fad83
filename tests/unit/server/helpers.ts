/**
 * Fixtures for the server tests: a real store (tests/support/test-store.ts: a SQLite file in the OS
 * temp dir), the app in process (`app.request`), a settable clock, and an op builder that counts
 * like a tablet's outbox.
 */
import { join } from 'node:path';
import { ACTOR_HEADERS, signOp, signRequest } from '../../../src/domain/actor-proof';
import {
  ADMIN_PATHS,
  type AdminUpdateStaffRequest,
  type SetupRequest,
  type SetupResponse,
} from '../../../src/domain/api';
import { DEFAULT_SHIFT, type LogEntry, type PinHash, type Role, type SyncTable } from '../../../src/domain/entities';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { MIN_PIN_ITERATIONS, hashPinV2 } from '../../../src/domain/pin';
import type { Op, OpKind, WritableTable } from '../../../src/domain/sync-protocol';
import type { PinHasher, PinSecrets } from '../../../src/server/auth/pin-service';
import { insertStaff } from '../../../src/server/auth/staff-admin';
import { createApp } from '../../../src/server/http/app';
import { silentLogger } from '../../../src/server/logger';
import type { VapidConfig } from '../../../src/server/push/escalation-push';
import { createSite, type CreatedSite, type SiteInput } from '../../../src/server/site/setup-service';
import type { RowWrite, Store, StoredRow, StoreReads } from '../../../src/server/store/store';
import { ServerClock } from '../../../src/server/sync/server-clock';
import { inspectOf, openTestStore, type StoreInspect } from '../../support/test-store';

/** 2026-01-15 10:00 in Hong Kong, as UTC epoch ms (T1). */
export const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);

export interface TestServer {
  app: ReturnType<typeof createApp>;
  store: Store;
  /** What the test reads of the store beyond the contract (test-store.ts). */
  inspect: StoreInspect;
  dir: string;
  /** The SQLite file (the tests of SQLite itself: backup, corruption). */
  dbFile: string;
  clock: { now: number };
  /** Close the database and delete the temp dir. */
  dispose(): Promise<void>;
}

export async function makeTestServer(
  opts: { bodyLimitBytes?: number; distDir?: string; vapid?: VapidConfig; store?: 'sqlite' } = {},
): Promise<TestServer> {
  const clock = { now: T0 };
  // `store: 'sqlite'`: a test of SQLite itself (its file, WAL, backup), whatever TEST_STORE says.
  const opened = await openTestStore({ nowMs: clock.now, ...(opts.store ? { kind: opts.store } : {}) });
  const { store, dir } = opened;
  const dbFile = join(dir, 'handover-desk.sqlite');
  const app = createApp({
    store,
    now: () => clock.now,
    logger: silentLogger,
    setupCode: TEST_SETUP_CODE,
    pinHasher: testPinHasher,
    version: 'test',
    bodyLimitBytes: opts.bodyLimitBytes ?? 1_048_576,
    ...(opts.distDir !== undefined ? { distDir: opts.distDir } : {}),
    vapid: opts.vapid,
  });
  return { app, store, inspect: opened.inspect, dir, dbFile, clock, dispose: () => opened.dispose() };
}

/** The one-time setup code every test server is started with (issue 9 §7). */
export const TEST_SETUP_CODE = 'K7PQ2M9X';

/** The fixed test PINs: desk staff have 4 digits, every other role 6 (pin.ts isValidPinFor). */
export const TEST_PINS = { desk: '1234', other: '123456' } as const;
export function testPin(role: Role): string {
  return role === 'desk' ? TEST_PINS.desk : TEST_PINS.other;
}

const secretsCache = new Map<string, Promise<PinSecrets>>();
/**
 * A PIN's v2 secrets at the real minimum cost (600k), derived once per test process with a fixed
 * salt, so no test pays PBKDF2 more than once per PIN (the server gets them through `pinHasher`).
 */
export function testSecrets(pin: string): Promise<PinSecrets> {
  let cached = secretsCache.get(pin);
  if (!cached) {
    const salt = new TextEncoder().encode(`test salt ${pin}`.padEnd(16, '.')).slice(0, 16);
    cached = hashPinV2(pin, MIN_PIN_ITERATIONS, salt);
    secretsCache.set(pin, cached);
  }
  return cached;
}

/** The test servers' PIN hasher: the cached secrets of each fixed PIN. */
export const testPinHasher: PinHasher = (pin) => testSecrets(pin);

/** A real v2 PIN hash of the role's test PIN. */
export async function testPinHash(role: Role = 'desk'): Promise<PinHash> {
  return (await testSecrets(testPin(role))).pinHash;
}

/** The proof key of every person the fixtures created, as their tablet would hold it after the PIN. */
const proofKeys = new Map<string, Uint8Array>();
export function rememberTestKey(staffId: string, key: Uint8Array): void {
  proofKeys.set(staffId, key);
}
export function testKeyOf(staffId: string): Uint8Array | undefined {
  return proofKeys.get(staffId);
}

/**
 * Give a staff row written straight into the store (fixtures that seed rows) the proof key of its
 * role's test PIN, in the store and for the op builder.
 */
export async function storeTestKey(store: Store, siteId: string, staffId: string, role: Role): Promise<void> {
  const { proofKey } = await testSecrets(testPin(role));
  await store.transaction(siteId, (tx) => tx.putStaffKey(siteId, staffId, proofKey, T0));
  rememberTestKey(staffId, proofKey);
}

/**
 * Issue 9 §3: staff are created online by the admin (the admin API); fixtures create them the same
 * way at the store level (auth/staff-admin.ts), with their role's test PIN and a remembered key.
 */
export async function addTestStaff(
  t: TestServer,
  siteId: string,
  role: Role,
  name: string,
  nowMs = t.clock.now,
): Promise<string> {
  const secrets = await testSecrets(testPin(role));
  const staff = await t.store.transaction(siteId, (tx) =>
    insertStaff(tx, new ServerClock(), siteId, { name, role, secrets }, nowMs),
  );
  rememberTestKey(staff.id, secrets.proofKey);
  return staff.id;
}

export async function setupRequest(name = 'Harbour Centre'): Promise<SetupRequest> {
  return {
    setupCode: TEST_SETUP_CODE,
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
    admin: { name: '陳大文', pin: TEST_PINS.other },
    deviceName: 'Lobby tablet',
  };
}

/** First-run setup through the API (building A); the admin's key is remembered for signing. */
export async function setupViaApi(t: TestServer): Promise<SetupResponse> {
  const res = await call(t, 'POST', '/api/v1/setup', { body: await setupRequest() });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setup = res.body as SetupResponse;
  rememberTestKey(setup.adminStaffId, (await testSecrets(TEST_PINS.other)).proofKey);
  return setup;
}

/** A building for createSite with the admin's ready-made test secrets (no PBKDF2 per test). */
export async function testSiteInput(name = 'Harbour Centre'): Promise<SiteInput> {
  const { site, deviceName, admin } = await setupRequest(name);
  return { site, deviceName, admin: { name: admin.name, ...(await testSecrets(TEST_PINS.other)) } };
}

/** createSite with the test admin, whose key is remembered for signing. */
export async function createTestSite(store: Store, nowMs: number, name?: string): Promise<CreatedSite> {
  const created = await createSite(store, new ServerClock(), await testSiteInput(name), nowMs);
  rememberTestKey(created.adminStaffId, (await testSecrets(TEST_PINS.other)).proofKey);
  return created;
}

/** Another building in the same store (setup only creates the first; the store holds many). */
export function createOtherSite(t: TestServer, name = 'Other Tower'): Promise<CreatedSite> {
  return createTestSite(t.store, t.clock.now, name);
}

/** The person making a request in their name (issue 9 §3): the proof headers are computed by `call`. */
export interface TestActor {
  deviceId: string;
  staffId: string;
  /** Defaults to the key remembered for `staffId`. */
  key?: Uint8Array;
  /** Defaults to the test server's clock. */
  at?: number;
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
  opts: {
    body?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
    /** Sign the request in this person's name (ACTOR_HEADERS). */
    actor?: TestActor;
  } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.actor) Object.assign(headers, actorHeaders(t, opts.actor, method, path, body ?? ''));
  Object.assign(headers, opts.headers);
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

/**
 * Issue 9 §3: the admin changes a person (name, role, active) through the admin API, proven by the
 * admin's proof headers; throws unless the server answers 200.
 */
export async function adminPatchStaff(
  t: TestServer,
  admin: { token: string; deviceId: string; adminStaffId: string },
  staffId: string,
  patch: AdminUpdateStaffRequest,
): Promise<void> {
  const res = await call(t, 'PATCH', ADMIN_PATHS.staffOne(staffId), {
    token: admin.token,
    body: patch,
    actor: { deviceId: admin.deviceId, staffId: admin.adminStaffId },
  });
  if (res.status !== 200) throw new Error(`staff patch failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The proof headers of a request in `actor`'s name (actor-proof.ts signRequest). */
export function actorHeaders(
  t: TestServer,
  actor: TestActor,
  method: string,
  path: string,
  body: string,
): Record<string, string> {
  const key = actor.key ?? testKeyOf(actor.staffId);
  if (!key) throw new Error(`no test key for staff ${actor.staffId}`);
  const at = actor.at ?? t.clock.now;
  const proof = signRequest(key, { method, path, deviceId: actor.deviceId, staffId: actor.staffId, at, body });
  return { [ACTOR_HEADERS.staffId]: actor.staffId, [ACTOR_HEADERS.at]: String(at), [ACTOR_HEADERS.proof]: proof };
}

/** `op` signed again by its actor's remembered key (a test that changed the op after building it). */
export function signed(op: Op): Op {
  const key = testKeyOf(op.actorStaffId);
  const { proof: _old, ...rest } = op;
  return key ? { ...rest, proof: signOp(key, rest) } : rest;
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
    // Issue 9 §3: every op is signed with its actor's proof key, as the tablet does after the PIN.
    return signed({
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
    });
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
export function snapshot(store: Store): Promise<string> {
  return inspectOf(store).snapshot();
}

export function countRows(store: Store, table?: string): Promise<number> {
  return inspectOf(store).countRows(table);
}

export function maxSeq(store: Store): Promise<number> {
  return inspectOf(store).maxSeq();
}

/**
 * The stored row `id` of `table`, of whichever building holds it (reads are scoped by building,
 * issue 10 §2: the building is found first, as the ownership check does).
 */
export async function storedRow<T extends SyncTable>(
  store: StoreReads,
  table: T,
  id: string,
): Promise<StoredRow<T> | undefined> {
  const siteId = await store.getRowSiteId(table, id);
  return siteId === undefined ? undefined : await store.getRow(siteId, table, id);
}

/** Write one row straight into the store (history a test starts from), in its building's transaction. */
export function writeStoredRow<T extends SyncTable>(store: Store, write: RowWrite<T>): Promise<number> {
  return store.transaction(write.siteId, (tx) => tx.writeRow(write));
}
