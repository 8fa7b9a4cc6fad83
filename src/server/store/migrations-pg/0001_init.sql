-- Handover Desk server schema v1, PostgreSQL dialect of migrations/0001_init.sql (issue 10 §3): the
-- same numbers, names and meaning. Shipped migrations are never edited: the server refuses to start
-- when a checksum differs from the one recorded in __migrations__ (STYLE.md #3).
--
-- Buildings are the shard key (issue 10 §8): every per-building table's primary key is led by
-- site_id. Epoch milliseconds (T1) are BIGINT; the rows' JSON is kept as `json`, byte for byte as
-- written, so a pull returns exactly the text SQLite returns.

-- Every synced row of every building, with its per-field versions (docs/architecture.md "Conflicts").
-- `seq` is the building's sequence at the row's last write: pull reads `seq > cursor` in order.
-- A row id names one row of one building: (tbl, id) is unique across buildings, as in SQLite.
CREATE TABLE rows (
  site_id     TEXT    NOT NULL,
  tbl         TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  data        JSON    NOT NULL,
  versions    JSON    NOT NULL,
  updated_hlc TEXT    NOT NULL,
  seq         BIGINT  NOT NULL,
  deleted     BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (site_id, tbl, id)
);
CREATE UNIQUE INDEX rows_tbl_id ON rows (tbl, id);
CREATE INDEX rows_site_seq ON rows (site_id, seq);
CREATE INDEX rows_site_tbl ON rows (site_id, tbl);

-- One counter per building, bumped in the same transaction as each row write, so no change can
-- commit behind a cursor a tablet has already passed. A push locks its building's row here first
-- (SELECT ... FOR UPDATE): pushes of one building, from any server process, run one at a time.
CREATE TABLE site_seq (
  site_id TEXT   PRIMARY KEY,
  seq     BIGINT NOT NULL
);

-- Enrolled tablets. Only the sha256 of the bearer token is kept. A device id and a token are looked
-- up without knowing the building (bearer auth), so both stay unique on their own.
CREATE TABLE devices (
  id           TEXT    NOT NULL UNIQUE,
  site_id      TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  revoked      BOOLEAN NOT NULL DEFAULT FALSE,
  last_counter BIGINT  NOT NULL DEFAULT 0,
  created_at   BIGINT  NOT NULL,
  last_seen_at BIGINT,
  PRIMARY KEY (site_id, id)
);

-- The outcome of every op a device sent, so a replay is answered from here (exactly once). Keyed by
-- the device, which belongs to one building.
CREATE TABLE device_ops (
  device_id TEXT   NOT NULL REFERENCES devices (id),
  counter   BIGINT NOT NULL,
  op_hash   TEXT   NOT NULL,
  status    TEXT   NOT NULL,
  code      TEXT,
  message   TEXT,
  PRIMARY KEY (device_id, counter)
);

-- One-time enrolment codes, stored hashed; looked up by the code alone (the building is not known yet).
CREATE TABLE enrolment_codes (
  code_hash      TEXT   PRIMARY KEY,
  site_id        TEXT   NOT NULL,
  created_by     TEXT   NOT NULL,
  expires_at     BIGINT NOT NULL,
  used_at        BIGINT,
  used_by_device TEXT
);
