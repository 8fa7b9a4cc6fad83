import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBuildingReadPlans } from '../../../src/server/store/sqlite-inspect';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';

let dir: string | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006: one table of a building in sequence order, by index (issue 8: two years of rows)', () => {
  it('plans a table read and the per-field lookups on (site_id, tbl, seq), never a scan of the whole building', () => {
    dir = mkdtempSync(join(tmpdir(), 'mig6-'));
    store = openSqliteStore(join(dir, 'db.sqlite'), { nowMs: Date.UTC(2026, 11, 2) });
    const plans = sqliteBuildingReadPlans(store);
    expect(plans.tableRead).toEqual(['SEARCH rows USING INDEX rows_site_tbl_seq (site_id=? AND tbl=?)']);
    expect(plans.lookup).toEqual(['SEARCH rows USING INDEX rows_site_tbl_seq (site_id=? AND tbl=?)']);
    // The pull still walks the building's sequence.
    expect(plans.pull).toEqual(['SEARCH rows USING COVERING INDEX rows_site_seq (site_id=? AND seq>?)']);
  });
});
