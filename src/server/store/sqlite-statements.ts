/**
 * The SQL of the embedded store: every statement prepared once per connection (prepared
 * statements keep a 500-op push to one short transaction). The rows they return are the column
 * records of store-rows.ts, mapped there for both stores.
 */
import type Database from 'better-sqlite3';
import type {
  ArchiveRow,
  ChainRow,
  ChangeRow,
  DeviceOpRow,
  DeviceRow,
  EnrolmentCodeRow,
  LockRow,
  PhotoRow,
  RawRowRecord,
  RowRecord,
  SqliteValues,
} from './store-rows';

type Row = RowRecord<SqliteValues>;

/** Every statement the store runs, prepared once. */
export function prepareStatements(db: Database.Database) {
  return {
    anySite: db.prepare<[], { one: number }>("SELECT 1 AS one FROM rows WHERE tbl = 'site' LIMIT 1"),
    siteIds: db.prepare<[], { id: string }>("SELECT id FROM rows WHERE tbl = 'site' ORDER BY updated_hlc, id"),
    // Every row read names its building (issue 10 §2): a row of another building is not found.
    getRow: db.prepare<[string, string, string], Row>('SELECT * FROM rows WHERE tbl = ? AND id = ? AND site_id = ?'),
    getRowSite: db.prepare<[string, string], { site_id: string }>('SELECT site_id FROM rows WHERE tbl = ? AND id = ?'),
    bumpSeq: db.prepare<[string], { seq: number }>(
      `INSERT INTO site_seq (site_id, seq) VALUES (?, 1)
       ON CONFLICT (site_id) DO UPDATE SET seq = seq + 1 RETURNING seq`,
    ),
    // T1: received_at is the row's first receipt, so a later write keeps the stored one.
    upsertRow: db.prepare(
      `INSERT INTO rows (site_id, tbl, id, data, versions, updated_hlc, seq, deleted, received_at)
       VALUES (@siteId, @table, @id, @data, @versions, @updatedHlc, @seq, @deleted, @receivedAt)
       ON CONFLICT (tbl, id) DO UPDATE SET data = excluded.data,
         versions = excluded.versions, updated_hlc = excluded.updated_hlc, seq = excluded.seq,
         deleted = excluded.deleted, received_at = COALESCE(rows.received_at, excluded.received_at)
       WHERE rows.site_id = excluded.site_id`,
    ),
    listRows: db.prepare<[string, string], Row>('SELECT * FROM rows WHERE site_id = ? AND tbl = ? ORDER BY seq'),
    listSiteRows: db.prepare<[string], RawRowRecord<SqliteValues>>('SELECT * FROM rows WHERE site_id = ? ORDER BY seq'),
    changes: db.prepare<[string, number, number], ChangeRow>(
      'SELECT seq, tbl, id, data, versions, received_at FROM rows WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    // The JSON path is bound like any value ('$.status'), so no field name is spliced into SQL.
    liveRowsWhere: db.prepare<[string, string, string, string], Row>(
      'SELECT * FROM rows WHERE site_id = ? AND tbl = ? AND deleted = 0 AND json_extract(data, ?) = ? ORDER BY seq',
    ),
    openDuties: db.prepare<[string], Row>(
      `SELECT * FROM rows WHERE site_id = ? AND tbl = 'duty' AND deleted = 0
       AND json_type(data, '$.endedAt') = 'null' ORDER BY seq`,
    ),
    recordsAwaitingDuty: db.prepare<[string], { id: string }>(
      `SELECT r.id FROM rows r WHERE r.site_id = ? AND r.tbl = 'handoverRecord' AND r.deleted = 0
       AND json_type(r.data, '$.correctsId') = 'null' AND json_type(r.data, '$.newDutyId') = 'text'
       AND NOT EXISTS (SELECT 1 FROM rows d WHERE d.tbl = 'duty' AND d.id = json_extract(r.data, '$.newDutyId'))
       ORDER BY r.seq`,
    ),
    insertDevice: db.prepare(
      `INSERT INTO devices (id, site_id, name, token_hash, revoked, last_counter, created_at, last_seen_at, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getDevice: db.prepare<[string], DeviceRow<SqliteValues>>('SELECT * FROM devices WHERE id = ?'),
    getDeviceByToken: db.prepare<[string], DeviceRow<SqliteValues>>('SELECT * FROM devices WHERE token_hash = ?'),
    recordPush: db.prepare(
      'UPDATE devices SET last_counter = ?, last_seen_at = ?, clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE id = ?',
    ),
    touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    getClockOffset: db.prepare<[string], { clock_offset_ms: number | null }>(
      'SELECT clock_offset_ms FROM devices WHERE id = ?',
    ),
    setClockOffset: db.prepare('UPDATE devices SET clock_offset_ms = ? WHERE id = ?'),
    getDeviceOp: db.prepare<[string, number], DeviceOpRow>(
      'SELECT * FROM device_ops WHERE device_id = ? AND counter = ?',
    ),
    insertDeviceOp: db.prepare(
      `INSERT INTO device_ops (device_id, counter, op_hash, status, code, message, received_at, device_time,
         actor_staff_id, tbl, row_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertCode: db.prepare(
      `INSERT INTO enrolment_codes (code_hash, site_id, created_by, expires_at, used_at, used_by_device, device_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getCode: db.prepare<[string], EnrolmentCodeRow>('SELECT * FROM enrolment_codes WHERE code_hash = ?'),
    useCode: db.prepare(
      'UPDATE enrolment_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
    ),
    insertLock: db.prepare('INSERT INTO locks (site_id, tbl, id, record_id) VALUES (?, ?, ?, ?)'),
    getLock: db.prepare<[string, string, string], LockRow>(
      'SELECT * FROM locks WHERE tbl = ? AND id = ? AND site_id = ?',
    ),
    siteLocks: db.prepare<[string], LockRow>('SELECT * FROM locks WHERE site_id = ?'),
    dropLock: db.prepare('DELETE FROM locks WHERE tbl = ? AND id = ?'),
    dropRow: db.prepare('DELETE FROM rows WHERE tbl = ? AND id = ? AND site_id = ?'),
    dropPhoto: db.prepare('DELETE FROM photos WHERE site_id = ? AND sha256 = ?'),
    relabelChain: db.prepare('UPDATE chain SET record_id = ? WHERE site_id = ? AND hash = ?'),
    insertArchive: db.prepare(
      'INSERT INTO archives (site_id, through_ms, file, sha256, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertChain: db.prepare('INSERT INTO chain (site_id, hash, record_id) VALUES (?, ?, ?)'),
    getChain: db.prepare<[string, string], { record_id: string }>(
      'SELECT record_id FROM chain WHERE site_id = ? AND hash = ?',
    ),
    insertPhoto: db.prepare(
      `INSERT INTO photos (site_id, sha256, mime, bytes, data, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, sha256) DO NOTHING`,
    ),
    getPhoto: db.prepare<[string, string], PhotoRow>('SELECT * FROM photos WHERE site_id = ? AND sha256 = ?'),
    chainLinks: db.prepare<[string], ChainRow>('SELECT hash, record_id FROM chain WHERE site_id = ?'),
    archives: db.prepare<[string], ArchiveRow>('SELECT * FROM archives WHERE site_id = ? ORDER BY id'),
  };
}
