/**
 * `npm run archive` (D5): archive every building's records older than its retention period (never
 * younger than 2 years) under DATA_DIR/archives before removing them from the database, as the
 * server's daily job does (src/server/retention).
 *
 * `npm run archive -- --read FILE` reads an archive back: checks its format, row count and, when
 * the database under DATA_DIR recorded it, its SHA-256; prints a summary, and with `--rows` every
 * archived row as a JSON line.
 * Exits 1 when an archive does not check out, 2 on a usage or read error.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DB_FILE_NAME } from '../src/server/main';
import { readArchive } from '../src/server/retention/archive-file';
import { archiveAll } from '../src/server/retention/archive-run';
import { openSqliteStore } from '../src/server/store/sqlite-store';

function dbFile(): string {
  return join(process.env['DATA_DIR'] || './data', DB_FILE_NAME);
}

async function read(file: string, withRows: boolean): Promise<number> {
  const archive = readArchive(file);
  const byTable = new Map<string, number>();
  for (const l of archive.lines) if (l.kind === 'row') byTable.set(l.table, (byTable.get(l.table) ?? 0) + 1);
  const h = archive.header;
  console.log(
    `Archive ${basename(file)}: building ${h.siteId}, ${h.rowCount} rows older than ${new Date(h.throughMs).toISOString()}`,
  );
  console.log(`  created ${new Date(h.createdAt).toISOString()}, sha256 ${archive.sha256}`);
  console.log(`  ${[...byTable].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  let ok = true;
  if (existsSync(dbFile())) {
    const store = openSqliteStore(dbFile(), { nowMs: Date.now() });
    try {
      const recorded = (await store.listArchives(h.siteId)).find(
        (a) => resolve(a.file) === resolve(file) || basename(a.file) === basename(file),
      );
      if (!recorded) console.log('  not recorded in this database (DATA_DIR); its hash cannot be compared');
      else if (recorded.sha256 !== archive.sha256 || recorded.rowCount !== h.rowCount) {
        console.log(`  MISMATCH: the database recorded sha256 ${recorded.sha256} and ${recorded.rowCount} rows`);
        ok = false;
      } else console.log('  matches the SHA-256 and row count the database recorded');
    } finally {
      await store.close();
    }
  }
  if (withRows) for (const l of archive.lines) console.log(JSON.stringify(l));
  return ok ? 0 : 1;
}

async function run(): Promise<number> {
  const file = dbFile();
  if (!existsSync(file)) {
    console.error(`no database at ${file} (set DATA_DIR)`);
    return 2;
  }
  const store = openSqliteStore(file, { nowMs: Date.now() });
  try {
    const results = await archiveAll({ store, dataDir: process.env['DATA_DIR'] || './data', nowMs: Date.now() });
    for (const r of results) {
      console.log(`${r.siteId}: ${r.rowCount} rows older than ${new Date(r.cutMs).toISOString()} archived`);
      for (const f of r.files) console.log(`  ${f.file}  ${f.rowCount} rows  sha256 ${f.sha256}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--read');
  if (at < 0) return run();
  const file = args[at + 1];
  if (!file) {
    console.error('usage: npm run archive -- --read FILE [--rows]');
    return 2;
  }
  return read(file, args.includes('--rows'));
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
