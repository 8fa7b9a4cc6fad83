import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';

let dir: string | undefined;
let store: SqliteStore | undefined;
afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The plan SQLite chooses for `sql`, one detail line per step. */
function plan(s: SqliteStore, sql: string, ...params: unknown[]): string[] {
  return (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

describe('migration 0006: one table of a building in sequence order, by index (issue 8: two years of rows)', () => {
  it('plans a table read and the per-field lookups on (site_id, tbl, seq), never a scan of the whole building', () => {
    dir = mkdtempSync(join(tmpdir(), 'mig6-'));
    store = openSqliteStore(join(dir, 'db.sqlite'), { nowMs: Date.UTC(2026, 11, 2) });
    const tableRead = plan(store, 'SELECT * FROM rows WHERE site_id = ? AND tbl = ? ORDER BY seq', 's', 'item');
    expect(tableRead).toEqual(['SEARCH rows USING INDEX rows_site_tbl_seq (site_id=? AND tbl=?)']);
    const lookup = plan(
      store,
      'SELECT * FROM rows WHERE site_id = ? AND tbl = ? AND deleted = 0 AND json_extract(data, ?) = ? ORDER BY seq',
      's',
      'logEntry',
      '$.status',
      'open',
    );
    expect(lookup).toEqual(['SEARCH rows USING INDEX rows_site_tbl_seq (site_id=? AND tbl=?)']);
    // The pull still walks the building's sequence.
    const pull = plan(store, 'SELECT seq FROM rows WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT 10', 's', 0);
    expect(pull).toEqual(['SEARCH rows USING COVERING INDEX rows_site_seq (site_id=? AND seq>?)']);
  });
});
