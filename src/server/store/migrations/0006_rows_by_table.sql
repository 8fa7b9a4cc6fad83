-- Handover Desk server schema v6: the rows of one table of a building, in sequence order, by index.
-- Shipped migrations are never edited (STYLE.md #3); the next change is 0007.

-- A building's rows were indexed by (site_id, tbl) and by (site_id, seq). A query for one table in
-- sequence order (listRows, the gate's and the duty rules' lookups) was planned on (site_id, seq),
-- to skip the sort, and so read every row of the building: with 18 months of history (issue 8),
-- 170 ms for the 40 rows of the item register, several times per signed handover. This index
-- answers it directly and replaces (site_id, tbl), which is its prefix.
CREATE INDEX rows_site_tbl_seq ON rows (site_id, tbl, seq);
DROP INDEX rows_site_tbl;
