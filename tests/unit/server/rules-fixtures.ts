/**
 * Fixtures for the tests of times (T1), attribution (H1, H7, H8, H9) and field issues: rows the
 * server already holds are written straight into the store (as a building's history would be), so
 * each test exercises only the rule it is about; what a tablet sends goes through the real push.
 */
import type { SetupResponse } from '../../../src/domain/api';
import type { Duty, LogEntry, Role, SyncTable } from '../../../src/domain/entities';
import type { CountLine, Handover } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import type { Op, PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import type { Task } from '../../../src/domain/task-entities';
import { initialVersions } from '../../../src/server/sync/server-rows';
import { call, storeTestKey, testPinHash, type OpBuilder, type TestServer } from './helpers';

type Fields<T> = Omit<T, 'updatedAt' | 'deleted'>;

/** A row the server already holds (no op, no rules): history the test starts from. */
export async function seedRow(
  t: TestServer,
  table: SyncTable,
  row: { id: string; siteId: string } & Record<string, unknown>,
): Promise<void> {
  const full = { ...row, updatedAt: '000000000000001-0000-seed', deleted: false };
  await t.store.transaction(row.siteId, (tx) =>
    tx.writeRow<SyncTable>({
      siteId: row.siteId,
      table,
      id: row.id,
      row: full,
      versions: initialVersions(full),
      updatedHlc: full.updatedAt,
      deleted: false,
    }),
  );
}

/** A staff member of the building, held by the server with their proof key (issue 9 §3). */
export async function seedStaff(t: TestServer, a: SetupResponse, role: Role, name: string): Promise<string> {
  const id = newId();
  await seedRow(t, 'staff', { id, siteId: a.siteId, name, role, pinHash: await testPinHash(role), active: true });
  await storeTestKey(t.store, a.siteId, id, role);
  return id;
}

/** An open duty of `staffId` that started at `startedAt`. */
export async function seedDuty(t: TestServer, a: SetupResponse, staffId: string, startedAt: number): Promise<string> {
  const id = newId();
  const duty: Fields<Duty> = {
    id,
    siteId: a.siteId,
    staffId,
    deviceId: a.deviceId,
    shiftId: 'day',
    startedAt,
    endedAt: null,
    handoverId: null,
  };
  await seedRow(t, 'duty', duty);
  return id;
}

/** A handover draft in preparation (a handover of `dutyId` unless `overrides` say otherwise). */
export async function seedDraft(
  t: TestServer,
  a: SetupResponse,
  overrides: Partial<Fields<Handover>>,
): Promise<string> {
  const id = newId();
  const draft: Fields<Handover> = {
    id,
    siteId: a.siteId,
    kind: 'handover',
    outgoingDutyId: null,
    outgoingStaffId: null,
    incomingStaffId: null,
    joinedAt: null,
    scheduledAt: null,
    openedAt: t.clock.now - 600_000,
    recordReviewed: false,
    equipmentChecked: false,
    pendingReviewed: false,
    anomaliesAsked: false,
    recordReviewNote: '',
    anomalyAnswer: '',
    synthesis: '',
    fitness: 'unset',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
    status: 'preparing',
    ...overrides,
  };
  await seedRow(t, 'handover', draft);
  return id;
}

/** A log entry the server already holds, as sent by an older tablet (no T1 reason asked then). */
export async function seedEntry(
  t: TestServer,
  a: SetupResponse,
  fields: Pick<LogEntry, 'dutyId' | 'staffId'> & Partial<LogEntry>,
): Promise<string> {
  const id = newId();
  const entry: Fields<LogEntry> = {
    id,
    siteId: a.siteId,
    kind: 'repair',
    severity: 'routine',
    status: 'open',
    cause: '大堂燈管閃爍',
    process: '',
    result: '',
    party: '',
    contact: '',
    location: '大堂',
    occurredAt: t.clock.now,
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    recordedAt: t.clock.now,
    deviceTime: t.clock.now,
    ...fields,
  };
  await seedRow(t, 'logEntry', entry);
  return id;
}

/** A put of a pending task (H4); `createdAt` is stamped with the builder's clock. */
export function putTask(ops: OpBuilder, overrides: Partial<Fields<Task>> = {}): Op {
  const id = newId();
  const task: Fields<Task> = {
    id,
    siteId: ops.siteId,
    kind: 'unfinished',
    title: '更換大堂燈管',
    cause: '燈管閃爍',
    process: '',
    result: '',
    important: false,
    status: 'open',
    createdBy: ops.actorStaffId,
    createdAt: ops.deviceTime(),
    dutyId: null,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
    ...overrides,
  };
  return ops.op('task', 'put', id, task);
}

/** An append of one count tap (H8): present, quantity 1, unless `line` says otherwise. */
export function countLine(
  ops: OpBuilder,
  line: Pick<CountLine, 'handoverId' | 'itemId' | 'staffId'> & Partial<Fields<CountLine>>,
): Op {
  const id = newId();
  const fields: Fields<CountLine> = {
    id,
    siteId: ops.siteId,
    state: 'present',
    quantity: 1,
    explanation: '',
    explainedBy: null,
    recordedAt: ops.deviceTime(),
    deviceTime: ops.deviceTime(),
    ...line,
  };
  return ops.op('countLine', 'append', id, fields);
}

/** Push `ops` (with the tablet's clock `deviceNow` when given); the push itself must answer 200. */
export async function push(t: TestServer, token: string, ops: Op[], deviceNow?: number): Promise<PushResponse> {
  const deviceId = ops[0]?.deviceId ?? '';
  const body = { deviceId, schemaVersion: 1, ops, ...(deviceNow !== undefined ? { deviceNow } : {}) };
  const res = await call(t, 'POST', '/api/v1/sync/push', { body, token });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PushResponse;
}

/** Every change of the building, from the start. */
export async function pullAll(t: TestServer, token: string): Promise<PullResponse['changes']> {
  const res = await call(t, 'GET', '/api/v1/sync/pull?cursor=0&limit=1000', { token });
  return (res.body as PullResponse).changes;
}

/** The rows of one table as a tablet pulls them. */
export async function pulledRows(t: TestServer, token: string, table: SyncTable): Promise<Record<string, unknown>[]> {
  return (await pullAll(t, token)).filter((c) => c.table === table).map((c) => c.row);
}
