-- Handover Desk server schema v6, PostgreSQL dialect of migrations/0006_rows_by_table.sql: the rows
-- of one table of a building, in sequence order, by index. Shipped migrations are never edited.

-- A query for one table of a building in sequence order (listRows, the gate's and the duty rules'
-- lookups) is answered by this index directly; it replaces (site_id, tbl), which is its prefix.
CREATE INDEX rows_site_tbl_seq ON rows (site_id, tbl, seq);
DROP INDEX rows_site_tbl;
