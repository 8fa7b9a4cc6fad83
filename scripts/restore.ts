/**
 * `npm run restore -- FILE` (issue 9 §2): restore a backup into DATA_DIR (default ./data) with the
 * server stopped (src/server/store/restore.ts). Keeps the live database aside, gives the restored
 * one a new generation (tablets re-pull and resend what it lacks) and carries over the devices
 * enrolled since the backup. Exits 0 when restored, 1 when refused (a server is running, the file
 * is not a whole backup), 2 on any other failure; the live database is untouched unless it exits 0.
 */
import { resolve } from 'node:path';
import { BackupInvalidError } from '../src/server/store/backup';
import { MigrationMismatchError } from '../src/server/store/migrations';
import { RestoreRefusedError, restoreDatabase } from '../src/server/store/restore';
import { finishPgRestore } from '../src/server/store/pg-restore';
import { PgUnavailableError, redactUrl } from '../src/server/store/pg-store';
import { flag, runCommand } from './cli';

/**
 * Issue 10 §7: `npm run restore -- --database-url URL [--live URL]`, after `pg_restore` filled the
 * database at URL (docs/postgresql.md "Backup and restore").
 */
async function mainPg(restoredUrl: string): Promise<number> {
  const r = await finishPgRestore({ restoredUrl, liveUrl: flag('live'), nowMs: Date.now() });
  console.log(`Restored database ${redactUrl(restoredUrl)} is ready.`);
  console.log(
    `Generation ${r.previousGeneration ?? r.backupGeneration ?? 'none'} -> ${r.generation}: every tablet re-pulls and resends.`,
  );
  console.log(`Devices enrolled since the dump, carried over: ${r.carriedDevices.length}.`);
  if (r.keptRevoked.length > 0) console.log(`Devices revoked since the dump, still revoked: ${r.keptRevoked.length}.`);
  console.log(`Proof keys set since the dump, carried over: ${r.carriedKeys}.`);
  return 0;
}

function main(): number | Promise<number> {
  const databaseUrl = flag('database-url');
  if (databaseUrl !== undefined) return mainPg(databaseUrl);
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run restore -- FILE   (SQLite; the server must be stopped)');
    console.error('       npm run restore -- --database-url URL [--live URL]   (PostgreSQL, after pg_restore)');
    return 1;
  }
  const dataDir = process.env['DATA_DIR'] || './data';
  const r = restoreDatabase({ dataDir, backupFile: resolve(file), nowMs: Date.now() });
  console.log(`Restored ${file} into ${dataDir}.`);
  console.log(`Generation ${r.previousGeneration ?? 'none'} -> ${r.generation}: every tablet re-pulls and resends.`);
  if (r.keptAside) console.log(`The database it replaced is kept as ${r.keptAside}.`);
  console.log(`Devices enrolled since the backup, carried over: ${r.carriedDevices.length}.`);
  if (r.keptRevoked.length > 0)
    console.log(`Devices revoked since the backup, still revoked: ${r.keptRevoked.length}.`);
  if (r.liveUnreadable) console.log(`The replaced database could not be read (${r.liveUnreadable}); nothing carried.`);
  return 0;
}

await runCommand(
  'Restore',
  [RestoreRefusedError, BackupInvalidError, MigrationMismatchError, PgUnavailableError],
  main,
);
