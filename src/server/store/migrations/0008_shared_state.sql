-- Issue 10 §4: the state every server process of one database shares (docs/architecture.md
-- "Several server processes"). On SQLite one process holds the file (the data-dir lock), so these
-- tables only keep the two stores to one contract; on PostgreSQL they are what lets several
-- processes agree.

-- Rate limits (issue 9 §7): one token bucket per kind of limit and client address. A bucket
-- idle for a minute is full again and is swept.
CREATE TABLE rate_buckets (
  kind   TEXT    NOT NULL,
  key    TEXT    NOT NULL,
  tokens REAL    NOT NULL,
  at     INTEGER NOT NULL,
  ok     INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);

-- Leases: a job that must run in one process at a time (the daily retention run, D5) holds its
-- lease while it runs; a holder that died lets it lapse at `expires_at`.
CREATE TABLE leases (
  name       TEXT    PRIMARY KEY,
  holder     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
);
