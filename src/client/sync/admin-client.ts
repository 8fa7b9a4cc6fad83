/**
 * Issue 9 §3, §6: the admin's actions, made online only. Each request carries the device token and
 * the admin's proof headers (actor-request.ts), keyed by the proof key remembered when the admin
 * typed their PIN in this page and timed by server-corrected time (T1). Nothing is queued: the
 * server writes the row and the tablet gets it with its next pull (the screens trigger one).
 */
import { z } from 'zod';
import {
  ADMIN_PATHS,
  AdminStaffResponse,
  BuildingListResponse,
  BuildingSummary,
  CreateEnrolmentCodeResponse,
  DeviceListResponse,
  type AdminCreateStaffRequest,
  type AdminSiteRequest,
  type AdminUpdateStaffRequest,
  type DeviceKind,
  type DeviceSummary,
} from '../../domain/api';
import type { Staff } from '../../domain/entities';
import type { HandoverDb } from '../db/schema';
import { requestJsonAs, type ActorRequest } from './actor-request';
import { parseBody } from './api-client';
import { personBase } from './person-request';

/** The path of enrolment codes; since issue 9 the admin is named by the proof headers. */
export const ENROLMENT_CODES_PATH = '/api/v1/enrolment-codes';

/** Who acts and from which tablet's database. */
export interface AdminActor {
  db: HandoverDb;
  /** The signed-in admin; their PIN must have been typed in this page (proof-keys.ts). */
  staffId: string;
  fetchFn?: typeof fetch;
  /** The clock the learned offset corrects (personBase); a simulated tablet's is skewed. */
  deviceNow?: () => number;
}

/** A 2xx answer whose body the screens do not need: only the time is read, when given. */
const Ack = z.object({ serverTime: z.number().optional() });

export async function send(
  actor: AdminActor,
  method: ActorRequest['method'],
  path: string,
  body?: unknown,
): Promise<unknown> {
  // ProofKeyMissingError when the page was reloaded since the admin signed in: sign in again. The
  // time is server-corrected (T1): the server checks it within REQUEST_PROOF_WINDOW_MS of its clock.
  const request: ActorRequest = {
    ...(await personBase(actor.db, actor.staffId, actor.deviceNow)),
    method,
    path,
    ...(body === undefined ? {} : { body }),
  };
  return actor.fetchFn ? requestJsonAs(request, actor.fetchFn) : requestJsonAs(request);
}

/**
 * POST a new person; the server hashes the PIN (400 `weak_pin` when too short for the role).
 * @returns the row as the server wrote it.
 * @throws NetworkError offline; ApiRequestError (403 actor_unproven, 429 locked_out, 400 weak_pin...);
 * ProofKeyMissingError when the admin must sign in again.
 */
export async function adminCreateStaff(actor: AdminActor, request: AdminCreateStaffRequest): Promise<Staff> {
  const res = await send(actor, 'POST', ADMIN_PATHS.staff, request);
  return parseBody(AdminStaffResponse, res, 'create staff').staff;
}

/** PATCH a person's name, role or active flag. @returns the row as written. @throws as adminCreateStaff. */
export async function adminUpdateStaff(
  actor: AdminActor,
  staffId: string,
  request: AdminUpdateStaffRequest,
): Promise<Staff> {
  const res = await send(actor, 'PATCH', ADMIN_PATHS.staffOne(staffId), request);
  return parseBody(AdminStaffResponse, res, 'update staff').staff;
}

/** POST a new PIN for a person (the server hashes it and lifts their lockout). @throws as adminCreateStaff. */
export async function adminSetPin(actor: AdminActor, staffId: string, pin: string): Promise<void> {
  const res = await send(actor, 'POST', ADMIN_PATHS.staffPin(staffId), { pin });
  parseBody(Ack, res ?? {}, 'PIN reset');
}

/** PATCH some of the building's settings (only the fields that changed). @throws as adminCreateStaff. */
export async function adminUpdateSite(actor: AdminActor, patch: AdminSiteRequest): Promise<void> {
  const res = await send(actor, 'PATCH', ADMIN_PATHS.site, patch);
  parseBody(Ack, res ?? {}, 'building settings');
}

/** GET the building's devices (§6). @throws as adminCreateStaff. */
export async function adminListDevices(actor: AdminActor): Promise<DeviceSummary[]> {
  const res = await send(actor, 'GET', ADMIN_PATHS.devices);
  return parseBody(DeviceListResponse, res, 'device list').devices;
}

/**
 * POST revoke: the device's token stops working at once (its next request gets 401).
 * @throws ApiRequestError 409 when it is the device making the request; otherwise as adminCreateStaff.
 */
export async function adminRevokeDevice(actor: AdminActor, deviceId: string): Promise<void> {
  const res = await send(actor, 'POST', ADMIN_PATHS.revokeDevice(deviceId), {});
  parseBody(Ack, res ?? {}, 'revoke');
}

/**
 * POST a one-time enrolment code for a desk tablet or (issue 8) an office device.
 * @throws as adminCreateStaff.
 */
export async function adminCreateEnrolmentCode(
  actor: AdminActor,
  deviceKind: DeviceKind,
): Promise<CreateEnrolmentCodeResponse> {
  const res = await send(actor, 'POST', ENROLMENT_CODES_PATH, { deviceKind });
  return parseBody(CreateEnrolmentCodeResponse, res, 'enrolment code');
}

/** Issue 10 §1: GET the buildings this admin administers. @throws as adminCreateStaff. */
export async function adminListBuildings(actor: AdminActor): Promise<BuildingSummary[]> {
  const res = await send(actor, 'GET', ADMIN_PATHS.buildings);
  return parseBody(BuildingListResponse, res, 'building list').buildings;
}

/**
 * Issue 10 §1: POST a new building of the company; the admin becomes its first admin.
 * @throws ApiRequestError 409 building_name_taken, 400 (a time zone); otherwise as adminCreateStaff.
 */
export async function adminCreateBuilding(
  actor: AdminActor,
  request: { name: string; timeZone?: string },
): Promise<BuildingSummary> {
  const res = await send(actor, 'POST', ADMIN_PATHS.buildings, request);
  return parseBody(z.object({ building: BuildingSummary }), res, 'create building').building;
}

/** Issue 10 §1: GET the buildings a person works in. @throws as adminCreateStaff. */
export async function adminStaffBuildings(actor: AdminActor, staffId: string): Promise<BuildingSummary[]> {
  const res = await send(actor, 'GET', ADMIN_PATHS.staffBuildings(staffId));
  return parseBody(BuildingListResponse, res, 'staff buildings').buildings;
}

/**
 * Issue 10 §1: POST the person to one more building (same name, role and PIN).
 * @returns the person's buildings after it. @throws ApiRequestError 409 already_assigned, 403 (not
 * an admin there), 400 (desk staff); otherwise as adminCreateStaff.
 */
export async function adminAssignBuilding(
  actor: AdminActor,
  staffId: string,
  siteId: string,
): Promise<BuildingSummary[]> {
  const res = await send(actor, 'POST', ADMIN_PATHS.staffBuildings(staffId), { siteId });
  return parseBody(BuildingListResponse, res, 'assign building').buildings;
}
