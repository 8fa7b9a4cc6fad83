/**
 * The fleet of the fault simulation (issue 9 §10): five desk tablets and an office browser, each the
 * real client (sync engine, repositories) on its own fake-indexeddb database, with its clock skewed
 * by up to ±3 days. One tablet runs two tabs (two engines, two connections to one database, no Web
 * Locks). A tablet can be killed (its connections dropped mid-sync) and reopened from its database.
 *
 * The setup adapter (`setupBuilding`, `addStaff`, `signInEveryone`) is the one place that knows how
 * first-run setup, staff creation and op signing are done, so the issue 9 contract's final shapes
 * (setup code, admin API, proof keys) switch in here.
 */
import { ADMIN_PATHS, AdminStaffResponse, type SetupRequest } from '../../../src/domain/api';
import type { Role } from '../../../src/domain/entities';
import { proofKeyFor } from '../../../src/domain/pin';
import { openHandoverDb } from '../../../src/client/db/open';
import { saveEnrolment } from '../../../src/client/db/repos/device-repo';
import { makeWriteContext, type WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { rememberProofKey } from '../../../src/client/state/proof-keys';
import { requestJsonAs } from '../../../src/client/sync/actor-request';
import { adminCreateEnrolmentCode } from '../../../src/client/sync/admin-client';
import { postEnrol, postSetup } from '../../../src/client/sync/api-client';
import { personBase } from '../../../src/client/sync/person-request';
import { createSyncEngine, type SyncEngine } from '../../../src/client/sync/sync-engine';
import { adminActorAt } from '../../support/admin-actor';
import { staffProofKey } from '../../support/staff-keys';
import type { SimNet } from './sim-net';

const DAY = 86_400_000;

export interface Person {
  id: string;
  name: string;
  role: Role;
  pin: string;
}

/** One tab: a connection to the tablet's database and the engine that syncs it. */
export interface Tab {
  db: HandoverDb;
  engine: SyncEngine;
}

export interface Tablet {
  name: string;
  kind: 'desk' | 'office';
  dbName: string;
  deviceId: string;
  /** The tablet clock's error (issue 9 §10: up to ±3 days). */
  skewMs: number;
  tabs: Tab[];
  /** Times this tablet was killed and reopened. */
  reopened: number;
}

export interface Fleet {
  tablets: Tablet[];
  people: Record<'admin' | 'chief' | 'manager' | 'desk1' | 'desk2', Person>;
  baseUrl: () => string;
  net: SimNet;
}

/** The tablet's own clock (skewed). */
export const clockOf = (t: Tablet) => () => Date.now() + t.skewMs;

/** The write context of `person` on tab `tab` of `t`, as a screen builds it after sign-in. */
export function ctxOf(t: Tablet, person: Person, tab = 0): Promise<WriteContext> {
  return makeWriteContext(t.tabs[tab]!.db, person.id, clockOf(t));
}

function openTab(fleet: Pick<Fleet, 'baseUrl' | 'net'>, t: Tablet): Tab {
  const db = openHandoverDb(t.dbName);
  // Small batches and pages, so one sync is many requests and faults land between them.
  const engine = createSyncEngine({
    db,
    baseUrl: fleet.baseUrl(),
    fetch: fleet.net.fetchFor(t.name, () => t.deviceId),
    now: clockOf(t),
    pushBatch: 25,
    pullLimit: 200,
    photoDownloads: 2,
  });
  return { db, engine };
}

/**
 * Kills the tablet (every tab's connection closed at once, whatever it was doing) and opens it
 * again from its database, as a restarted browser would.
 */
export function reopen(fleet: Pick<Fleet, 'baseUrl' | 'net'>, t: Tablet): void {
  const tabs = t.tabs.length;
  for (const tab of t.tabs) tab.db.close();
  t.tabs = Array.from({ length: tabs }, () => openTab(fleet, t));
  t.reopened++;
}

/** First-run setup with the code the server logged and the admin's PIN, which the server hashes (issue 9 §3). */
export async function setupBuilding(
  baseUrl: string,
  setupCode: string | null,
  admin: Omit<Person, 'id'>,
  deviceName = 'Lobby 1',
) {
  const body: SetupRequest = {
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
    admin: { name: admin.name, pin: admin.pin },
    deviceName,
  };
  return postSetup(baseUrl, body);
}

/** Adds a person through the admin API (issue 9 §3), in the admin's name from tablet `t`. */
export async function addStaff(fleet: Fleet, t: Tablet, person: Omit<Person, 'id'>): Promise<Person> {
  const body = await adminRequest(fleet, t, 'POST', ADMIN_PATHS.staff, person);
  return { ...person, id: AdminStaffResponse.parse(body).staff.id };
}

/**
 * An admin action (issue 9 §3) in the admin's name from tablet `t`, with the request proof; the
 * time is the tablet's skewed clock corrected by the offset it learned, as on a real tablet.
 */
export async function adminRequest(fleet: Fleet, t: Tablet, method: 'POST' | 'PATCH', path: string, body: unknown) {
  const admin = await personBase(t.tabs[0]!.db, fleet.people.admin.id, clockOf(t));
  return requestJsonAs({ ...admin, baseUrl: fleet.baseUrl(), method, path, body });
}

/**
 * Every person signs in: their proof key (issue 9 §3) is remembered for this realm, so the
 * repositories sign their ops once the auth-client slice makes them. The PIN hash is read from any
 * tablet that holds it (the server withholds some from desk tablets).
 */
export async function signInEveryone(fleet: Fleet): Promise<void> {
  for (const p of Object.values(fleet.people)) {
    for (const t of fleet.tablets) {
      const stored = (await t.tabs[0]!.db.staff.get(p.id))?.pinHash;
      if (stored?.hash === undefined) continue;
      rememberProofKey(p.id, await proofKeyFor(p.pin, stored));
      break;
    }
  }
}

/** Enrols tablet `name` of `kind` with a code the admin makes on the first tablet. */
async function enrol(fleet: Fleet, name: string, kind: 'desk' | 'office', skewMs: number) {
  const first = fleet.tablets[0]!;
  const admin = adminActorAt(fleet.baseUrl(), first.tabs[0]!.db, fleet.people.admin.id, clockOf(first));
  const { code } = await adminCreateEnrolmentCode(admin, kind);
  const res = await postEnrol(fleet.baseUrl(), { code, deviceName: name });
  const t: Tablet = {
    name,
    kind,
    dbName: `sim-${name}-${Math.random()}`,
    deviceId: res.deviceId,
    skewMs,
    tabs: [],
    reopened: 0,
  };
  t.tabs = [openTab(fleet, t)];
  await saveEnrolment(t.tabs[0]!.db, res, name, clockOf(t)());
  return t;
}

/** Sets up the building, enrols the fleet, adds its people; the first desk tablet gets two tabs. */
export async function buildFleet(
  net: SimNet,
  baseUrl: () => string,
  setupCode: string | null,
  random: () => number,
): Promise<Fleet> {
  const admin = { name: 'Wong Chi Keung', role: 'admin' as const, pin: '999999' };
  const setup = await setupBuilding(baseUrl(), setupCode, admin);
  const skew = () => Math.round((random() * 2 - 1) * 3 * DAY);
  const fleet: Fleet = { tablets: [], people: {} as Fleet['people'], baseUrl, net };
  fleet.people.admin = { ...admin, id: setup.adminStaffId };
  const first: Tablet = {
    name: 'desk1',
    kind: 'desk',
    dbName: `sim-desk1-${Math.random()}`,
    deviceId: setup.deviceId,
    skewMs: skew(),
    tabs: [],
    reopened: 0,
  };
  first.tabs = [openTab(fleet, first)];
  await saveEnrolment(first.tabs[0]!.db, setup, 'desk1', clockOf(first)());
  fleet.tablets.push(first);
  // The first tablet pulls the building, as before anyone signs in on it. The admin types their
  // PIN: the key comes from the salt and cost the staff list gives (a desk tablet holds no admin
  // hash, so this is the online sign-in's derivation, issue 9 §3).
  await first.tabs[0]!.engine.syncNow();
  rememberProofKey(setup.adminStaffId, await staffProofKey(baseUrl(), setup, setup.adminStaffId, admin.pin));
  for (let i = 2; i <= 5; i++) fleet.tablets.push(await enrol(fleet, `desk${i}`, 'desk', skew()));
  fleet.tablets.push(await enrol(fleet, 'office', 'office', skew()));
  // Issue 9 §10: two tabs of one tablet, each its own engine on the one database.
  first.tabs.push(openTab(fleet, first));

  await first.tabs[0]!.engine.syncNow();
  await signInEveryone(fleet);
  fleet.people.chief = await addStaff(fleet, first, { name: 'Chan Kwok Wah', role: 'chief', pin: '777777' });
  fleet.people.manager = await addStaff(fleet, first, { name: 'Leung Mei Ling', role: 'manager', pin: '888888' });
  fleet.people.desk1 = await addStaff(fleet, first, { name: 'Lee Ka Yan', role: 'desk', pin: '1111' });
  fleet.people.desk2 = await addStaff(fleet, first, { name: 'Cheung Wai Ming', role: 'desk', pin: '2222' });
  for (const t of fleet.tablets) {
    const synced = await t.tabs[0]!.engine.syncNow();
    if (synced.error !== null) throw new Error(`${t.name} could not sync the staff: ${synced.error}`);
  }
  await signInEveryone(fleet);
  return fleet;
}
