-- Issue 10 §4, PostgreSQL dialect of migrations/0008_shared_state.sql: the state every server
-- process of one database shares (docs/architecture.md "Several server processes").
-- Shipped migrations are never edited.

-- Rate limits (issue 9 §7): one token bucket per kind of limit and client address. UNLOGGED: a
-- crash of the database server empties it, which only forgets who was being slowed down, and no
-- take waits on the write-ahead log. A bucket idle for a minute is full again and is swept.
CREATE UNLOGGED TABLE rate_buckets (
  kind   TEXT             NOT NULL,
  key    TEXT             NOT NULL,
  tokens DOUBLE PRECISION NOT NULL,
  at     BIGINT           NOT NULL,
  ok     BOOLEAN          NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);

-- Leases: a job that must run in one process at a time (the daily retention run, D5) holds its
-- lease while it runs; a holder that died lets it lapse at `expires_at`.
CREATE TABLE leases (
  name       TEXT   PRIMARY KEY,
  holder     TEXT   NOT NULL,
  expires_at BIGINT NOT NULL
);
