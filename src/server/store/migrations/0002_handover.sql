-- Handover Desk server schema v2: the signed handover (H3) and photos. Shipped migrations are never
-- edited (STYLE.md #3); the next change is 0003.

-- Rows a signed handover record locked (H3): the handover draft and the outgoing duty. A row is
-- locked by one record only, so a second tablet signing the same duty is refused (handover_taken).
CREATE TABLE locks (
  site_id   TEXT NOT NULL,
  tbl       TEXT NOT NULL,
  id        TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;

-- The building's hash chain: every signed record's hash, so a new record's prevHash is checked
-- without scanning the records (docs/architecture.md "Data").
CREATE TABLE chain (
  site_id   TEXT NOT NULL,
  hash      TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (site_id, hash)
) WITHOUT ROWID;

-- Photo bytes, content-addressed by their SHA-256 per building: an upload is idempotent.
CREATE TABLE photos (
  site_id    TEXT    NOT NULL,
  sha256     TEXT    NOT NULL,
  mime       TEXT    NOT NULL,
  bytes      INTEGER NOT NULL,
  data       BLOB    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, sha256)
);
