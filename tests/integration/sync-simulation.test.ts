/**
 * Two tablets (fake-indexeddb, separate databases) sync through the REAL server process while a
 * seeded fault injector drops requests, loses responses after commit and duplicates requests, and
 * the server is killed with SIGKILL mid-sync and restarted on the same port and data directory.
 * The desk person opens the desk on tablet B before the run (H3, S1) and closes it at the end, under
 * faults, by signed records: the server ends the duty itself and both tablets pull that end.
 * At the end both tablets and a fresh pull from cursor 0 must hold the same rows, and every op of
 * each device must have been applied exactly once (docs/architecture.md "Sync protocol").
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StaffListResponse } from '../../src/domain/api';
import { proofKeyFor } from '../../src/domain/pin';
import { openHandoverDb } from '../../src/client/db/open';
import { createEnrolmentCode } from '../../src/client/sync/actor-request';
import { postEnrol, postSetup, requestJson } from '../../src/client/sync/api-client';
import { saveEnrolment } from '../../src/client/db/repos/device-repo';
import { createStaff } from '../../src/client/db/repos/staff-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { createSyncEngine } from '../../src/client/sync/sync-engine';
import { closeDesk, openDesk, openDuty, rosterNow } from './desk-steps';
import { faultyFetch, prng, type FaultStats } from './fault-fetch';
import { spawnServer, type ServerProcess } from './server-process';
import {
  ACTION,
  resolveOpenMajors,
  runAction,
  settle,
  snapshotClient,
  snapshotServer,
  type Tablet,
  type Tally,
} from './sim-steps';

/** Fixed so a failure replays; printed so a failing CI log names it. */
const SEED = 20_250_602;
const NUM_RUNS = 4;
const ADMIN_PIN = '135790';

const live: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(live.map((s) => s.kill('SIGKILL')));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function bootServer(dataDir: string, port = 0): Promise<ServerProcess> {
  const s = await spawnServer(dataDir, port);
  live.push(s);
  return s;
}

async function enrolTablets(
  run: number,
  baseUrl: string,
  setupCode: string | null,
  stats: FaultStats,
  faultSeed: number,
) {
  const faults = { on: false };
  const random = prng(faultSeed);
  const fetchFn = faultyFetch(random, faults, stats);
  const setup = await postSetup(baseUrl, {
    setupCode: setupCode ?? '',
    site: {
      name: 'Harbour Centre',
      timeZone: 'Asia/Hong_Kong',
      shifts: [{ id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' }],
      incomingLeadMinutes: 5,
      outgoingLeadMinutes: 15,
      retentionDays: 730,
      idleSignOutMinutes: 15,
      localWindowDays: 90,
    },
    // Issue 9 §3: the server hashes the admin's PIN (6 digits at least).
    admin: { name: 'Chan Tai Man', pin: ADMIN_PIN },
    deviceName: 'Lobby A',
  });
  const dbA = openHandoverDb(`sim-${run}-a-${Math.random()}`);
  await saveEnrolment(dbA, setup, 'Lobby A', Date.now());
  // Issue 9 §3: the admin is proven by the key of the PIN they typed (salt and cost from the staff list).
  const staff = StaffListResponse.parse(
    await requestJson(fetch, `${baseUrl}/api/v1/sites/${setup.siteId}/staff`, { method: 'GET', token: setup.token }),
  ).staff.find((s) => s.id === setup.adminStaffId);
  if (!staff) throw new Error('the admin is not in the staff list');
  const actor = {
    baseUrl,
    token: setup.token,
    deviceId: setup.deviceId,
    staffId: setup.adminStaffId,
    proofKey: await proofKeyFor(ADMIN_PIN, staff.pinHash),
    at: Date.now(),
  };
  const { code } = await createEnrolmentCode(actor);
  const enrolB = await postEnrol(baseUrl, { code, deviceName: 'Lobby B' });
  const dbB = openHandoverDb(`sim-${run}-b-${Math.random()}`);
  await saveEnrolment(dbB, enrolB, 'Lobby B', Date.now());

  const make = (db: typeof dbA) => createSyncEngine({ db, baseUrl, fetch: fetchFn, pushBatch: 3, pullLimit: 7 });
  const a: Tablet = { name: 'A', db: dbA, engine: make(dbA), ctx: await makeWriteContext(dbA, setup.adminStaffId) };
  // Tablet A's admin adds a desk person, who works on tablet B.
  const desk = await createStaff(dbA, a.ctx, { name: 'Lee Siu Ming', role: 'desk', pin: '2468' });
  if (!desk.ok) throw new Error('could not create the desk person');
  expect((await a.engine.syncNow()).error).toBeNull();
  // S1: the chief's rota has the desk person on now; they open the desk on tablet B (H3).
  await rosterNow(a, desk.value.id);
  expect((await a.engine.syncNow()).error).toBeNull();
  const b: Tablet = { name: 'B', db: dbB, engine: make(dbB), ctx: await makeWriteContext(dbB, desk.value.id) };
  expect((await b.engine.syncNow()).error).toBeNull();
  await openDesk(b);
  await settle([a, b]);
  faults.on = true;
  return { a, b, faults, random };
}

describe('sync simulation against the real server', () => {
  it('converges with every op applied exactly once despite drops, lost responses, duplicates and a SIGKILL', async () => {
    console.log(`sync simulation: fast-check seed ${SEED}, ${NUM_RUNS} runs`);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(ACTION, { minLength: 30, maxLength: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer(),
        async (actions, killAtPermille, faultSeed) => {
          run++;
          const dataDir = mkdtempSync(join(tmpdir(), 'handover-sim-'));
          dirs.push(dataDir);
          let server = await bootServer(dataDir);
          const stats: FaultStats = { dropped: 0, lost: 0, duplicated: 0, passed: 0 };
          const { a, b, faults, random } = await enrolTablets(run, server.baseUrl, server.setupCode, stats, faultSeed);
          const tally: Tally = { entries: 0, amendments: 0 };
          const killAt = Math.floor((killAtPermille / 1000) * actions.length);
          const restartAt = Math.min(actions.length, killAt + 3);
          let down = false;
          try {
            for (let i = 0; i <= actions.length; i++) {
              if (i === killAt) {
                // Kill the server in the middle of a sync, after a random short delay.
                const inFlight = (random() < 0.5 ? a : b).engine.syncNow();
                await new Promise((r) => setTimeout(r, Math.floor(random() * 25)));
                await server.kill('SIGKILL');
                down = true;
                await inFlight;
              }
              if (i === restartAt && down) {
                server = await bootServer(dataDir, server.port);
                down = false;
              }
              const action = actions[i];
              if (action) await runAction(action, [a, b], tally);
            }
            if (down) server = await bootServer(dataDir, server.port);
            faults.on = false;
            await settle([a, b]);

            // H11(a), H3: the desk person clears the gate and closes the desk; the closing is sent
            // under faults again, then everything settles.
            await resolveOpenMajors(b, tally);
            await settle([a, b]);
            const duty = await openDuty(b);
            if (!duty) throw new Error('tablet B knows no open duty to close');
            faults.on = true;
            const closing = await closeDesk(b, duty);
            await b.engine.syncNow(); // may fail under faults; settle retries
            faults.on = false;
            await settle([a, b]);

            const [ca, cb, srv] = await Promise.all([
              snapshotClient(a.db),
              snapshotClient(b.db),
              snapshotServer(server.baseUrl, a),
            ]);
            expect(ca.rows).toEqual(srv.rows);
            expect(cb.rows).toEqual(srv.rows);
            for (const c of [ca, cb]) {
              expect(c.outbox).toBe(0);
              expect(c.ackedThrough).toBe(c.counter);
            }
            const count = (t: string) => Object.keys(srv.rows).filter((k) => k.startsWith(`${t}:`)).length;
            expect(count('logEntry')).toBe(tally.entries);
            expect(count('logAmendment')).toBe(tally.amendments);
            expect(count('duty')).toBe(1);
            expect(count('handoverRecord')).toBe(2);
            // The server ended the duty at the closing; both tablets hold that end (compared above).
            expect(srv.rows[`duty:${duty.id}`]?.row['endedAt']).toBe(closing.signedAt);
            expect(count('syncError')).toBe(0);
          } catch (e) {
            console.error(`run ${run} failed; faults ${JSON.stringify(stats)}; server log:\n${server.tail()}`);
            throw e;
          } finally {
            await server.kill('SIGKILL');
            a.db.close();
            b.db.close();
          }
          console.log(
            `run ${run}: ${actions.length} actions, ${JSON.stringify(tally)}, faults ${JSON.stringify(stats)}`,
          );
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
    );
  });
});
