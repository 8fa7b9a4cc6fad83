/**
 * The invariants of the fault simulation (issue 9 §10), checked directly on the server's SQLite
 * file and on every replica, each returning the list of what broke (empty when it holds):
 * one outcome per (device, counter) matching what the tablet sent; per-field versions that rose
 * exactly once per applied op; no conflict row from a replay; every refusal visible as a syncError
 * row; each device's order kept; 0 acknowledged ops lost; every replica equal to the server; the
 * chain verifying.
 */
import type Database from 'better-sqlite3';
import type { Op } from '../../../src/domain/sync-protocol';
import { verifyAll } from '../../../src/server/integrity/verify';
import type { SqliteStore } from '../../../src/server/store/sqlite-store';
import { opHash } from '../../../src/server/sync/op-hash';
import type { OpLog } from './sim-net';

interface DeviceOpRow {
  device_id: string;
  counter: number;
  op_hash: string;
  status: string;
  received_at: number | null;
}

const UNVERSIONED = new Set(['id', 'siteId', 'updatedAt', 'deleted']);

/**
 * Fields the server writes itself, beside the ops: the duty a signed closing ends (H3), a value a
 * conflict resolution restores (O1), the rows the server creates (refusals, conflicts). Their
 * versions may exceed the op count by those writes; every other field must match exactly.
 */
const SERVER_WRITTEN = new Set(['duty.endedAt']);

function deviceOps(db: Database.Database): DeviceOpRow[] {
  return db
    .prepare('SELECT device_id, counter, op_hash, status, received_at FROM device_ops ORDER BY device_id, counter')
    .all() as DeviceOpRow[];
}

/** One outcome per (device, counter), 1..last with no gap, each the op its tablet last sent. */
export function checkOutcomes(db: Database.Database, log: OpLog): string[] {
  const broken: string[] = [];
  const last = new Map(
    (db.prepare('SELECT id, last_counter FROM devices').all() as { id: string; last_counter: number }[]).map((d) => [
      d.id,
      d.last_counter,
    ]),
  );
  const seen = new Map<string, number>();
  for (const o of deviceOps(db)) {
    seen.set(o.device_id, (seen.get(o.device_id) ?? 0) + 1);
    const sent = log.sent.get(`${o.device_id}:${o.counter}`);
    if (!sent) broken.push(`device_ops ${o.device_id}:${o.counter} was never sent by a tablet`);
    else if (opHash(sent) !== o.op_hash)
      broken.push(`device_ops ${o.device_id}:${o.counter} is not the op its tablet sent`);
  }
  for (const [device, n] of last) {
    if ((seen.get(device) ?? 0) !== n)
      broken.push(`device ${device}: last counter ${n} but ${seen.get(device) ?? 0} outcomes`);
  }
  return broken;
}

/** 0 acknowledged ops lost: every op a tablet was told about has its outcome on the server. */
export function checkAcked(db: Database.Database, log: OpLog): string[] {
  const stored = new Set(deviceOps(db).map((o) => `${o.device_id}:${o.op_hash}`));
  const broken: string[] = [];
  for (const [key, { op }] of log.acked) {
    if (!stored.has(`${op.deviceId}:${opHash(op)}`))
      broken.push(`acknowledged op ${key} (${op.table} ${op.kind}) is lost`);
  }
  return broken;
}

/** Each device's ops were received in counter order (a reordered delivery never applies out of turn). */
export function checkOrder(db: Database.Database): string[] {
  const broken: string[] = [];
  let prev: DeviceOpRow | null = null;
  for (const o of deviceOps(db)) {
    if (
      prev?.device_id === o.device_id &&
      o.received_at !== null &&
      prev.received_at !== null &&
      o.received_at < prev.received_at
    ) {
      broken.push(`device ${o.device_id}: op ${o.counter} received before op ${prev.counter}`);
    }
    prev = o;
  }
  return broken;
}

/**
 * Exactly once, directly: each field's version equals the number of applied ops that wrote it
 * (a conflict op counts for the fields it won). A re-applied replay shows as a version too high.
 */
export function checkVersions(db: Database.Database, log: OpLog): { broken: string[]; fieldsChecked: number } {
  const lost = new Set(
    (db.prepare("SELECT data FROM rows WHERE tbl = 'conflict'").all() as { data: string }[]).map((r) => {
      const c = JSON.parse(r.data) as { deviceId: string; counter: number; field: string };
      return `${c.deviceId}:${c.counter}:${c.field}`;
    }),
  );
  const writes = new Map<string, number>();
  const count = (op: Op, field: string) => {
    const key = `${op.table}:${op.rowId}:${field}`;
    writes.set(key, (writes.get(key) ?? 0) + 1);
  };
  const conflictTarget = (id: unknown) => {
    const row = db.prepare("SELECT data FROM rows WHERE tbl = 'conflict' AND id = ?").get(id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as { table: string; rowId: string; field: string }) : undefined;
  };
  /** Writes the server makes for a losing resolution when the value differs: 0 or 1 each. */
  const maybe = new Map<string, number>();
  /** Rows an applied op created; any other row was created by the server itself (setup, admin API). */
  const created = new Set<string>();
  for (const o of deviceOps(db)) {
    const op = log.sent.get(`${o.device_id}:${o.counter}`);
    if (!op || (o.status !== 'applied' && o.status !== 'conflict')) continue;
    if (o.status === 'applied' && (op.kind === 'put' || op.kind === 'append')) created.add(`${op.table}:${op.rowId}`);
    if (op.table === 'conflictResolution' && o.status === 'applied' && op.fields['choice'] === 'losing') {
      // O1: the server writes the losing value back on the row, once, for this applied resolution,
      // unless the row already holds it (conflict-resolution.ts losingWrite): at most one write.
      const c = conflictTarget(op.fields['conflictId']);
      if (c) {
        const key = `${c.table}:${c.rowId}:${c.field}`;
        maybe.set(key, (maybe.get(key) ?? 0) + 1);
      }
    }
    for (const f of Object.keys(op.fields)) {
      if (UNVERSIONED.has(f) || lost.has(`${o.device_id}:${o.counter}:${f}`)) continue;
      count(op, f);
    }
  }
  const broken: string[] = [];
  let fieldsChecked = 0;
  for (const key of maybe.keys()) if (!writes.has(key)) writes.set(key, 0);
  for (const [key, n] of writes) {
    const [table, rowId, field] = key.split(':') as [string, string, string];
    const row = db.prepare('SELECT versions FROM rows WHERE tbl = ? AND id = ?').get(table, rowId) as
      { versions: string } | undefined;
    const v = row ? ((JSON.parse(row.versions) as Record<string, number>)[field] ?? 0) : 0;
    fieldsChecked++;
    // A row the server created itself holds version 1 from that write, before any op.
    // Issue 7 §8: the first dismissal of a refusal wins; a later one is acknowledged and writes nothing.
    const writesOf = table === 'syncError' ? Math.min(n, 1) : n;
    const expected = created.has(`${table}:${rowId}`) ? writesOf : writesOf + 1;
    const resolutions = maybe.get(key) ?? 0;
    if (
      (v >= expected && v <= expected + resolutions) ||
      (SERVER_WRITTEN.has(`${table}.${field}`) && v === expected + 1)
    )
      continue;
    broken.push(`${table} ${rowId}.${field}: version ${v} after ${n} applied writes (expected ${expected})`);
  }
  return { broken, fieldsChecked };
}

/** No conflict row from a replay: one per (device, counter, field), each of an op stored as a conflict. */
export function checkConflicts(db: Database.Database): { broken: string[]; conflicts: number } {
  const status = new Map(deviceOps(db).map((o) => [`${o.device_id}:${o.counter}`, o.status]));
  const seen = new Set<string>();
  const broken: string[] = [];
  const rows = db.prepare("SELECT data FROM rows WHERE tbl = 'conflict'").all() as { data: string }[];
  for (const r of rows) {
    const c = JSON.parse(r.data) as { deviceId: string; counter: number; field: string };
    const key = `${c.deviceId}:${c.counter}:${c.field}`;
    if (seen.has(key)) broken.push(`conflict ${key} recorded twice (a replay)`);
    seen.add(key);
    if (status.get(`${c.deviceId}:${c.counter}`) !== 'conflict')
      broken.push(`conflict ${key} of an op not stored as a conflict`);
  }
  return { broken, conflicts: rows.length };
}

/** Every refused op has exactly one visible syncError row naming its device and counter. */
export function checkRefusals(db: Database.Database): { broken: string[]; refused: number } {
  const errors = new Map<string, number>();
  for (const r of db.prepare("SELECT data FROM rows WHERE tbl = 'syncError'").all() as { data: string }[]) {
    const e = JSON.parse(r.data) as { deviceId: string; counter: number };
    errors.set(`${e.deviceId}:${e.counter}`, (errors.get(`${e.deviceId}:${e.counter}`) ?? 0) + 1);
  }
  const refused = deviceOps(db).filter((o) => o.status === 'rejected');
  const broken = refused
    .filter((o) => errors.get(`${o.device_id}:${o.counter}`) !== 1)
    .map(
      (o) =>
        `refused op ${o.device_id}:${o.counter} has ${errors.get(`${o.device_id}:${o.counter}`) ?? 0} syncError rows`,
    );
  return { broken, refused: refused.length };
}

/** The chain of signed records verifies (src/server/integrity/verify.ts). */
export function checkChain(store: SqliteStore, nowMs: number): { broken: string[]; records: number } {
  const broken: string[] = [];
  let records = 0;
  for (const b of verifyAll(store, nowMs)) {
    records += b.records.length;
    if (!b.ok) broken.push(`chain of ${b.siteName}: ${JSON.stringify(b.problems).slice(0, 600)}`);
  }
  return { broken, records };
}
