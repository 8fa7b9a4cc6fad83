/**
 * `npm run verify` (D5, H3): recompute every building's hash chain from the database under
 * DATA_DIR (default ./data) and report each changed, missing or reordered signed record
 * (src/server/integrity/verify.ts). A human summary per building, or `--json` for machines.
 * Exits 1 when any building has a problem, 2 when the database cannot be read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildingIntegrity } from '../src/domain/integrity';
import { verifyAll } from '../src/server/integrity/verify';
import { DB_FILE_NAME } from '../src/server/main';
import { openSqliteStore } from '../src/server/store/sqlite-store';

function summary(b: BuildingIntegrity): string[] {
  const records = b.records.filter((r) => r.table === 'handoverRecord').length;
  const reviews = b.records.length - records;
  const head = `${b.ok ? 'OK     ' : 'FAILED '} ${b.siteName} (${b.siteId})`;
  const counts =
    `        ${records} signed records, ${reviews} day reviews, ${b.entriesChecked} entry digests ` +
    `(${b.entriesFollowedUp} changed by follow-up only), ${b.archivedLinks} archived links`;
  const problems = b.problems.map(
    (p) => `        ${p.kind}: ${p.table} ${p.recordId}${p.refId ? ` (entry/record ${p.refId})` : ''}: ${p.detail}`,
  );
  return [head, counts, ...problems];
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const dataDir = process.env['DATA_DIR'] || './data';
  const file = join(dataDir, DB_FILE_NAME);
  if (!existsSync(file)) {
    console.error(`no database at ${file} (set DATA_DIR)`);
    return 2;
  }
  const store = openSqliteStore(file, { nowMs: Date.now() });
  try {
    const buildings = await verifyAll(store, Date.now());
    const ok = buildings.every((b) => b.ok);
    if (json) console.log(JSON.stringify({ ok, buildings }, null, 2));
    else {
      for (const b of buildings) console.log(summary(b).join('\n'));
      console.log(ok ? 'Every chain verifies.' : 'Problems found: see above.');
    }
    return ok ? 0 : 1;
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
