-- Issue 9: trust on the wire and at rest (docs/security.md; docs/architecture.md "Restores").

-- Server-wide values. `generation` (§1) names this database's history: new at creation, new again
-- at every restore, so a tablet that synced with another history re-pulls and resends.
CREATE TABLE server_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO server_meta (key, value) VALUES ('generation', lower(hex(randomblob(12))));

-- §3: each person's actor-proof key (32 bytes, derived from the PIN; never synced, never sent) and
-- the server's record of wrong PIN proofs for that person (lockout).
CREATE TABLE staff_keys (
  site_id      TEXT    NOT NULL,
  staff_id     TEXT    NOT NULL,
  proof_key    BLOB    NOT NULL,
  failed_at    TEXT    NOT NULL DEFAULT '[]',
  locked_until INTEGER,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (site_id, staff_id)
) WITHOUT ROWID;

-- §6: every admin action (staff, roles, PINs, enrolment codes, settings, revocation) with the person
-- and the device that made it.
CREATE TABLE admin_actions (
  id        INTEGER PRIMARY KEY,
  site_id   TEXT    NOT NULL,
  device_id TEXT    NOT NULL,
  staff_id  TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  target    TEXT,
  at        INTEGER NOT NULL
);
CREATE INDEX admin_actions_site ON admin_actions (site_id, at);

-- §6: when a device was revoked and by whom; the unsent op count it last reported.
ALTER TABLE devices ADD COLUMN revoked_at INTEGER;
ALTER TABLE devices ADD COLUMN revoked_by TEXT;
ALTER TABLE devices ADD COLUMN pending_ops INTEGER;

-- §6: each op's actor and target row, so every privileged write names the device that wrote it.
ALTER TABLE device_ops ADD COLUMN actor_staff_id TEXT;
ALTER TABLE device_ops ADD COLUMN tbl TEXT;
ALTER TABLE device_ops ADD COLUMN row_id TEXT;
