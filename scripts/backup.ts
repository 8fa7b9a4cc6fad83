/**
 * `npm run backup [-- --out FILE]` (issue 9 §2): a consistent online backup of the database under
 * DATA_DIR (default ./data), safe while the server runs (SQLite's backup API, then quick_check;
 * src/server/store/backup.ts). Without --out it writes DATA_DIR/backups/manual-<time>.sqlite.
 * Exits 0 with the file's path, 2 when the database cannot be read or the copy fails its check.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE_NAME } from '../src/server/main';
import { BACKUP_DIR_NAME, backupDatabase, timeStamp } from '../src/server/store/backup';
import { openSqliteStore } from '../src/server/store/sqlite-store';

function outFile(dataDir: string, args: string[]): string {
  const i = args.indexOf('--out');
  if (i === -1) return join(dataDir, BACKUP_DIR_NAME, `manual-${timeStamp(Date.now())}.sqlite`);
  const file = args[i + 1];
  if (!file || file.startsWith('--')) throw new Error('--out needs a file name');
  return resolve(file);
}

async function main(): Promise<number> {
  const dataDir = process.env['DATA_DIR'] || './data';
  const live = join(dataDir, DB_FILE_NAME);
  if (!existsSync(live)) {
    console.error(`no database at ${live} (set DATA_DIR)`);
    return 2;
  }
  const out = outFile(dataDir, process.argv.slice(2));
  const store = openSqliteStore(live, { nowMs: Date.now() });
  try {
    const r = await backupDatabase(store, out);
    console.log(`Backup written and verified: ${r.file} (${r.bytes} bytes, generation ${r.generation ?? 'none'})`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
