-- Handover Desk server schema v5 (issue 8), PostgreSQL dialect of migrations/0005_search.sql: the
-- full-text search index (D5), built for Chinese (issue 10 §3). Shipped migrations are never edited
-- (STYLE.md #3).
--
-- The text is cut by the same code as on SQLite (src/domain/search-text.ts: Han runs, traditional
-- folded to simplified, Latin words), and stored three ways (src/server/search/pg-search.ts):
--   grams  every bigram and every single character of the Han runs, under a GIN index: a query of
--          two or more Chinese characters needs all its bigrams, one character needs itself;
--   runs   the Han runs, space separated: a bigram match is confirmed as the run written in order;
--   words  the other words, each after a space, under a pg_trgm GIN index: a word matches as a
--          prefix (LIKE '% word%').
-- pg_trgm alone would not do: in a database whose LC_CTYPE is C it counts CJK characters as
-- non-alphanumeric and makes no trigram of 洗手間漏水 at all (checked: show_trgm returns {}), and in
-- any locale a two-character word inside a text has no trigram of its own, so LIKE '%漏水%' cannot use
-- a trigram index. Results and order are those of the SQLite index for the same rows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One line per indexed row: what it is, when (T1), the filters a search combines with the text (the
-- registers' filters), and its cut text. `kind`, `severity`, `status` and `location` (folded) are
-- set for duty-record entries only. `rowid` orders rows of the same time, newest written last.
CREATE TABLE search_rows (
  rowid     BIGINT  GENERATED ALWAYS AS IDENTITY,
  site_id   TEXT    NOT NULL,
  tbl       TEXT    NOT NULL,
  id        TEXT    NOT NULL,
  at        BIGINT  NOT NULL,
  staff_id  TEXT,
  kind      TEXT,
  severity  TEXT,
  status    TEXT,
  location  TEXT,
  grams     TEXT[]  NOT NULL,
  runs      TEXT    NOT NULL,
  words     TEXT    NOT NULL,
  PRIMARY KEY (site_id, rowid)
);
CREATE UNIQUE INDEX search_rows_tbl_id ON search_rows (tbl, id);
CREATE INDEX search_rows_site_at ON search_rows (site_id, at);
CREATE INDEX search_rows_grams ON search_rows USING GIN (grams);
CREATE INDEX search_rows_words ON search_rows USING GIN (words gin_trgm_ops);

-- A row removed from `rows` by any path (the retention job's archive) leaves the index with it.
CREATE FUNCTION rows_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_rows WHERE tbl = OLD.tbl AND id = OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER rows_search_delete AFTER DELETE ON rows
FOR EACH ROW WHEN (OLD.tbl IN ('logEntry', 'logAmendment', 'task', 'taskNote'))
EXECUTE FUNCTION rows_search_delete();

-- Whether the index still has to be filled from the rows stored before this migration.
CREATE TABLE search_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  filled    BOOLEAN NOT NULL
);
INSERT INTO search_state (id, filled) VALUES (1, FALSE);
