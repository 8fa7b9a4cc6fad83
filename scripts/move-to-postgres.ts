/**
 * `npm run move-to-postgres -- --to postgres://… [--data-dir DIR]` (issue 10 §6): move every
 * building of the SQLite database under DATA_DIR (default ./data) into an empty PostgreSQL database
 * (src/server/store/move-to-pg.ts), then print what was verified. Exits 0 when moved and verified,
 * 1 when refused (a server runs on the data dir, the target holds buildings, the target cannot be
 * reached, the source's chain does not verify), 2 on any other failure; the target is unchanged
 * unless it exits 0. Afterwards set DATABASE_URL to the target and start the server.
 */
import { MigrationMismatchError } from '../src/server/store/migrations';
import { MoveRefusedError, moveToPostgres } from '../src/server/store/move-to-pg';
import { PgUnavailableError, redactUrl } from '../src/server/store/pg-store';
import { flag, runCommand } from './cli';

async function main(): Promise<number> {
  const to = flag('to');
  if (!to) {
    console.error('usage: npm run move-to-postgres -- --to postgres://user:password@host:5432/db [--data-dir DIR]');
    return 1;
  }
  const dataDir = flag('data-dir') ?? (process.env['DATA_DIR'] || './data');
  const r = await moveToPostgres({ dataDir, targetUrl: to, nowMs: Date.now() });
  console.log(`Moved ${dataDir} into ${redactUrl(to)}.`);
  for (const b of r.buildings) console.log(`  ${b.name}: chain verified, ${b.records} signed records.`);
  const rows = r.counts.reduce((n, c) => n + c.target, 0);
  console.log(`  ${r.counts.length} table counts compared (${rows} rows), all equal.`);
  console.log(`  Search index rebuilt: ${r.searchIndexed} rows. Generation kept: ${r.generation ?? 'none'}.`);
  console.log(`Set DATABASE_URL=${redactUrl(to)} (with its password) and start the server.`);
  return 0;
}

await runCommand('Move', [MoveRefusedError, PgUnavailableError, MigrationMismatchError], main);
