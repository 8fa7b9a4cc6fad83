/**
 * Issue 10 §1: a company above its buildings. One server holds every building of one company; each
 * building keeps its own staff, items, rota, tablets and hash chain. A person who works in several
 * buildings (a manager or section chief who covers them, the company's admin) has one staff row per
 * building, so every building's records, chain and tablets stay whole on their own; the rows after
 * the first name the first one in `personId`, and the server keeps their PIN and name the same.
 *
 * - An admin creates a building and becomes its first admin (`createBuilding`).
 * - An admin assigns a chief, manager or admin of their building to another building they also
 *   administer (`assignToBuilding`); a desk person belongs to one building.
 * - A person's buildings, with each one's figures side by side (`buildingsOfPerson`,
 *   `buildingFigures`), for the office overview.
 * - An office device opens another building of the signed-in person (`openBuildingOnDevice`): a
 *   device row of that building (kind office), so that building's pull and push stay scoped to it.
 *   A desk tablet belongs to one building and receives nothing of the others.
 *
 * Finding a person's rows reads each building's staff by `personId`: one query per building, on
 * online admin and office requests only (never on sync).
 */
import { MULTI_BUILDING_ROLES, REVIEW_DAYS_SHOWN } from '../../domain/api';
import type { BuildingFigures, BuildingSummary, CreateBuildingRequest, EnrolResponse } from '../../domain/api';
import { dayKeyOf, shiftDayKey } from '../../domain/building-day';
import { Site, SiteSettings, isValidTimeZone, type Staff } from '../../domain/entities';
import { newId } from '../../domain/ids';
import { reviewQueue } from '../../domain/review-queue';
import { ApiError } from '../api-error';
import { insertStaff } from '../auth/staff-admin';
import type { DeviceRecord, StoredRow, StoreReads, StoreTx } from '../store/store';
import type { ServerClock } from '../sync/server-clock';
import { insertServerRow } from '../sync/server-rows';
import { createDevice } from './devices';

export { MULTI_BUILDING_ROLES };

/** The person a staff row is: the first row's id (its own when it is the first). */
export function personIdOf(row: Pick<Staff, 'id' | 'personId'>): string {
  return row.personId ?? row.id;
}

/** A building name as people compare them: NFKC, trimmed, spaces collapsed, case folded. */
export function buildingNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** Every live staff row of the person, in every building of the company. */
export async function rowsOfPerson(store: StoreReads, personId: string): Promise<StoredRow<'staff'>[]> {
  const found: StoredRow<'staff'>[] = [];
  for (const siteId of await store.listSiteIds()) {
    const first = await store.getRow(siteId, 'staff', personId);
    if (first && !first.deleted) found.push(first);
    found.push(...(await store.listLiveRowsWhere(siteId, 'staff', 'personId', personId)));
  }
  return found;
}

/** The person's other live rows (the same person in the company's other buildings). */
export async function otherRowsOfPerson(store: StoreReads, row: StoredRow<'staff'>): Promise<StoredRow<'staff'>[]> {
  return (await rowsOfPerson(store, personIdOf(row.row))).filter((r) => r.siteId !== row.siteId);
}

/** The building's settings row, or 404. */
async function siteRowOf(store: StoreReads, siteId: string): Promise<StoredRow<'site'>> {
  const site = await store.getRow(siteId, 'site', siteId);
  if (!site || site.deleted) throw new ApiError('not_found', 'no such building');
  return site;
}

/** The buildings a person works in (active rows only), by name, optionally with their figures. */
export async function buildingsOfPerson(
  store: StoreReads,
  me: StoredRow<'staff'>,
  opts: { figuresAt?: number } = {},
): Promise<BuildingSummary[]> {
  const rows = (await rowsOfPerson(store, personIdOf(me.row))).filter((r) => r.row.active);
  const out: BuildingSummary[] = [];
  for (const r of rows) {
    const site = await siteRowOf(store, r.siteId);
    out.push({
      siteId: r.siteId,
      name: site.row.name,
      timeZone: site.row.timeZone,
      staffId: r.id,
      role: r.row.role,
      ...(opts.figuresAt === undefined ? {} : { figures: await buildingFigures(store, r.siteId, opts.figuresAt) }),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant') || a.siteId.localeCompare(b.siteId));
}

/** The acting admin's live, active admin row in `siteId`, or 403. */
async function adminRowIn(store: StoreReads, actor: StoredRow<'staff'>, siteId: string): Promise<StoredRow<'staff'>> {
  const rows = await rowsOfPerson(store, personIdOf(actor.row));
  const there = rows.find((r) => r.siteId === siteId && r.row.active && r.row.role === 'admin');
  if (!there) throw new ApiError('forbidden', 'you are not an admin of that building');
  return there;
}

/**
 * Issue 10 §1: a PIN reset or a rename of a person who works in several buildings writes their rows
 * in all of them, so the acting admin must administer every one of those buildings (403 otherwise:
 * an admin of one building never changes who can sign in as a manager elsewhere).
 */
export async function assertAdministersAll(
  store: StoreReads,
  actorSiteId: string,
  actorStaffId: string,
  rows: readonly StoredRow<'staff'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const actor = await liveStaff(store, actorSiteId, actorStaffId);
  for (const r of rows) {
    try {
      await adminRowIn(store, actor, r.siteId);
    } catch {
      throw new ApiError(
        'forbidden',
        'this person also works in a building you do not administer; an admin of every one of their buildings must make this change',
      );
    }
  }
}

export interface Acting {
  /** The building of the device the request came from. */
  siteId: string;
  deviceId: string;
  staffId: string;
}

/** Issue 10 §1: a new building of the company, its settings copied from the admin's, the admin its first admin. */
export async function createBuilding(
  tx: StoreTx,
  clock: ServerClock,
  acting: Acting,
  req: CreateBuildingRequest,
  nowMs: number,
): Promise<BuildingSummary> {
  const actor = await liveStaff(tx, acting.siteId, acting.staffId);
  const proofKey = (await tx.getStaffKey(acting.siteId, acting.staffId))?.proofKey ?? null;
  if (proofKey === null) throw new ApiError('conflict', 'set your PIN again before creating a building');
  if (req.timeZone !== undefined && !isValidTimeZone(req.timeZone)) {
    throw new ApiError('bad_request', `unknown time zone ${req.timeZone}`, { field: 'timeZone' });
  }
  const key = buildingNameKey(req.name);
  for (const siteId of await tx.listSiteIds()) {
    const site = await tx.getRow(siteId, 'site', siteId);
    if (site && !site.deleted && buildingNameKey(site.row.name) === key) {
      throw new ApiError('building_name_taken', `a building is already called ${site.row.name}`, { field: 'name' });
    }
  }
  const template = await siteRowOf(tx, acting.siteId);
  const settings = SiteSettings.parse({
    ...pickSettings(template.row),
    name: req.name,
    ...(req.timeZone === undefined ? {} : { timeZone: req.timeZone }),
  });
  const siteId = newId();
  const site = Site.omit({ updatedAt: true, deleted: true }).parse({ ...settings, id: siteId, siteId });
  await insertServerRow(tx, clock, 'site', site, nowMs);
  const admin = await insertStaff(
    tx,
    clock,
    siteId,
    {
      name: actor.row.name,
      role: 'admin',
      secrets: { pinHash: actor.row.pinHash, proofKey },
      personId: personIdOf(actor.row),
    },
    nowMs,
  );
  await tx.insertAdminAction({ ...record(acting, 'building.create', siteId), at: nowMs });
  await tx.insertAdminAction({
    siteId,
    deviceId: acting.deviceId,
    staffId: admin.id,
    action: 'building.create',
    target: siteId,
    at: nowMs,
  });
  return { siteId, name: site.name, timeZone: site.timeZone, staffId: admin.id, role: 'admin' };
}

/**
 * Issue 10 §1: the person `staffId` of the admin's building also works in `targetSiteId`, with the
 * same name, role and PIN. Refused for desk staff, for a building the admin does not administer
 * (or that is not the company's), and for a person already in that building's staff list.
 */
export async function assignToBuilding(
  tx: StoreTx,
  clock: ServerClock,
  acting: Acting,
  staffId: string,
  targetSiteId: string,
  nowMs: number,
): Promise<StoredRow<'staff'>> {
  const actor = await liveStaff(tx, acting.siteId, acting.staffId);
  const person = await liveStaff(tx, acting.siteId, staffId);
  if (!MULTI_BUILDING_ROLES.includes(person.row.role)) {
    throw new ApiError('bad_request', 'desk staff work in one building; add them to the other building’s staff list', {
      field: 'staffId',
    });
  }
  if (!person.row.active) throw new ApiError('conflict', 'this person is not active');
  if (targetSiteId === acting.siteId)
    throw new ApiError('already_assigned', 'the person already works in this building');
  await siteRowOf(tx, targetSiteId);
  const targetAdmin = await adminRowIn(tx, actor, targetSiteId);
  const already = (await rowsOfPerson(tx, personIdOf(person.row))).find((r) => r.siteId === targetSiteId);
  if (already) {
    throw new ApiError(
      'already_assigned',
      already.row.active
        ? 'the person already works in that building'
        : 'the person is in that building’s staff list but inactive; make them active there',
    );
  }
  const proofKey = (await tx.getStaffKey(acting.siteId, staffId))?.proofKey ?? null;
  if (proofKey === null) throw new ApiError('conflict', 'set this person’s PIN again before assigning them');
  const written = await insertStaff(
    tx,
    clock,
    targetSiteId,
    {
      name: person.row.name,
      role: person.row.role,
      secrets: { pinHash: person.row.pinHash, proofKey },
      personId: personIdOf(person.row),
    },
    nowMs,
  );
  await tx.insertAdminAction({ ...record(acting, 'staff.assign', staffId), at: nowMs });
  await tx.insertAdminAction({
    siteId: targetSiteId,
    deviceId: acting.deviceId,
    staffId: targetAdmin.id,
    action: 'staff.assign',
    target: written.id,
    at: nowMs,
  });
  const stored = await tx.getRow(targetSiteId, 'staff', written.id);
  if (!stored) throw new Error('the assigned staff row was not stored');
  return stored;
}

/** What an office device gets when it opens another building: that building's device and token. */
export type OpenedBuilding = EnrolResponse & { staffId: string };

/**
 * Issue 10 §1: the person signed in on an office device opens another building of theirs on it.
 * The device of that building is recorded in its admin log and listed (and revocable) there.
 */
export async function openBuildingOnDevice(
  tx: StoreTx,
  device: DeviceRecord,
  me: StoredRow<'staff'>,
  targetSiteId: string,
  nowMs: number,
): Promise<OpenedBuilding> {
  if (device.kind !== 'office') throw new ApiError('forbidden', 'only an office device opens other buildings');
  await siteRowOf(tx, targetSiteId);
  const there = (await rowsOfPerson(tx, personIdOf(me.row))).find(
    (r) => r.siteId === targetSiteId && r.row.active && MULTI_BUILDING_ROLES.includes(r.row.role),
  );
  if (!there) throw new ApiError('forbidden', 'you do not work in that building');
  const created = await createDevice(tx, targetSiteId, device.name, nowMs, 'office');
  await tx.insertAdminAction({
    siteId: targetSiteId,
    deviceId: created.deviceId,
    staffId: there.id,
    action: 'device.open',
    target: device.id,
    at: nowMs,
  });
  return {
    siteId: targetSiteId,
    deviceId: created.deviceId,
    token: created.token,
    serverTime: nowMs,
    deviceKind: 'office',
    staffId: there.id,
  };
}

/**
 * One building's figures for the office overview, as of `nowMs` in the building's zone: the review
 * queue (O1: days over with records and no review; overdue after a working day), open escalations
 * (D2 to the chief unacknowledged, D3 to the manager undecided), swaps waiting for the manager (S1),
 * today's open entries and yesterday's daily reports (O2). The same definitions as the tablet's own queues (review-queries.ts,
 * escalation-queries.ts, home-queries.ts).
 */
export async function buildingFigures(store: StoreReads, siteId: string, nowMs: number): Promise<BuildingFigures> {
  const site = await siteRowOf(store, siteId);
  const tz = site.row.timeZone;
  const live = async <T extends Parameters<StoreReads['listRows']>[1]>(table: T) =>
    (await store.listRows(siteId, table)).filter((r) => !r.deleted).map((r) => r.row);
  const [entries, duties, records, escalations, reviews, swaps, reports] = await Promise.all([
    live('logEntry'),
    live('duty'),
    live('handoverRecord'),
    live('escalation'),
    live('dayReview'),
    store.listLiveRowsWhere(siteId, 'swapRequest', 'status', 'confirmed'),
    live('dailyReport'),
  ]);
  const today = dayKeyOf(nowMs, tz);
  const days = [
    ...entries.map((e) => dayKeyOf(e.occurredAt, tz)),
    ...records.map((r) => dayKeyOf(r.signedAt, tz)),
    ...escalations.map((x) => dayKeyOf(x.sentAt, tz)),
    ...duties.map((d) => dayKeyOf(d.startedAt, tz)),
  ];
  const queue = reviewQueue(days, new Set(reviews.map((r) => r.day)), today);
  const awaiting = queue.filter((q) => !q.reviewed && !q.current);
  return {
    awaitingReview: awaiting.length,
    overdueReview: awaiting.filter((q) => q.overdue).length,
    reviewDays: awaiting.slice(0, REVIEW_DAYS_SHOWN).map((q) => ({ day: q.day, overdue: q.overdue })),
    escalationsToChief: escalations.filter((x) => x.level === 'chief' && x.acknowledgedBy === null).length,
    escalationsToManager: escalations.filter((x) => x.level === 'manager' && x.decidedAt === null).length,
    swapsAwaitingApproval: swaps.length,
    openEntriesToday: entries.filter((e) => e.status === 'open' && dayKeyOf(e.occurredAt, tz) === today).length,
    dailyReportsYesterday: reports.filter((r) => r.day === shiftDayKey(today, -1)).length,
  };
}

async function liveStaff(store: StoreReads, siteId: string, staffId: string): Promise<StoredRow<'staff'>> {
  const row = await store.getRow(siteId, 'staff', staffId);
  if (!row || row.deleted) throw new ApiError('not_found', 'no such staff member');
  return row;
}

function pickSettings(site: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(SiteSettings.shape);
  return Object.fromEntries(Object.entries(site).filter(([k]) => keys.includes(k)));
}

function record(acting: Acting, action: string, target: string) {
  return { siteId: acting.siteId, deviceId: acting.deviceId, staffId: acting.staffId, action, target };
}
