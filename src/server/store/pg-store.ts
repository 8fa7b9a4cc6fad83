/**
 * The PostgreSQL store (issue 10 §3): the same contract as the embedded SQLite store (store.ts),
 * selected by `DATABASE_URL=postgres://…`, for a company running many buildings from one server or
 * from several server processes.
 *
 * Locks (docs/architecture.md "The store"): `transaction(siteId, fn)` takes a pooled connection,
 * BEGIN, and the building's lock: its `site_seq` row, locked FOR UPDATE (created first when the
 * building has none). Pushes of one building, from any server process, therefore run one at a time
 * and each building's `seq` is handed out in commit order; pushes of different buildings run side
 * by side. Every building transaction also holds a shared advisory lock that the store-wide
 * transaction (`siteId` null: first-run setup, work across buildings) takes exclusively.
 *
 * Expected refusals (a second lock on a row, a duplicate op, a chain link already held) are found
 * with ON CONFLICT DO NOTHING rather than a failed statement: a failed statement would abort the
 * whole PostgreSQL transaction, where SQLite lets the transaction go on.
 *
 * Reads outside a transaction run on any pooled connection and see committed data only. A read (or
 * a transaction's BEGIN) that meets a connection broken by a database restart is retried once on a
 * fresh connection (pg-pool.ts); a connection lost in the middle of a transaction rolls it back and
 * is answered 503 `store_unavailable`, so the tablet sends its ops again.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SyncTable } from '../../domain/entities';
import { isSearchTable, rowSearchText } from '../../domain/search-text';
import { ApiError } from '../api-error';
import { pgSearchColumns, pgSearchSql } from '../search/pg-search';
import type { RowSearch, RowSearchHit } from '../search/search-query';
import type { DeviceAdminRecord } from './device-admin';
import { migratePg, readPgMigrationFiles } from './pg-migrations';
import { isConnectionError, isPoolTimeout, openPgPool, withClient, type PgPoolOptions } from './pg-pool';
import { pgSharedState } from './pg-shared-state';
import { Savepoints } from './savepoints';
import type { SharedState } from './shared-state';
import type { PushSubscriptionRecord } from './push-subscriptions';
import {
  EMPTY_KEY,
  nextProofFailure,
  type AdminActionRecord,
  type ProofFailure,
  type StaffKeyRecord,
} from './staff-keys';
import { STORE_FAILED_MESSAGE, StoreHealth } from './store-health';
import {
  deviceOpValues,
  parseTimes,
  pgRows,
  searchLine,
  toArchive,
  toChainLink,
  toDeviceOp,
  toEnrolmentCode,
  toPhoto,
  toPushSubscription,
  toRawChange,
  toRowLock,
  toSearchHit,
  toStaffKey,
  type ArchiveRow,
  type ChainRow,
  type ChangeRow,
  type DeviceAdminRow,
  type DeviceOpRow,
  type DeviceRow,
  type EnrolmentCodeRow,
  type LockRow,
  type PgValues,
  type PhotoRow,
  type PushSubscriptionRow,
  type RawRowRecord,
  type RowRecord,
  type SearchHitRow,
  type StaffKeyRow,
} from './store-rows';
import {
  ARCHIVED_PREFIX,
  type ArchiveRecord,
  type ArchiveWrite,
  type ChainLink,
  type DeviceOpRecord,
  type DeviceRecord,
  type EnrolmentCodeRecord,
  type RawChange,
  type RawRow,
  type RowLock,
  type RowWrite,
  type Store,
  type StoredPhoto,
  type PushRecord,
  type StoredRow,
  type StoreTx,
} from './store';

export interface OpenPgOptions extends Partial<Omit<PgPoolOptions, 'connectionString'>> {
  /** postgres://… (DATABASE_URL). */
  connectionString: string;
  /** Time the migrations are recorded at (T1: injected, not read here). */
  nowMs: number;
  /** Directory of the PostgreSQL migrations; defaults to migrations-pg/ next to this module. */
  migrationsDir?: string;
}

/** The database named by DATABASE_URL cannot be reached or refused us: said once, clearly, at start. */
export class PgUnavailableError extends Error {
  readonly code = 'database_unavailable';
  constructor(url: string, cause: unknown) {
    super(
      `cannot use the PostgreSQL database at ${redactUrl(url)}: ${(cause as Error).message || String(cause)}. ` +
        'Check DATABASE_URL (host, port, user, password, database name) and that the server is running.',
      { cause },
    );
    this.name = 'PgUnavailableError';
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL is not a URL)';
  }
}

/** What a lost database connection is answered with (503, the tablet retries). */
export const PG_UNAVAILABLE_MESSAGE = 'the database cannot be reached right now; nothing was saved, try again';
/** Issue 10 §9: every pooled connection stayed busy past the connection timeout. */
export const PG_BUSY_MESSAGE = 'the database is busy right now; nothing was saved, try again shortly';

/** The store-wide advisory lock (siteId null takes it exclusively, a building shared). */
export const STORE_LOCK_KEY = 0x48445f73; // "HD_s"

/**
 * Open (and migrate) the PostgreSQL store. Throws PgUnavailableError when the database cannot be
 * reached or the URL is wrong, MigrationMismatchError when its migrations and this build disagree;
 * the pool is closed before the throw.
 */
export async function openPgStore(opts: OpenPgOptions): Promise<PgStore> {
  const pool = openPgPool({ ...opts, connectionString: opts.connectionString });
  try {
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      throw new PgUnavailableError(opts.connectionString, err);
    }
    await migratePg(pool, readPgMigrationFiles(opts.migrationsDir), opts.nowMs);
    const generation = await pool.query<{ value: string }>("SELECT value FROM server_meta WHERE key = 'generation'");
    const value = generation.rows[0]?.value;
    if (!value) throw new Error('the database has no generation (server_meta); migration 0007 did not run');
    const store = new PgStore(pool, value);
    // D5: rows stored before the search index existed are indexed once, at start.
    await store.fillSearchIfNeeded();
    return store;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/**
 * A statement as pg sends it: named, so each connection parses and plans it once and then only
 * binds (a push runs the same few statements for every op). The name is derived from the text.
 */
const statementNames = new Map<string, string>();
const MAX_PREPARED = 500;
function prepared(text: string, values: unknown[] | undefined): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    // Search SQL varies with its filters: past this many distinct texts a statement is sent
    // unnamed, so neither the names nor each connection's prepared statements grow without end.
    if (statementNames.size >= MAX_PREPARED) return { text, values: values ?? [] };
    name = `hd_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: values ?? [] };
}

/** Something that runs one statement: the pool (reads outside a transaction) or a transaction's client. */
interface Runner {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** device_ops' columns' types, in deviceOpValues' order (store-rows.ts). */
const DEVICE_OP_COLUMN_TYPES = [
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'bigint',
  'bigint',
  'text',
  'text',
  'text',
];

const ROW_COLUMNS = 'site_id, tbl, id, data, versions, updated_hlc, seq, deleted, received_at';

/**
 * Every read and write of the contract over one runner. A transaction's `PgTx` runs them on its
 * connection; the store's reads outside a transaction run them on the pool.
 */
class PgOps {
  constructor(protected readonly run: Runner) {}

  protected async one<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R | undefined> {
    return (await this.run.query<R>(sql, params)).rows[0];
  }

  protected async all<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.run.query<R>(sql, params)).rows;
  }

  async siteSequence(siteId: string): Promise<number> {
    return (await this.one<{ seq: number }>('SELECT seq FROM site_seq WHERE site_id = $1', [siteId]))?.seq ?? 0;
  }

  async hasAnySite(): Promise<boolean> {
    return (await this.one("SELECT 1 AS one FROM rows WHERE tbl = 'site' LIMIT 1", [])) !== undefined;
  }

  async listSiteIds(): Promise<string[]> {
    // COLLATE "C": byte order, as SQLite compares text, whatever the database's locale.
    const rows = await this.all<{ id: string }>(
      `SELECT id FROM rows WHERE tbl = 'site' ORDER BY updated_hlc COLLATE "C", id COLLATE "C"`,
    );
    return rows.map((r) => r.id);
  }

  async getRow<T extends SyncTable>(siteId: string, table: T, id: string): Promise<StoredRow<T> | undefined> {
    const r = await this.one<RowRecord<PgValues>>(
      `SELECT ${ROW_COLUMNS} FROM rows WHERE site_id = $1 AND tbl = $2 AND id = $3`,
      [siteId, table, id],
    );
    return r ? pgRows.storedRow<T>(r) : undefined;
  }

  async getRowSiteId(table: SyncTable, id: string): Promise<string | undefined> {
    return (await this.one<{ site_id: string }>('SELECT site_id FROM rows WHERE tbl = $1 AND id = $2', [table, id]))
      ?.site_id;
  }

  async listRows<T extends SyncTable>(siteId: string, table: T): Promise<StoredRow<T>[]> {
    const rows = await this.all<RowRecord<PgValues>>(
      `SELECT ${ROW_COLUMNS} FROM rows WHERE site_id = $1 AND tbl = $2 ORDER BY seq`,
      [siteId, table],
    );
    return rows.map((r) => pgRows.storedRow<T>(r));
  }

  async listRawRows(siteId: string): Promise<RawRow[]> {
    const rows = await this.all<RawRowRecord<PgValues>>(
      `SELECT tbl, id, data::text AS data, versions::text AS versions, updated_hlc, seq, deleted, received_at
       FROM rows WHERE site_id = $1 ORDER BY seq`,
      [siteId],
    );
    return rows.map(pgRows.rawRow);
  }

  async changesSince(siteId: string, cursor: number, limit: number): Promise<RawChange[]> {
    // One ordered range read of (site_id, seq): the JSON is returned as the text stored.
    const rows = await this.all<ChangeRow>(
      `SELECT seq, tbl, id, data::text AS data, versions::text AS versions, received_at
       FROM rows WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [siteId, cursor, limit],
    );
    return rows.map(toRawChange);
  }

  async pullPage(siteId: string, cursor: number, limit: number): Promise<{ sequence: number; changes: RawChange[] }> {
    // Issue 11 §4: the sequence and the page in one statement (one round trip, one snapshot). The
    // sequence's one row is always there; the page joins it, so an empty page still answers.
    const rows = await this.all<ChangeRow & { head: number; seq: number | null }>(
      `SELECT h.head, c.seq, c.tbl, c.id, c.data, c.versions, c.received_at
       FROM (SELECT COALESCE((SELECT seq FROM site_seq WHERE site_id = $1), 0) AS head) AS h
       LEFT JOIN LATERAL (
         SELECT seq, tbl, id, data::text AS data, versions::text AS versions, received_at
         FROM rows WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) AS c ON TRUE
       ORDER BY c.seq`,
      [siteId, cursor, limit],
    );
    const changes = rows.filter((r) => r.seq !== null).map(toRawChange);
    return { sequence: rows[0]?.head ?? 0, changes };
  }

  async listLiveRowsWhere<T extends SyncTable>(
    siteId: string,
    table: T,
    field: string,
    value: string,
  ): Promise<StoredRow<T>[]> {
    if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
    // As SQLite's json_extract(data, '$.field') = ?: a JSON string equal to the value, nothing else.
    const rows = await this.all<RowRecord<PgValues>>(
      `SELECT ${ROW_COLUMNS} FROM rows WHERE site_id = $1 AND tbl = $2 AND NOT deleted
       AND json_typeof(data -> $3) = 'string' AND data ->> $3 = $4 ORDER BY seq`,
      [siteId, table, field, value],
    );
    return rows.map((r) => pgRows.storedRow<T>(r));
  }

  async openDuties(siteId: string): Promise<StoredRow<'duty'>[]> {
    const rows = await this.all<RowRecord<PgValues>>(
      `SELECT ${ROW_COLUMNS} FROM rows WHERE site_id = $1 AND tbl = 'duty' AND NOT deleted
       AND json_typeof(data -> 'endedAt') = 'null' ORDER BY seq`,
      [siteId],
    );
    return rows.map((r) => pgRows.storedRow<'duty'>(r));
  }

  async recordsAwaitingDuty(siteId: string): Promise<string[]> {
    const rows = await this.all<{ id: string }>(
      `SELECT r.id FROM rows r WHERE r.site_id = $1 AND r.tbl = 'handoverRecord' AND NOT r.deleted
       AND json_typeof(r.data -> 'correctsId') = 'null' AND json_typeof(r.data -> 'newDutyId') = 'string'
       AND NOT EXISTS (SELECT 1 FROM rows d WHERE d.tbl = 'duty' AND d.id = r.data ->> 'newDutyId')
       ORDER BY r.seq`,
      [siteId],
    );
    return rows.map((r) => r.id);
  }

  async getDevice(id: string): Promise<DeviceRecord | undefined> {
    const r = await this.one<DeviceRow<PgValues>>('SELECT * FROM devices WHERE id = $1', [id]);
    return r ? pgRows.device(r) : undefined;
  }

  async getDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    const r = await this.one<DeviceRow<PgValues>>('SELECT * FROM devices WHERE token_hash = $1', [tokenHash]);
    return r ? pgRows.device(r) : undefined;
  }

  async getDeviceClockOffset(deviceId: string): Promise<number | null> {
    const r = await this.one<{ clock_offset_ms: number | null }>('SELECT clock_offset_ms FROM devices WHERE id = $1', [
      deviceId,
    ]);
    return r?.clock_offset_ms ?? null;
  }

  async getDeviceOp(deviceId: string, counter: number): Promise<DeviceOpRecord | undefined> {
    const r = await this.one<DeviceOpRow>(
      `SELECT device_id, counter, op_hash, status, code, message, received_at, device_time
       FROM device_ops WHERE device_id = $1 AND counter = $2`,
      [deviceId, counter],
    );
    return r ? toDeviceOp(r) : undefined;
  }

  async getEnrolmentCode(codeHash: string): Promise<EnrolmentCodeRecord | undefined> {
    const r = await this.one<EnrolmentCodeRow>('SELECT * FROM enrolment_codes WHERE code_hash = $1', [codeHash]);
    return r ? toEnrolmentCode(r) : undefined;
  }

  async getLock(siteId: string, table: string, id: string): Promise<RowLock | undefined> {
    const r = await this.one<LockRow>(
      'SELECT site_id, tbl, id, record_id FROM locks WHERE site_id = $1 AND tbl = $2 AND id = $3',
      [siteId, table, id],
    );
    return r ? toRowLock(r) : undefined;
  }

  async listLocks(siteId: string): Promise<RowLock[]> {
    const rows = await this.all<LockRow>(
      'SELECT site_id, tbl, id, record_id FROM locks WHERE site_id = $1 ORDER BY tbl COLLATE "C", id COLLATE "C"',
      [siteId],
    );
    return rows.map(toRowLock);
  }

  async getChainRecordId(siteId: string, hash: string): Promise<string | undefined> {
    return (
      await this.one<{ record_id: string }>('SELECT record_id FROM chain WHERE site_id = $1 AND hash = $2', [
        siteId,
        hash,
      ])
    )?.record_id;
  }

  async listChainLinks(siteId: string): Promise<ChainLink[]> {
    const rows = await this.all<ChainRow>(
      'SELECT hash, record_id FROM chain WHERE site_id = $1 ORDER BY hash COLLATE "C"',
      [siteId],
    );
    return rows.map(toChainLink);
  }

  async listArchives(siteId: string): Promise<ArchiveRecord[]> {
    const rows = await this.all<ArchiveRow>('SELECT * FROM archives WHERE site_id = $1 ORDER BY id', [siteId]);
    return rows.map(toArchive);
  }

  async getPhoto(siteId: string, sha256: string): Promise<StoredPhoto | undefined> {
    const r = await this.one<PhotoRow>('SELECT * FROM photos WHERE site_id = $1 AND sha256 = $2', [siteId, sha256]);
    return r ? toPhoto(r) : undefined;
  }

  async searchRows(search: RowSearch): Promise<RowSearchHit[]> {
    const { sql, params } = pgSearchSql(search);
    return (await this.all<SearchHitRow>(sql, params)).map(toSearchHit);
  }

  async listPushSubscriptions(siteId: string, staffIds: readonly string[]): Promise<PushSubscriptionRecord[]> {
    const rows = await this.all<PushSubscriptionRow>(
      `SELECT endpoint, site_id, device_id, staff_id, p256dh, auth, created_at FROM push_subscriptions
       WHERE site_id = $1 AND staff_id = ANY($2::text[])`,
      [siteId, [...staffIds]],
    );
    return rows.map(toPushSubscription);
  }

  async getStaffKey(siteId: string, staffId: string): Promise<StaffKeyRecord | undefined> {
    const r = await this.one<StaffKeyRow>('SELECT * FROM staff_keys WHERE site_id = $1 AND staff_id = $2', [
      siteId,
      staffId,
    ]);
    return r ? toStaffKey(r) : undefined;
  }

  async listDevices(siteId: string): Promise<DeviceAdminRecord[]> {
    const rows = await this.all<DeviceAdminRow<PgValues>>(
      `SELECT id, site_id, name, kind, created_at, last_seen_at, pending_ops, revoked, revoked_at, revoked_by
       FROM devices WHERE site_id = $1 ORDER BY created_at, id COLLATE "C"`,
      [siteId],
    );
    return rows.map(pgRows.deviceAdmin);
  }
}

/** One transaction's reads and writes, on its own connection. */
class PgTx extends PgOps implements StoreTx {
  private readonly savepoints: Savepoints;
  /** False once the transaction has committed or rolled back: a kept `tx` refuses to run. */
  live = true;
  /**
   * Issue 11 §4: what this transaction has read of rows, their owners and their locks, so a push
   * reads the duty and the actor's staff row once, not once per op and per rule. Nobody else changes
   * them meanwhile: a building's rows are written only under its lock, which this transaction holds
   * (a store-wide transaction excludes it), and a write of a row id another building holds is
   * refused by the database (writeRow). Kept up to date by this transaction's own writes, and
   * forgotten whole when a savepoint rolls back.
   */
  private readonly known = {
    rows: new Map<string, StoredRow<SyncTable> | undefined>(),
    owners: new Map<string, string | undefined>(),
    locks: new Map<string, RowLock | undefined>(),
  };

  constructor(client: pg.PoolClient) {
    super({
      query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => {
        if (!this.live) throw new Error('this transaction has ended: its tx can no longer be used');
        return client.query<R>(prepared(sql, params));
      },
    });
    // Sent unprepared (the simple protocol), so a RELEASE and the next SAVEPOINT go in one batch.
    this.savepoints = new Savepoints((sql) => {
      if (!this.live) throw new Error('this transaction has ended: its tx can no longer be used');
      return client.query(sql);
    });
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.savepoints.run(fn);
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  private forget(): void {
    this.known.rows.clear();
    this.known.owners.clear();
    this.known.locks.clear();
  }

  /** What `map` remembers under `key`, read once (`undefined`, nothing there, is remembered too). */
  private async remembered<V>(map: Map<string, V | undefined>, key: string, read: () => Promise<V | undefined>) {
    if (!map.has(key)) map.set(key, await read());
    return map.get(key);
  }

  override async getRow<T extends SyncTable>(siteId: string, table: T, id: string): Promise<StoredRow<T> | undefined> {
    const row = await this.remembered(this.known.rows, `${siteId}\0${table}\0${id}`, () =>
      super.getRow(siteId, table, id),
    );
    // A copy: a caller that changes what it got cannot change what the next one reads.
    return row === undefined ? undefined : (structuredClone(row) as StoredRow<T>);
  }

  override async getRowSiteId(table: SyncTable, id: string): Promise<string | undefined> {
    return this.remembered(this.known.owners, `${table}\0${id}`, () => super.getRowSiteId(table, id));
  }

  override async getLock(siteId: string, table: string, id: string): Promise<RowLock | undefined> {
    const lock = await this.remembered(this.known.locks, `${siteId}\0${table}\0${id}`, () =>
      super.getLock(siteId, table, id),
    );
    return lock === undefined ? undefined : { ...lock };
  }

  async writeRow<T extends SyncTable>(w: RowWrite<T>): Promise<number> {
    this.known.rows.delete(`${w.siteId}\0${w.table}\0${w.id}`);
    this.known.owners.delete(`${w.table}\0${w.id}`);
    // The building's next seq and the row in one statement, and (D5) the row's line of the search
    // index in the same one: every write of an entry, amendment, task or note, by any path, updates
    // it. The seq row is already locked by this transaction for its own building; a write for
    // another building (store-wide setup) takes it here. A row id another building holds is never
    // taken over: the update finds no row of this building, nothing is returned, and the write throws.
    const params: unknown[] = [
      w.siteId,
      w.table,
      w.id,
      JSON.stringify(w.row),
      JSON.stringify(w.versions),
      w.updatedHlc,
      w.deleted,
      w.receivedAt ?? null,
    ];
    const rowSql = `s AS (
         INSERT INTO site_seq (site_id, seq) VALUES ($1, 1)
         ON CONFLICT (site_id) DO UPDATE SET seq = site_seq.seq + 1 RETURNING seq),
       r AS (
         INSERT INTO rows (site_id, tbl, id, data, versions, updated_hlc, seq, deleted, received_at)
         SELECT $1, $2, $3, $4::json, $5::json, $6, s.seq, $7, $8 FROM s
         ON CONFLICT (tbl, id) DO UPDATE SET data = excluded.data,
           versions = excluded.versions, updated_hlc = excluded.updated_hlc, seq = excluded.seq,
           deleted = excluded.deleted, received_at = COALESCE(rows.received_at, excluded.received_at)
         WHERE rows.site_id = excluded.site_id
         RETURNING seq)`;
    let sql: string;
    if (!isSearchTable(w.table)) {
      sql = `WITH ${rowSql} SELECT seq FROM r`;
    } else if (w.deleted) {
      sql = `WITH ${rowSql},
       old AS (DELETE FROM search_rows WHERE tbl = $2 AND id = $3 AND EXISTS (SELECT 1 FROM r))
       SELECT seq FROM r`;
    } else {
      // As indexRow: the old line goes and a new one comes (a new `rowid`, as on SQLite). The insert
      // reads the delete's count, so the delete runs first, and reads `r`, so nothing is indexed
      // when the row was not written.
      const l = searchLine(w.table, w.row as Record<string, unknown>);
      const cut = pgSearchColumns(rowSearchText(w.table, w.row as Record<string, unknown>));
      params.push(l.at, l.staffId, l.kind, l.severity, l.status, l.location, cut.grams, cut.runs, cut.words);
      sql = `WITH ${rowSql},
       old AS (DELETE FROM search_rows WHERE tbl = $2 AND id = $3 AND EXISTS (SELECT 1 FROM r) RETURNING 1),
       line AS (
         INSERT INTO search_rows (site_id, tbl, id, at, staff_id, kind, severity, status, location, grams, runs, words)
         SELECT $1, $2, $3, $9, $10, $11, $12, $13, $14, $15::text[], $16, $17
         FROM (SELECT count(*) FROM old) AS gone, r
         RETURNING 1)
       SELECT seq, (SELECT count(*) FROM line) AS indexed FROM r`;
    }
    const r = await this.one<{ seq: number }>(sql, params);
    if (!r) throw new Error(`could not write ${w.table} ${w.id} of site ${w.siteId}`);
    return r.seq;
  }

  /** Bring the search index in step with one row write (a new line, so a new `rowid`, as on SQLite). */
  async indexRow(siteId: string, table: string, id: string, row: Record<string, unknown>, deleted: boolean) {
    if (!isSearchTable(table)) return;
    if (deleted) {
      await this.run.query('DELETE FROM search_rows WHERE tbl = $1 AND id = $2', [table, id]);
      return;
    }
    const l = searchLine(table, row);
    const cut = pgSearchColumns(rowSearchText(table, row));
    await this.run.query(
      // The old line goes and the new one comes in one statement: a new line, so a new `rowid`. The
      // insert reads the delete's count, so the delete runs first (an unread data-modifying WITH runs
      // last, and the new line would meet the old one's unique key).
      `WITH old AS (DELETE FROM search_rows WHERE tbl = $2 AND id = $3 RETURNING 1)
       INSERT INTO search_rows (site_id, tbl, id, at, staff_id, kind, severity, status, location, grams, runs, words)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12 FROM (SELECT count(*) FROM old) AS gone`,
      [siteId, table, id, l.at, l.staffId, l.kind, l.severity, l.status, l.location, cut.grams, cut.runs, cut.words],
    );
  }

  /** D5: index the rows stored before the search index existed, once (search_state.filled). */
  async fillSearchIfNeeded(): Promise<number> {
    const state = await this.one<{ filled: boolean }>('SELECT filled FROM search_state WHERE id = 1 FOR UPDATE', []);
    if (state?.filled !== false) return 0;
    const rows = await this.all<{ site_id: string; tbl: string; id: string; data: Record<string, unknown> }>(
      `SELECT site_id, tbl, id, data FROM rows
       WHERE tbl IN ('logEntry', 'logAmendment', 'task', 'taskNote') AND NOT deleted
       ORDER BY tbl COLLATE "C", id COLLATE "C"`,
    );
    for (const r of rows) await this.indexRow(r.site_id, r.tbl, r.id, r.data, false);
    await this.run.query('UPDATE search_state SET filled = TRUE WHERE id = 1');
    return rows.length;
  }

  async insertDevice(d: DeviceRecord, tokenHash: string): Promise<void> {
    await this.run.query(
      `INSERT INTO devices (id, site_id, name, token_hash, revoked, last_counter, created_at, last_seen_at, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [d.id, d.siteId, d.name, tokenHash, d.revoked, d.lastCounter, d.createdAt, d.lastSeenAt, d.kind],
    );
  }

  async touchDevice(deviceId: string, lastSeenAt: number): Promise<void> {
    await this.run.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [lastSeenAt, deviceId]);
  }

  async setDeviceClockOffset(deviceId: string, offsetMs: number): Promise<void> {
    await this.run.query('UPDATE devices SET clock_offset_ms = $1 WHERE id = $2', [offsetMs, deviceId]);
  }

  async recordPush(deviceId: string, push: PushRecord): Promise<void> {
    // One statement: the outcomes (each column as an array, in deviceOpValues' order) and the device.
    const values = push.outcomes.map(deviceOpValues);
    const columns = DEVICE_OP_COLUMN_TYPES.map((_, i) => values.map((v) => v[i]));
    const r = await this.one<{ stored: number }>(
      `WITH ops AS (
         INSERT INTO device_ops (device_id, counter, op_hash, status, code, message, received_at, device_time,
           actor_staff_id, tbl, row_id)
         SELECT * FROM unnest(${DEVICE_OP_COLUMN_TYPES.map((type, i) => `$${i + 5}::${type}[]`).join(', ')})
         ON CONFLICT (device_id, counter) DO NOTHING RETURNING 1)
       UPDATE devices SET last_counter = $1, last_seen_at = $2, clock_offset_ms = COALESCE($3::bigint, clock_offset_ms)
       WHERE id = $4 RETURNING (SELECT count(*) FROM ops) AS stored`,
      [push.lastCounter, push.lastSeenAt, push.clockOffsetMs, deviceId, ...columns],
    );
    if (!r) throw new Error(`device ${deviceId} is unknown`);
    if (r.stored !== push.outcomes.length) {
      // The caller's transaction is refused whole by this throw: nothing of the push stays.
      const counters = push.outcomes.map((o) => o.counter).join(', ');
      throw new Error(`an op of ${counters} of device ${deviceId} is already stored`);
    }
  }

  async insertEnrolmentCode(c: EnrolmentCodeRecord): Promise<void> {
    await this.run.query(
      `INSERT INTO enrolment_codes (code_hash, site_id, created_by, expires_at, used_at, used_by_device, device_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.codeHash, c.siteId, c.createdBy, c.expiresAt, c.usedAt, c.usedByDevice, c.deviceKind],
    );
  }

  async markEnrolmentCodeUsed(codeHash: string, usedAt: number, deviceId: string): Promise<boolean> {
    const res = await this.run.query(
      'UPDATE enrolment_codes SET used_at = $1, used_by_device = $2 WHERE code_hash = $3 AND used_at IS NULL',
      [usedAt, deviceId, codeHash],
    );
    return res.rowCount === 1;
  }

  async lockRow(lock: RowLock): Promise<void> {
    this.known.locks.delete(`${lock.siteId}\0${lock.table}\0${lock.id}`);
    const res = await this.run.query(
      'INSERT INTO locks (site_id, tbl, id, record_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [lock.siteId, lock.table, lock.id, lock.recordId],
    );
    if (res.rowCount !== 1) throw new Error(`${lock.table} ${lock.id} is already locked`);
  }

  async addChainLink(siteId: string, hash: string, recordId: string): Promise<void> {
    const res = await this.run.query(
      'INSERT INTO chain (site_id, hash, record_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [siteId, hash, recordId],
    );
    if (res.rowCount !== 1) throw new Error(`the chain of site ${siteId} already holds ${hash}`);
  }

  async putPhoto(p: StoredPhoto): Promise<'created' | 'exists'> {
    const res = await this.run.query(
      `INSERT INTO photos (site_id, sha256, mime, bytes, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site_id, sha256) DO NOTHING`,
      [
        p.siteId,
        p.sha256,
        p.mime,
        p.bytes,
        Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength),
        p.createdAt,
      ],
    );
    return res.rowCount === 1 ? 'created' : 'exists';
  }

  async archiveRows(a: ArchiveWrite): Promise<number> {
    this.forget();
    const inserted = await this.one<{ id: number }>(
      `INSERT INTO archives (site_id, through_ms, file, sha256, row_count, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [a.siteId, a.throughMs, a.file, a.sha256, a.rowCount, a.createdAt],
    );
    if (!inserted) throw new Error('could not record the archive');
    const archiveId = inserted.id;
    if (a.chainHashes.length > 0) {
      await this.run.query('UPDATE chain SET record_id = $1 WHERE site_id = $2 AND hash = ANY($3::text[])', [
        `${ARCHIVED_PREFIX}${String(archiveId)}`,
        a.siteId,
        a.chainHashes,
      ]);
    }
    if (a.locks.length > 0) {
      await this.run.query('DELETE FROM locks WHERE (tbl, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
        a.locks.map((l) => l.table),
        a.locks.map((l) => l.id),
      ]);
    }
    if (a.rows.length > 0) {
      await this.run.query(
        'DELETE FROM rows WHERE site_id = $1 AND (tbl, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))',
        [a.siteId, a.rows.map((r) => r.table), a.rows.map((r) => r.id)],
      );
    }
    if (a.photoHashes.length > 0) {
      await this.run.query('DELETE FROM photos WHERE site_id = $1 AND sha256 = ANY($2::text[])', [
        a.siteId,
        a.photoHashes,
      ]);
    }
    return archiveId;
  }

  async savePushSubscription(s: PushSubscriptionRecord): Promise<void> {
    await this.run.query(
      `INSERT INTO push_subscriptions (endpoint, site_id, device_id, staff_id, p256dh, auth, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (endpoint) DO UPDATE SET site_id = excluded.site_id, device_id = excluded.device_id,
         staff_id = excluded.staff_id, p256dh = excluded.p256dh, auth = excluded.auth,
         created_at = excluded.created_at, failures = 0`,
      [s.endpoint, s.siteId, s.deviceId, s.staffId, s.p256dh, s.auth, s.createdAt],
    );
  }

  async deletePushSubscription(siteId: string, endpoint: string): Promise<boolean> {
    const res = await this.run.query('DELETE FROM push_subscriptions WHERE site_id = $1 AND endpoint = $2', [
      siteId,
      endpoint,
    ]);
    return (res.rowCount ?? 0) > 0;
  }

  async notePushDelivery(endpoint: string, ok: boolean, nowMs: number): Promise<void> {
    if (ok) {
      await this.run.query('UPDATE push_subscriptions SET last_ok_at = $1, failures = 0 WHERE endpoint = $2', [
        nowMs,
        endpoint,
      ]);
    } else {
      await this.run.query('UPDATE push_subscriptions SET failures = failures + 1 WHERE endpoint = $1', [endpoint]);
    }
  }

  async putStaffKey(siteId: string, staffId: string, proofKey: Uint8Array, nowMs: number): Promise<void> {
    await this.run.query(
      `INSERT INTO staff_keys (site_id, staff_id, proof_key, failed_at, locked_until, updated_at)
       VALUES ($1, $2, $3, '[]', NULL, $4)
       ON CONFLICT (site_id, staff_id) DO UPDATE SET proof_key = excluded.proof_key, failed_at = '[]',
         locked_until = NULL, updated_at = excluded.updated_at`,
      [siteId, staffId, Buffer.from(proofKey), nowMs],
    );
  }

  async recordProofFailure(siteId: string, staffId: string, nowMs: number): Promise<ProofFailure> {
    // The person's row is read FOR UPDATE: two wrong proofs at once from two processes both count.
    const before = await this.one<{ failed_at: string }>(
      'SELECT failed_at FROM staff_keys WHERE site_id = $1 AND staff_id = $2 FOR UPDATE',
      [siteId, staffId],
    );
    const { failedAt, failure } = nextProofFailure(before ? parseTimes(before.failed_at) : [], nowMs);
    await this.run.query(
      `INSERT INTO staff_keys (site_id, staff_id, proof_key, failed_at, locked_until, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site_id, staff_id) DO UPDATE SET failed_at = excluded.failed_at,
         locked_until = excluded.locked_until`,
      [siteId, staffId, EMPTY_KEY, JSON.stringify(failedAt), failure.lockedUntil, nowMs],
    );
    return failure;
  }

  async clearProofFailures(siteId: string, staffId: string): Promise<void> {
    await this.run.query(
      `UPDATE staff_keys SET failed_at = '[]', locked_until = NULL
       WHERE site_id = $1 AND staff_id = $2 AND (failed_at <> '[]' OR locked_until IS NOT NULL)`,
      [siteId, staffId],
    );
  }

  async insertAdminAction(a: AdminActionRecord): Promise<void> {
    await this.run.query(
      'INSERT INTO admin_actions (site_id, device_id, staff_id, action, target, at) VALUES ($1, $2, $3, $4, $5, $6)',
      [a.siteId, a.deviceId, a.staffId, a.action, a.target, a.at],
    );
  }

  async revokeDevice(siteId: string, deviceId: string, revokedAt: number, revokedBy: string): Promise<boolean> {
    const res = await this.run.query(
      `UPDATE devices SET revoked = TRUE, revoked_at = $1, revoked_by = $2
       WHERE site_id = $3 AND id = $4 AND NOT revoked`,
      [revokedAt, revokedBy, siteId, deviceId],
    );
    return res.rowCount === 1;
  }

  async setDevicePendingOps(deviceId: string, pendingOps: number): Promise<void> {
    await this.run.query('UPDATE devices SET pending_ops = $1 WHERE id = $2 AND pending_ops IS DISTINCT FROM $1', [
      pendingOps,
      deviceId,
    ]);
  }
}

/** How long to wait before the one retry of a read that met a broken connection. */
const READ_RETRY_DELAY_MS = 250;

/** Reads outside a transaction: any pooled connection; one retry when the connection broke. */
function poolRunner(pool: pg.Pool): Runner {
  return {
    async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      try {
        return await pool.query<R>(prepared(sql, params));
      } catch (err) {
        if (!isConnectionError(err)) throw unavailable(err);
        await new Promise((r) => setTimeout(r, READ_RETRY_DELAY_MS));
        try {
          return await pool.query<R>(prepared(sql, params));
        } catch (again) {
          throw unavailable(again);
        }
      }
    },
  };
}

/**
 * A lost connection, or no free connection in time, becomes the 503 a tablet retries later; any
 * other error is passed on as it is.
 */
function unavailable(err: unknown): unknown {
  if (isPoolTimeout(err)) return new ApiError('store_unavailable', PG_BUSY_MESSAGE);
  return isConnectionError(err) ? new ApiError('store_unavailable', PG_UNAVAILABLE_MESSAGE) : err;
}

export class PgStore extends PgOps implements Store {
  /** Issue 9 §8: kept for the contract; a PostgreSQL server guards its own files. */
  readonly health = new StoreHealth();
  /** Issue 10 §4: rate buckets and leases, shared by every process of this database. */
  readonly shared: SharedState;
  private closed = false;

  constructor(
    /** The pool; only src/server/store and its test support use it directly. */
    readonly pool: pg.Pool,
    private readonly generationId: string,
  ) {
    super(poolRunner(pool));
    this.shared = pgSharedState(this.run);
  }

  generation(): string {
    return this.generationId;
  }

  async transaction<T>(siteId: string | null, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the store is closed');
    if (this.health.failure) throw new ApiError('store_unavailable', STORE_FAILED_MESSAGE, this.health.failure);
    try {
      return await withClient(
        this.pool,
        async (client) => {
          if (siteId === null) {
            await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${STORE_LOCK_KEY})`);
            return;
          }
          // The building's lock: its sequence row, created on first use (seq 0: nothing written yet).
          // One round trip for the three statements (simple protocol: the id is sent as a quoted literal).
          const results = (await client.query(
            `BEGIN; SELECT pg_advisory_xact_lock_shared(${STORE_LOCK_KEY});
             SELECT seq FROM site_seq WHERE site_id = ${client.escapeLiteral(siteId)} FOR UPDATE`,
          )) as unknown as pg.QueryResult[];
          if (results.at(-1)?.rowCount === 0) {
            await client.query(
              `INSERT INTO site_seq (site_id, seq) VALUES ($1, 0)
               ON CONFLICT (site_id) DO UPDATE SET seq = site_seq.seq`,
              [siteId],
            );
          }
        },
        async (client) => {
          const tx = new PgTx(client);
          try {
            const result = await fn(tx);
            await client.query('COMMIT');
            return result;
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          } finally {
            tx.live = false;
          }
        },
      );
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Issue 9 §8, deep health: a read and a write in a transaction, rolled back. */
  async checkReadWrite(): Promise<void> {
    await withClient(
      this.pool,
      async (client) => {
        await client.query('BEGIN');
      },
      async (client) => {
        try {
          await client.query('SELECT max(seq) FROM site_seq');
          await client.query(
            `INSERT INTO server_meta (key, value) VALUES ('health_check', 'rolled back')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          );
        } finally {
          await client.query('ROLLBACK');
        }
      },
    );
  }

  /** D5: index the rows stored before the search index existed, once (search_state.filled). */
  async fillSearchIfNeeded(): Promise<number> {
    return this.transaction(null, async (tx) => (tx as PgTx).fillSearchIfNeeded());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * The contract's reads and writes on a connection inside a transaction the caller holds (issue 10
 * §6: the move from SQLite checks what it copied before it commits). The caller begins and ends it.
 */
export function pgTxOn(client: pg.PoolClient): StoreTx {
  return new PgTx(client);
}
