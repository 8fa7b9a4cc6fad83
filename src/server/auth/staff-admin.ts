/**
 * Issue 9 §3, §6: staff and building settings change only online, written by the server itself
 * (ops on `staff` and `site` are refused `online_only`). Each write goes into `rows` with its
 * field versions bumped, so every tablet of the building pulls it like any other change
 * (server-rows.ts); a new PIN's proof key goes to `staff_keys` in the same transaction.
 */
import { parseHlc } from '../../domain/hlc';
import type { AdminUpdateStaffRequest, AdminSiteRequest } from '../../domain/api';
import { Site, Staff, type Role, type SyncTable } from '../../domain/entities';
import { newId } from '../../domain/ids';
import { ApiError } from '../api-error';
import type { StoredRow, StoreReads, StoreTx } from '../store/store';
import type { ServerClock } from '../sync/server-clock';
import { insertServerRow } from '../sync/server-rows';
import { assertStorable, type PinSecrets } from './pin-service';

export interface NewStaff {
  name: string;
  role: Role;
  secrets: PinSecrets;
  /** Issue 10 §1: the first row of the same person in another building (company-service.ts). */
  personId?: string;
}

/** Insert an active person with a v2 PIN hash and store their proof key (caller's transaction). */
export async function insertStaff(
  store: StoreTx,
  clock: ServerClock,
  siteId: string,
  input: NewStaff,
  nowMs: number,
): Promise<Staff> {
  assertStorable(input.secrets);
  const id = newId();
  const row = Staff.omit({ updatedAt: true, deleted: true }).parse({
    id,
    siteId,
    name: input.name,
    role: input.role,
    pinHash: input.secrets.pinHash,
    active: true,
    ...(input.personId === undefined ? {} : { personId: input.personId }),
  });
  const full = await insertServerRow(store, clock, 'staff', row, nowMs);
  await store.putStaffKey(siteId, id, input.secrets.proofKey, nowMs);
  return full as Staff;
}

/** A live staff row of the building, or 404 (another building's id answers the same). */
export async function staffRowOf(store: StoreReads, siteId: string, staffId: string): Promise<StoredRow<'staff'>> {
  const found = await store.getRow(siteId, 'staff', staffId);
  if (!found || found.deleted) throw new ApiError('not_found', 'no such staff member');
  return found;
}

/**
 * Change a person's name, role or active flag. §9: deactivation records `deactivatedAt` (server
 * time), so their entries made before it are still accepted; reactivation clears it.
 */
export async function updateStaff(
  store: StoreTx,
  clock: ServerClock,
  siteId: string,
  staffId: string,
  patch: AdminUpdateStaffRequest,
  nowMs: number,
): Promise<Staff> {
  const existing = await staffRowOf(store, siteId, staffId);
  const fields: Record<string, unknown> = {};
  if (patch.name !== undefined) fields['name'] = patch.name;
  if (patch.role !== undefined) fields['role'] = patch.role;
  if (patch.active !== undefined && patch.active !== existing.row.active) {
    fields['active'] = patch.active;
    fields['deactivatedAt'] = patch.active ? null : nowMs;
  }
  return (await patchServerRow(store, clock, existing, fields, nowMs, Staff)) as Staff;
}

/** A new PIN for a person: new hash and proof key; their server-side lockout is reset. */
export async function setStaffPin(
  store: StoreTx,
  clock: ServerClock,
  siteId: string,
  staffId: string,
  secrets: PinSecrets,
  nowMs: number,
): Promise<Staff> {
  assertStorable(secrets);
  const existing = await staffRowOf(store, siteId, staffId);
  const written = (await patchServerRow(store, clock, existing, { pinHash: secrets.pinHash }, nowMs, Staff)) as Staff;
  await store.putStaffKey(siteId, staffId, secrets.proofKey, nowMs);
  return written;
}

/** Change the building's settings (any subset); the whole row is checked by the Site schema. */
export async function updateSite(
  store: StoreTx,
  clock: ServerClock,
  siteId: string,
  patch: AdminSiteRequest,
  nowMs: number,
): Promise<Record<string, unknown>> {
  const existing = await store.getRow(siteId, 'site', siteId);
  if (!existing || existing.deleted) throw new ApiError('not_found', 'no such building');
  return patchServerRow(store, clock, existing, { ...patch }, nowMs, Site);
}

interface RowSchema {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown } };
}

/**
 * Write `fields` over a stored row, bumping the version of each changed field and of updatedAt,
 * so a tablet's older patch of the same field loses to it (docs/architecture.md "Conflicts").
 */
async function patchServerRow<T extends 'staff' | 'site'>(
  store: StoreTx,
  clock: ServerClock,
  existing: StoredRow<T>,
  fields: Record<string, unknown>,
  nowMs: number,
  schema: RowSchema,
): Promise<Record<string, unknown>> {
  const stored: Record<string, unknown> = existing.row;
  const changed = Object.entries(fields).filter(([k, v]) => JSON.stringify(stored[k]) !== JSON.stringify(v));
  if (changed.length === 0) return stored;
  // Issue 10 §4: stamped after the version it replaces, whichever server process wrote that one.
  const previous = parseHlc(existing.updatedHlc);
  if (previous) clock.observe(previous, nowMs);
  const updatedAt = clock.next(nowMs);
  const row: Record<string, unknown> = { ...existing.row, ...Object.fromEntries(changed), updatedAt };
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    throw new ApiError('bad_request', 'the change would make an invalid row', parsed.error.issues);
  }
  const versions = { ...existing.versions };
  for (const [k] of [...changed, ['updatedAt']]) versions[k as string] = (versions[k as string] ?? 0) + 1;
  await store.writeRow<SyncTable>({
    siteId: existing.siteId,
    table: existing.table,
    id: existing.id,
    row: parsed.data as Record<string, unknown>,
    versions,
    updatedHlc: updatedAt,
    deleted: false,
    receivedAt: nowMs,
  });
  return parsed.data as Record<string, unknown>;
}
