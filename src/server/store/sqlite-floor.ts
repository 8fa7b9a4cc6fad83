/**
 * Bench support only (`npm run bench`, bench/run.ts): the floor of the storage cost, the same rows
 * as plain transactional inserts into one table of a fresh SQLite file, with the store's own
 * settings (sqlite-store.ts: WAL, synchronous FULL), so the bench can show what the sync work adds
 * on top. Nothing in the server uses it; it lives here because SQL lives only in src/server/store.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';

/**
 * Insert `rows` (each with an `id`) into `file` in transactions of `batch` rows, after one untimed
 * warm-up batch (the server is warm by setup time too). Returns the milliseconds the timed inserts took.
 */
export function timeRawInserts(file: string, rows: readonly Record<string, unknown>[], batch: number): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE plain (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO plain (id, data) VALUES (?, ?)');
    const write = db.transaction((chunk: readonly Record<string, unknown>[]) => {
      for (const row of chunk) insert.run(String(row['id']), JSON.stringify(row));
    });
    write(rows.slice(0, batch).map((row) => ({ ...row, id: `warm-${String(row['id'])}` })));
    const start = performance.now();
    for (let i = 0; i < rows.length; i += batch) write(rows.slice(i, i + batch));
    return performance.now() - start;
  } finally {
    db.close();
  }
}
