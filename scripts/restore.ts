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

function main(): number {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run restore -- FILE   (the server must be stopped)');
    return 1;
  }
  const dataDir = process.env['DATA_DIR'] || './data';
  try {
    const r = restoreDatabase({ dataDir, backupFile: resolve(file), nowMs: Date.now() });
    console.log(`Restored ${file} into ${dataDir}.`);
    console.log(`Generation ${r.previousGeneration ?? 'none'} -> ${r.generation}: every tablet re-pulls and resends.`);
    if (r.keptAside) console.log(`The database it replaced is kept as ${r.keptAside}.`);
    console.log(`Devices enrolled since the backup, carried over: ${r.carriedDevices.length}.`);
    if (r.keptRevoked.length > 0)
      console.log(`Devices revoked since the backup, still revoked: ${r.keptRevoked.length}.`);
    if (r.liveUnreadable)
      console.log(`The replaced database could not be read (${r.liveUnreadable}); nothing carried.`);
    return 0;
  } catch (err) {
    if (
      err instanceof RestoreRefusedError ||
      err instanceof BackupInvalidError ||
      err instanceof MigrationMismatchError
    ) {
      console.error(`Restore refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
}
