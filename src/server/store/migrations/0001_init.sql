-- Handover Desk server schema v1. Shipped migrations are never edited: the server refuses to start
-- when a checksum on disk differs from the one recorded in __migrations__ (STYLE.md #3).

-- Every synced row of every building, as JSON, with its per-field versions (docs/architecture.md "Conflicts").
-- `seq` is the building's sequence at the row's last write: pull reads `seq > cursor` in order.
CREATE TABLE rows (
  site_id     TEXT    NOT NULL,
  tbl         TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  versions    TEXT    NOT NULL,
  updated_hlc TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;
CREATE INDEX rows_site_seq ON rows (site_id, seq);
CREATE INDEX rows_site_tbl ON rows (site_id, tbl);

-- One counter per building, bumped in the same transaction as each row write, so no change can
-- commit behind a cursor a tablet has already passed.
CREATE TABLE site_seq (
  site_id TEXT    PRIMARY KEY,
  seq     INTEGER NOT NULL
) WITHOUT ROWID;

-- Enrolled tablets. Only the sha256 of the bearer token is kept.
CREATE TABLE devices (
  id           TEXT    PRIMARY KEY,
  site_id      TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  revoked      INTEGER NOT NULL DEFAULT 0,
  last_counter INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER
);
CREATE INDEX devices_site ON devices (site_id);

-- The outcome of every op a device sent, so a replay is answered from here (exactly once).
CREATE TABLE device_ops (
  device_id TEXT    NOT NULL REFERENCES devices (id),
  counter   INTEGER NOT NULL,
  op_hash   TEXT    NOT NULL,
  status    TEXT    NOT NULL,
  code      TEXT,
  message   TEXT,
  PRIMARY KEY (device_id, counter)
) WITHOUT ROWID;

-- One-time enrolment codes, stored hashed.
CREATE TABLE enrolment_codes (
  code_hash      TEXT    PRIMARY KEY,
  site_id        TEXT    NOT NULL,
  created_by     TEXT    NOT NULL,
  expires_at     INTEGER NOT NULL,
  used_at        INTEGER,
  used_by_device TEXT
) WITHOUT ROWID;
