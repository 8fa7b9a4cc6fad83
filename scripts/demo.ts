/**
 * `npm run demo`: the server with a realistic demo building, so a newcomer can try everything
 * within a minute. On an empty DATA_DIR (default ./data/demo) it seeds 海港中心 Harbour Centre by
 * pushing sync ops through the server's own push service (same zod schemas, WRITE_POLICY and H6
 * rules as a tablet's ops); on later runs it keeps the data. Every run prints a fresh one-time
 * enrolment code and the demo PINs.
 */
import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import type { Staff } from '../src/domain/entities';
import { createJsonLogger, isLogLevel } from '../src/server/logger';
import { DB_FILE_NAME, openDataDirStore, startServer } from '../src/server/main';
import { createEnrolmentCode } from '../src/server/site/enrolment-service';
import { machineAddresses } from '../src/server/tls/host-names';
import { listStaff } from '../src/server/site/staff-service';
import { MigrationMismatchError } from '../src/server/store/migrations';
import type { Store } from '../src/server/store/store';
import { DEMO_SITE, DEMO_STAFF } from './demo-data';
import { seedDemo } from './demo-seed';
import { DEMO_SECOND_BUILDING, seedSecondBuilding } from './demo-company';

/** Pad to a terminal width where CJK characters take two columns, so the PIN column lines up. */
function padDisplay(text: string, width: number): string {
  const used = [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

/** The demo building (海港中心) and its admin; the second building's admin is the same person. */
async function firstAdmin(store: Store): Promise<{ siteId: string; admin: Staff }> {
  for (const siteId of await store.listSiteIds()) {
    if ((await store.getRow(siteId, 'site', siteId))?.row.name !== DEMO_SITE.name) continue;
    const admin = (await listStaff(store, siteId)).find((s) => s.role === 'admin' && s.active && !s.deleted);
    if (admin) return { siteId, admin };
  }
  throw new Error('the demo database has no active admin');
}

async function main(): Promise<void> {
  const dataDir = process.env['DATA_DIR'] || './data/demo';
  const port = Number(process.env['PORT'] || 8080);
  // HTTPS beside it (issue 9 §4): HTTPS_PORT as for `npm start`, so two servers on one machine do not collide.
  const httpsPort = process.env['HTTPS_PORT'] ? Number(process.env['HTTPS_PORT']) : undefined;
  const level = process.env['LOG_LEVEL'] ?? 'warn';
  // Request lines would bury the banner; LOG_LEVEL=info shows them.
  const logger = createJsonLogger({ level: isLogLevel(level) ? level : 'warn' });
  const store = openDataDirStore(dataDir, Date.now());
  if (await store.hasAnySite()) console.log(`Using the existing demo data in ${dataDir}.`);
  else {
    const seeded = await seedDemo(store, Date.now());
    const name = (key: string) => DEMO_STAFF.find((p) => p.key === key)?.name ?? key;
    const counts = Object.entries(seeded.counts).map(([table, n]) => `${n} ${table}`);
    console.log(`Seeded ${DEMO_SITE.name}: ${counts.join(', ')}.`);
    console.log(`On duty now by the rota: ${name(seeded.onDutyNow)}; next shift: ${name(seeded.nextOnDuty)}.`);
    await seedSecondBuilding(store, seeded.siteId, Date.now());
    console.log(`Also created ${DEMO_SECOND_BUILDING}, with the manager and the section chief assigned to both.`);
  }

  const { siteId, admin } = await firstAdmin(store);
  const { code, expiresAt } = await store.transaction(siteId, (tx) =>
    createEnrolmentCode(tx, { siteId, actorStaffId: admin.id }, Date.now()),
  );
  // Issue 10 §1: an office device (the manager's or chief's PC) sees every building of theirs.
  const office = await store.transaction(siteId, (tx) =>
    createEnrolmentCode(tx, { siteId, actorStaffId: admin.id, deviceKind: 'office' }, Date.now()),
  );
  const server = await startServer({
    store,
    // D5: the retention job's archives go under the demo's own data directory.
    dataDir,
    port,
    ...(httpsPort === undefined ? {} : { httpsPort }),
    logger,
    host: process.env['HOST'] || '0.0.0.0',
    distDir: process.env['DIST_DIR'] || './dist',
  });

  // Issue 9 §4: a tablet needs HTTPS (a secure context); it trusts the building's CA first.
  const lan = machineAddresses().find((a) => isIPv4(a) && !a.startsWith('127.')) ?? 'localhost';
  const seeded = new Set((await listStaff(store, siteId)).map((s) => s.name));
  const staffLines = DEMO_STAFF.filter((p) => seeded.has(p.name)).map(
    (p) => `    ${p.name}  ${padDisplay(p.roleLabel, 24)}  PIN ${p.pin}`,
  );
  console.log(
    [
      '',
      `Handover Desk demo: ${DEMO_SITE.name}`,
      `  Open            ${server.url}   (on this machine)`,
      `  On a tablet     https://${lan}:${server.httpsPort}   (first trust the building's CA: http://${lan}:${server.port}/ca)`,
      `  Enrolment code  ${code.slice(0, 4)}-${code.slice(4)}   (one-time, valid until ${new Date(expiresAt).toISOString()})`,
      `  Office code     ${office.code.slice(0, 4)}-${office.code.slice(4)}   (an office device: the manager or chief sees both buildings under Buildings)`,
      `  Data            ${join(dataDir, DB_FILE_NAME)}`,
      '',
      '  Demo staff (sign in with these PINs):',
      ...staffLines,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof MigrationMismatchError) console.error(`Refusing to start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
