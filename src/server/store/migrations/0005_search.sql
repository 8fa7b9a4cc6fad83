-- Handover Desk server schema v5 (issue 8): the full-text search index (D5), built for Chinese.
-- Shipped migrations are never edited (STYLE.md #3); the next change is 0006.
--
-- SQLite's trigram tokenizer cannot match a two-character word such as 漏水, so the server stores
-- each searched row's text already cut into tokens (src/domain/search-text.ts: Han runs as
-- overlapping bigrams, traditional folded to simplified, Latin words whole), separated by spaces,
-- and FTS5's `ascii` tokenizer only splits them on the spaces. Contentless: the text is in `rows`.
CREATE VIRTUAL TABLE search_fts USING fts5 (tokens, tokenize = 'ascii', content = '', contentless_delete = 1);

-- One line per indexed row: its FTS5 rowid, what it is, when (T1) and the filters a search combines
-- with the text (the registers' filters). `kind`, `severity`, `status` and `location` (folded) are
-- set for duty-record entries only. The server fills it at start from the rows stored before it
-- (src/server/search/search-index.ts) and keeps it in step with every row write.
CREATE TABLE search_rows (
  rowid     INTEGER PRIMARY KEY,
  site_id   TEXT    NOT NULL,
  tbl       TEXT    NOT NULL,
  id        TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  staff_id  TEXT,
  kind      TEXT,
  severity  TEXT,
  status    TEXT,
  location  TEXT,
  UNIQUE (tbl, id)
);
CREATE INDEX search_rows_site_at ON search_rows (site_id, at);

-- A row removed from `rows` by any path (the retention job's archive) leaves the index with it.
CREATE TRIGGER rows_search_delete AFTER DELETE ON rows
WHEN old.tbl IN ('logEntry', 'logAmendment', 'task', 'taskNote')
BEGIN
  DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_rows WHERE tbl = old.tbl AND id = old.id);
  DELETE FROM search_rows WHERE tbl = old.tbl AND id = old.id;
END;

-- Whether the index still has to be filled from the rows stored before this migration.
CREATE TABLE search_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  filled    INTEGER NOT NULL
);
INSERT INTO search_state (id, filled) VALUES (1, 0);
