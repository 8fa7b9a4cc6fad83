/**
 * Issue 9 §1, §2 (docs/architecture.md "Restores"): a backup taken with `npm run backup` while the
 * REAL server runs, then 200 acknowledged entries from tablet A after it (the desk opened by a
 * signed record), and entries from tablet B whose cursor runs past what the backup holds. The server
 * is stopped, `npm run restore` puts the backup back, the server starts again, and both tablets
 * (the real sync engine on fake-indexeddb) sync: nothing is lost, every entry is on the server once,
 * both tablets equal the server, B receives what A wrote after the restore, the signed opening
 * record comes back byte for byte and `npm run verify` passes.
 */
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proofKeyFor } from '../../src/domain/pin';
import { getMeta } from '../../src/client/db/meta';
import { openHandoverDb } from '../../src/client/db/open';
import { saveEnrolment } from '../../src/client/db/repos/device-repo';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../src/client/db/schema';
import { rememberProofKey } from '../../src/client/state/proof-keys';
import { adminCreateEnrolmentCode, adminCreateStaff } from '../../src/client/sync/admin-client';
import { postEnrol } from '../../src/client/sync/api-client';
import { createSyncEngine } from '../../src/client/sync/sync-engine';
import { adminActorAt } from '../support/admin-actor';
import { staffProofKey } from '../support/staff-keys';
import { openDesk, openDuty, rosterNow } from './desk-steps';
import { spawnServer, type ServerProcess } from './server-process';
import { setupBuilding } from './sim/sim-fleet';
import { settle, snapshotClient, snapshotServer, type Tablet } from './tablet-steps';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const live: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(live.map((s) => s.kill('SIGKILL')));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `npm run <script>` as the README gives it, against `dataDir`. */
function npmScript(script: string, dataDir: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function boot(dataDir: string, port = 0): Promise<ServerProcess> {
  const s = await spawnServer(dataDir, port);
  live.push(s);
  return s;
}

/** Tablet A (its admin, then the desk person) and tablet B (the desk person), enrolled on `baseUrl`. */
const ADMIN_PIN = '135790';

async function enrol(baseUrl: string, setupCode: string | null) {
  // Issue 9 §3: the server hashes the admin's PIN and keeps the proof key.
  const setup = await setupBuilding(
    baseUrl,
    setupCode,
    { name: 'Chan Tai Man', role: 'admin', pin: ADMIN_PIN },
    'Lobby A',
  );
  const dbA = openHandoverDb(`restore-a-${Math.random()}`);
  await saveEnrolment(dbA, setup, 'Lobby A', Date.now());
  // Issue 9 §3: the admin is proven by the key of the PIN typed (salt and cost from the staff list).
  rememberProofKey(setup.adminStaffId, await staffProofKey(baseUrl, setup, setup.adminStaffId, ADMIN_PIN));
  const adminActor = adminActorAt(baseUrl, dbA, setup.adminStaffId);
  const { code } = await adminCreateEnrolmentCode(adminActor, 'desk');
  const enrolB = await postEnrol(baseUrl, { code, deviceName: 'Lobby B' });
  const dbB = openHandoverDb(`restore-b-${Math.random()}`);
  await saveEnrolment(dbB, enrolB, 'Lobby B', Date.now());
  const engineOn = (db: HandoverDb, url: string) => createSyncEngine({ db, baseUrl: url, pushBatch: 100 });
  const admin: Tablet = {
    name: 'A',
    db: dbA,
    engine: engineOn(dbA, baseUrl),
    ctx: await makeWriteContext(dbA, setup.adminStaffId),
  };
  // Issue 9 §3: staff are created online, through the admin API; the desk person's key is the
  // one their PIN gives, as when they sign in.
  const desk = { value: await adminCreateStaff(adminActor, { name: 'Lee Siu Ming', role: 'desk', pin: '2468' }) };
  rememberProofKey(desk.value.id, await proofKeyFor('2468', desk.value.pinHash));
  await rosterNow(admin, desk.value.id);
  expect((await admin.engine.syncNow()).error).toBeNull();
  const a: Tablet = { ...admin, ctx: await makeWriteContext(dbA, desk.value.id) };
  const b: Tablet = {
    name: 'B',
    db: dbB,
    engine: engineOn(dbB, baseUrl),
    ctx: await makeWriteContext(dbB, desk.value.id),
  };
  expect((await b.engine.syncNow()).error).toBeNull();
  return { a, b, engineOn };
}

/** One routine entry on the building's open duty, written through the repository as a tap would. */
async function writeEntry(t: Tablet, cause: string): Promise<string> {
  const duty = await openDuty(t);
  if (!duty) throw new Error(`${t.name} knows no open duty`);
  const r = await createLogEntry(t.db, t.ctx, {
    dutyId: duty.id,
    fields: {
      kind: 'enquiry',
      severity: 'routine',
      status: 'resolved',
      cause,
      process: 'Gave directions',
      result: 'Answered',
      party: '12F',
      contact: '',
      location: 'Lobby',
      occurredAt: Math.max(t.ctx.now() - 60_000, duty.startedAt),
      referredTo: '',
      operationEndedAt: null,
      backdateReason: '',
      channel: null,
      partyType: null,
      unit: '',
      assignedTo: '',
      completedAt: null,
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.id;
}

async function entryIds(db: HandoverDb): Promise<string[]> {
  return (await db.logEntry.toArray()).filter((e) => !e.deleted).map((e) => e.id);
}

describe('restore from a backup behind acknowledged work (issue 9 §1, §2)', () => {
  it('loses nothing: resent ops, both tablets converge, the signed record comes back byte for byte', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'handover-restore-'));
    dirs.push(dataDir);
    const backupFile = join(dataDir, 'before.sqlite');
    let server = await boot(dataDir);
    const enrolled = await enrol(server.baseUrl, server.setupCode);
    const { engineOn } = enrolled;
    let { a, b } = enrolled;

    // `npm run backup -- --out FILE` while the server runs.
    const backup = npmScript('backup', dataDir, ['--out', backupFile]);
    expect(backup.status, backup.out).toBe(0);

    // After the backup: the desk opened on A by a signed record, 200 entries, all acknowledged.
    await openDesk(a);
    const written: string[] = [];
    for (let i = 0; i < 200; i++) written.push(await writeEntry(a, `A before the restore ${i}`));
    expect((await a.engine.syncNow()).error).toBeNull();
    expect(await a.db.outbox.count()).toBe(0);
    const opening = (await a.db.handoverRecord.toArray())[0];
    expect(opening?.kind).toBe('opening');

    // B pulls all of it (its cursor runs past the backup), writes 10 entries, all acknowledged.
    expect((await b.engine.syncNow()).error).toBeNull();
    for (let i = 0; i < 10; i++) written.push(await writeEntry(b, `B before the restore ${i}`));
    expect((await b.engine.syncNow()).error).toBeNull();
    expect(await b.db.outbox.count()).toBe(0);
    const cursorB = (await getMeta(b.db, 'cursor')) ?? 0;
    const openingOnServer = (await snapshotServer(server.baseUrl, b)).rows[`handoverRecord:${opening!.id}`];
    expect(openingOnServer).toBeDefined();
    const generationBefore = await getMeta(a.db, 'generation');

    // The restore: refused while the server runs, done once it has stopped.
    const refused = npmScript('restore', dataDir, [backupFile]);
    expect(refused.status, refused.out).toBe(1);
    expect(refused.out).toMatch(/stop it first/);
    const port = server.port;
    await server.kill('SIGTERM');
    const restored = npmScript('restore', dataDir, [backupFile]);
    expect(restored.status, restored.out).toBe(0);
    server = await boot(dataDir, port);
    const fresh = await snapshotServer(server.baseUrl, b);
    expect(Object.keys(fresh.rows).filter((k) => k.startsWith('logEntry:'))).toEqual([]);
    expect(fresh.rows[`handoverRecord:${opening!.id}`]).toBeUndefined(); // the server lost it
    // B's cursor is past everything the restored server holds.
    const tokenB = (await getMeta(b.db, 'device'))!.token;
    const ahead = await fetch(`${server.baseUrl}/api/v1/sync/pull?cursor=${cursorB}`, {
      headers: { Authorization: `Bearer ${tokenB}` },
    });
    expect(ahead.status).toBe(409);
    expect(((await ahead.json()) as { error: { code: string } }).error.code).toBe('cursor_ahead');
    a = { ...a, engine: engineOn(a.db, server.baseUrl) };
    b = { ...b, engine: engineOn(b.db, server.baseUrl) };

    // A syncs first and also writes 5 entries after the restore; B's cursor is then still ahead of
    // what the server had when it came back.
    for (let i = 0; i < 5; i++) written.push(await writeEntry(a, `A after the restore ${i}`));
    const afterRestore = written.slice(-5);
    expect((await a.engine.syncNow()).error).toBeNull();
    expect(await getMeta(a.db, 'generation')).not.toBe(generationBefore);
    expect((await b.engine.syncNow()).error).toBeNull();
    await settle([a, b]);

    const server1 = await snapshotServer(server.baseUrl, b);
    const serverEntries = Object.keys(server1.rows)
      .filter((k) => k.startsWith('logEntry:'))
      .map((k) => k.slice('logEntry:'.length));
    // 0 lost, every entry once.
    expect(serverEntries.sort()).toEqual([...written].sort());
    expect(new Set(serverEntries).size).toBe(215);
    // Both tablets equal to the server; B received A's entries written after the restore.
    const [snapA, snapB] = [await snapshotClient(a.db), await snapshotClient(b.db)];
    expect(snapA.rows).toEqual(server1.rows);
    expect(snapB.rows).toEqual(server1.rows);
    expect(await entryIds(b.db)).toEqual(expect.arrayContaining(afterRestore));
    // The signed opening the server lost came back byte for byte, and the chain verifies.
    expect(JSON.stringify(server1.rows[`handoverRecord:${opening!.id}`])).toBe(JSON.stringify(openingOnServer));
    const verify = npmScript('verify', dataDir, ['--json']);
    expect(verify.status, verify.out).toBe(0);
    expect((JSON.parse(verify.out) as { ok: boolean }).ok).toBe(true);
  });
});
