-- Handover Desk server schema v2, PostgreSQL dialect of migrations/0002_handover.sql: the signed
-- handover (H3) and photos. Shipped migrations are never edited (STYLE.md #3).

-- Rows a signed handover record locked (H3): the handover draft and the outgoing duty. A row is
-- locked by one record only, so a second tablet signing the same duty is refused (handover_taken).
CREATE TABLE locks (
  site_id   TEXT NOT NULL,
  tbl       TEXT NOT NULL,
  id        TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (site_id, tbl, id)
);
CREATE UNIQUE INDEX locks_tbl_id ON locks (tbl, id);

-- The building's hash chain: every signed record's hash, so a new record's prevHash is checked
-- without scanning the records (docs/architecture.md "Data").
CREATE TABLE chain (
  site_id   TEXT NOT NULL,
  hash      TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (site_id, hash)
);

-- Photo bytes, content-addressed by their SHA-256 per building: an upload is idempotent.
CREATE TABLE photos (
  site_id    TEXT   NOT NULL,
  sha256     TEXT   NOT NULL,
  mime       TEXT   NOT NULL,
  bytes      BIGINT NOT NULL,
  data       BYTEA  NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, sha256)
);
