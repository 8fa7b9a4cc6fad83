-- Handover Desk server schema v4 (issue 8): office devices, Web Push subscriptions and the
-- retention archive's log. Shipped migrations are never edited (STYLE.md #3); the next change is 0005.

-- An enrolled browser is a desk tablet or an office device (an office PC of the chief or the
-- manager, which skips the desk screens). The enrolment code says which it enrols.
ALTER TABLE devices ADD COLUMN kind TEXT NOT NULL DEFAULT 'desk';
ALTER TABLE enrolment_codes ADD COLUMN device_kind TEXT NOT NULL DEFAULT 'desk';

-- D2, D3: Web Push subscriptions of the browsers where a person asked to be notified of
-- escalations. Used only when the server is configured with VAPID keys; the in-app path needs none.
CREATE TABLE push_subscriptions (
  endpoint    TEXT    PRIMARY KEY,
  site_id     TEXT    NOT NULL,
  device_id   TEXT    NOT NULL REFERENCES devices (id),
  staff_id    TEXT    NOT NULL,
  p256dh      TEXT    NOT NULL,
  auth        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  last_ok_at  INTEGER,
  failures    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX push_subscriptions_site ON push_subscriptions (site_id);

-- D5: every archive run that moved a building's records older than its retention period to a file
-- before removing them from the database.
CREATE TABLE archives (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT    NOT NULL,
  through_ms  INTEGER NOT NULL,
  file        TEXT    NOT NULL,
  sha256      TEXT    NOT NULL,
  row_count   INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX archives_site ON archives (site_id, created_at);
