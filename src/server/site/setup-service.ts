/**
 * First run (POST /api/v1/setup): the building, its first admin and this browser as its first
 * tablet, in one transaction. `createSite` is the same without the first-run guard: the store
 * holds many buildings of one company even though setup creates only the first.
 *
 * Issue 9 §3, §7 (docs/security.md): setup needs the one-time setup code the server printed on its
 * console, compared in constant time, so a web page elsewhere on the network (even cross-site as
 * `text/plain`) cannot take the server first; the server hashes the admin's PIN itself (v2, at
 * least 600,000 iterations) and keeps the admin's proof key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SetupRequest, SetupResponse } from '../../domain/api';
import { Site, type SiteSettings } from '../../domain/entities';
import { newId } from '../../domain/ids';
import { ApiError } from '../api-error';
import { defaultPinHasher, hashPinFor, type PinHasher, type PinSecrets } from '../auth/pin-service';
import { insertStaff } from '../auth/staff-admin';
import type { Store, StoreTx } from '../store/store';
import type { ServerClock } from '../sync/server-clock';
import { insertServerRow } from '../sync/server-rows';
import { createDevice } from './devices';
import { newEnrolmentCode } from './secrets';

export interface CreatedSite {
  siteId: string;
  adminStaffId: string;
  deviceId: string;
  token: string;
}

/** A building to create: the admin comes with a PIN (hashed here) or with ready-made secrets. */
export interface SiteInput {
  site: SiteSettings;
  admin: { name: string; pin: string } | ({ name: string } & PinSecrets);
  deviceName: string;
}

/** Create a building with its admin and first device. Runs in its own transaction. */
export async function createSite(
  store: Store,
  clock: ServerClock,
  input: SiteInput,
  nowMs: number,
  hasher?: PinHasher,
): Promise<CreatedSite> {
  const secrets = await adminSecrets(input, hasher);
  // A new building: the store-wide lock (its own does not exist yet).
  return store.transaction(null, (tx) => insertSite(tx, clock, input, secrets, nowMs));
}

/** A new one-time setup code: 8 characters of the enrolment-code alphabet (no look-alikes). */
export function newSetupCode(): string {
  return newEnrolmentCode();
}

export const SETUP_CODE_MESSAGE = 'the setup code is missing or wrong; it is printed on the server console';

export interface SetupGuard {
  /** The code printed at start; null when the server made none (a building existed). */
  setupCode: string | null;
  hasher: PinHasher;
}

/**
 * First-run setup: refused with 409 already_set_up once any building exists, and with 403
 * setup_code_invalid unless the request carries the server's setup code.
 */
export async function setupFirstSite(
  store: Store,
  clock: ServerClock,
  req: SetupRequest,
  nowMs: number,
  guard: SetupGuard,
): Promise<SetupResponse> {
  if (!isSetupCode(guard.setupCode, req.setupCode)) throw new ApiError('setup_code_invalid', SETUP_CODE_MESSAGE);
  if (await store.hasAnySite()) throw new ApiError('already_set_up', 'this server already has a building');
  const secrets = await hashPinFor(guard.hasher, 'admin', req.admin.pin);
  const created = await store.transaction(null, async (tx) => {
    // Checked again inside the store-wide write lock: two setups racing past the first check.
    if (await tx.hasAnySite()) throw new ApiError('already_set_up', 'this server already has a building');
    return insertSite(tx, clock, req, secrets, nowMs);
  });
  return {
    siteId: created.siteId,
    deviceId: created.deviceId,
    token: created.token,
    adminStaffId: created.adminStaffId,
    serverTime: nowMs,
  };
}

/** Constant-time comparison of the typed code with the server's (case, spaces and dashes ignored). */
export function isSetupCode(expected: string | null, typed: unknown): boolean {
  if (expected === null || typeof typed !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s.replace(/[\s-]/g, '').toUpperCase(), 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(typed));
}

async function adminSecrets(input: SiteInput, hasher: PinHasher | undefined): Promise<PinSecrets> {
  if ('pin' in input.admin) return hashPinFor(hasher ?? defaultPinHasher, 'admin', input.admin.pin);
  return { pinHash: input.admin.pinHash, proofKey: input.admin.proofKey };
}

async function insertSite(
  store: StoreTx,
  clock: ServerClock,
  input: Pick<SiteInput, 'site' | 'deviceName'> & { admin: { name: string } },
  secrets: PinSecrets,
  nowMs: number,
): Promise<CreatedSite> {
  const siteId = newId();
  // Parsed again as whole rows so a server row can never be one the tablets would refuse.
  const site = Site.omit({ updatedAt: true, deleted: true }).parse({ ...input.site, id: siteId, siteId });
  await insertServerRow(store, clock, 'site', site, nowMs);
  const admin = await insertStaff(store, clock, siteId, { name: input.admin.name, role: 'admin', secrets }, nowMs);
  const device = await createDevice(store, siteId, input.deviceName, nowMs);
  return { siteId, adminStaffId: admin.id, ...device };
}
