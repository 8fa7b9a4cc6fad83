/** Request and response bodies of the non-sync endpoints, shared by the server and the tablet. */
import { z } from 'zod';
import { EpochMs, Id, PinHash, Role, SiteSettings, Staff } from './entities';
import { Generation } from './sync-protocol';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  setUp: z.boolean(),
  serverTime: EpochMs,
  /** Issue 9 §1: the database's generation. */
  generation: Generation.optional(),
  /** Issue 9 §8: `?deep=1` touched the store (a read and a write in a rolled-back transaction). */
  store: z.literal('ok').optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const DeviceName = z.string().trim().min(1).max(60);

/** PINs are digits; the length per role is checked by the server (pin.ts isValidPinFor). */
export const PinText = z.string().regex(/^\d{4,8}$/, 'a PIN has 4 to 8 digits');

/**
 * First run: create the building, its first admin and enrol this browser as its first tablet.
 * Issue 9 §3, §7: `setupCode` is the one-time code the server printed on its console (a web page
 * elsewhere on the network cannot know it); the server hashes the admin's PIN itself (v2, 600k).
 */
export const SetupRequest = z.object({
  setupCode: z.string().max(64),
  site: SiteSettings,
  admin: z.object({ name: z.string().trim().min(1).max(60), pin: PinText }),
  deviceName: DeviceName,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

/**
 * Issue 8: an enrolled browser is a desk tablet (`desk`, the lobby desk's screens) or an office
 * device (`office`: an office PC of the section chief or the manager, which skips the desk screens
 * and may not write duties, handovers, counts or signed handover records).
 */
export const DEVICE_KINDS = ['desk', 'office'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** What a tablet keeps after enrolment. The token is shown once and stored hashed on the server. */
export const EnrolResponse = z.object({
  siteId: Id,
  deviceId: Id,
  token: z.string().min(32),
  serverTime: EpochMs,
  /** Issue 8: what this browser was enrolled as (absent from a server older than issue 8: desk). */
  deviceKind: DeviceKind.optional(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const SetupResponse = EnrolResponse.extend({ adminStaffId: Id });
export type SetupResponse = z.infer<typeof SetupResponse>;

/** One-time enrolment codes: 8 characters from an alphabet without look-alikes (0/O, 1/I). */
export const ENROLMENT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const EnrolmentCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[23456789A-HJ-NP-Z]{8}$/, 'an enrolment code has 8 letters and digits'));

/**
 * `deviceKind` says what the code enrols; a request without it enrols a desk tablet. Issue 9 §3:
 * the admin is named and proven by the request's proof headers (actor-proof.ts), not the body.
 */
export const CreateEnrolmentCodeRequest = z.object({ deviceKind: DeviceKind.default('desk') });
export const CreateEnrolmentCodeResponse = z.object({
  code: z.string(),
  expiresAt: EpochMs,
  /** What the code enrols (absent from a server older than issue 8: a desk tablet). */
  deviceKind: DeviceKind.optional(),
});
export type CreateEnrolmentCodeResponse = z.infer<typeof CreateEnrolmentCodeResponse>;

export const EnrolRequest = z.object({ code: EnrolmentCode, deviceName: DeviceName });
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** The building's staff for offline sign-in: each person's slow PIN hash and no other secret. */
export const StaffListResponse = z.object({ staff: z.array(Staff), serverTime: EpochMs });
export type StaffListResponse = z.infer<typeof StaffListResponse>;

/**
 * Issue 9 §3, §6: admin actions happen only online, through these endpoints, each request carrying
 * the admin's proof headers (actor-proof.ts ACTOR_HEADERS); the server checks the proof itself,
 * counts wrong ones towards the person's lockout, and records the action with its device.
 */
export const ADMIN_PATHS = {
  staff: '/api/v1/admin/staff',
  /** PATCH name, role or active. */
  staffOne: (id: string) => `/api/v1/admin/staff/${encodeURIComponent(id)}`,
  /** POST a new PIN (the server hashes it; the PIN crosses only HTTPS and is never stored). */
  staffPin: (id: string) => `/api/v1/admin/staff/${encodeURIComponent(id)}/pin`,
  site: '/api/v1/admin/site',
  devices: '/api/v1/admin/devices',
  revokeDevice: (id: string) => `/api/v1/admin/devices/${encodeURIComponent(id)}/revoke`,
  /** Issue 10 §1: GET the buildings this admin administers, POST a new one. */
  buildings: '/api/v1/admin/buildings',
  /** Issue 10 §1: GET a person's buildings, POST `{siteId}` to assign them to one more. */
  staffBuildings: (id: string) => `/api/v1/admin/staff/${encodeURIComponent(id)}/buildings`,
} as const;

export const AdminCreateStaffRequest = z.object({
  name: z.string().trim().min(1).max(60),
  role: Role,
  pin: PinText,
});
export type AdminCreateStaffRequest = z.infer<typeof AdminCreateStaffRequest>;

export const AdminUpdateStaffRequest = z
  .object({ name: z.string().trim().min(1).max(60), role: Role, active: z.boolean() })
  .partial()
  .refine((r) => Object.keys(r).length > 0, 'name, role or active is required');
export type AdminUpdateStaffRequest = z.infer<typeof AdminUpdateStaffRequest>;

export const AdminSetPinRequest = z.object({ pin: PinText });
export type AdminSetPinRequest = z.infer<typeof AdminSetPinRequest>;

/** The building's settings an admin changes (any subset). */
export const AdminSiteRequest = SiteSettings.partial();
export type AdminSiteRequest = z.infer<typeof AdminSiteRequest>;

/** The staff row as written (the tablet also gets it with its next pull). */
export const AdminStaffResponse = z.object({ staff: Staff, serverTime: EpochMs });
export type AdminStaffResponse = z.infer<typeof AdminStaffResponse>;

/** Issue 9 §6: one enrolled device as the admin's list shows it. */
export const DeviceSummary = z.object({
  id: Id,
  name: z.string(),
  kind: DeviceKind,
  createdAt: EpochMs,
  lastSeenAt: EpochMs.nullable(),
  /** Ops the device said it still held unsent at its last request (X-Outbox-Pending), if known. */
  pendingOps: z.number().int().nonnegative().nullable(),
  revokedAt: EpochMs.nullable(),
  /** True for the device making the request. */
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const DeviceListResponse = z.object({ devices: z.array(DeviceSummary), serverTime: EpochMs });
export type DeviceListResponse = z.infer<typeof DeviceListResponse>;

/** A tablet reports its unsent op count in this header on every sync request (§6). */
export const OUTBOX_PENDING_HEADER = 'x-outbox-pending';

/**
 * Issue 9 §3: a PIN checked by the server, for a person whose hash this tablet does not hold (an
 * admin or manager at a desk tablet) and for the admin's online actions. The proof headers name the
 * person; a wrong proof counts towards their lockout (`locked_out`, 429).
 */
export const PIN_CHECK_PATH = '/api/v1/auth/check';
export const PinCheckResponse = z.object({ staffId: Id, serverTime: EpochMs });
export type PinCheckResponse = z.infer<typeof PinCheckResponse>;

/**
 * Issue 9 §3: a hash written before issue 9 (or below the minimum cost) is upgraded at the person's
 * next online sign-in: the tablet sends the PIN once over HTTPS, the server checks it against the
 * old hash and stores a v2 hash with the proof key. Attempts count towards the lockout.
 */
export const PIN_UPGRADE_PATH = '/api/v1/auth/upgrade';
export const PinUpgradeRequest = z.object({ staffId: Id, pin: PinText });
export type PinUpgradeRequest = z.infer<typeof PinUpgradeRequest>;
export const PinUpgradeResponse = z.object({ pinHash: PinHash, serverTime: EpochMs });
export type PinUpgradeResponse = z.infer<typeof PinUpgradeResponse>;

/**
 * Issue 10 §1: the buildings of the company. An admin creates a building (its settings start as a
 * copy of the admin's current building, with its own name and time zone) and becomes its first
 * admin; staff have one row per building they work in (Staff.personId links them).
 */
/** Roles that may work in several buildings; desk staff belong to one (their building's rota). */
export const MULTI_BUILDING_ROLES: readonly Role[] = ['chief', 'manager', 'admin'];

export const CreateBuildingRequest = z.object({
  name: z.string().trim().min(1).max(80),
  timeZone: z.string().min(1).max(64).optional(),
});
export type CreateBuildingRequest = z.infer<typeof CreateBuildingRequest>;

/** Assign a person of this building to another building of the company, with the same role and PIN. */
export const AssignBuildingRequest = z.object({ siteId: Id });
export type AssignBuildingRequest = z.infer<typeof AssignBuildingRequest>;

/** What a person sees of one building of theirs: figures for the office overview (O1, D2, D3, S1). */
export const BuildingFigures = z.object({
  /** Building days over and not reviewed yet (O1). */
  awaitingReview: z.number().int().nonnegative(),
  /** Of those, the days left for more than one working day (O1). */
  overdueReview: z.number().int().nonnegative(),
  /** The review queue itself: the newest days awaiting review (at most REVIEW_DAYS_SHOWN), newest first. */
  reviewDays: z.array(z.object({ day: z.string(), overdue: z.boolean() })).max(14),
  /** Escalations to the chief not yet acknowledged (D2). */
  escalationsToChief: z.number().int().nonnegative(),
  /** Escalations to the manager not yet decided (D3). */
  escalationsToManager: z.number().int().nonnegative(),
  /** Swap requests confirmed by the chief, waiting for the manager (S1). */
  swapsAwaitingApproval: z.number().int().nonnegative(),
  /** Entries of today (the building's day) still open. */
  openEntriesToday: z.number().int().nonnegative(),
  /** Daily department reports submitted for yesterday, the last building day over (O2). */
  dailyReportsYesterday: z.number().int().nonnegative(),
});
export type BuildingFigures = z.infer<typeof BuildingFigures>;
export const REVIEW_DAYS_SHOWN = 14;

export const BuildingSummary = z.object({
  siteId: Id,
  name: z.string(),
  timeZone: z.string(),
  /** The person's staff id and role in this building. */
  staffId: Id,
  role: Role,
  /** Present in the office overview (GET /api/v1/office/buildings). */
  figures: BuildingFigures.optional(),
});
export type BuildingSummary = z.infer<typeof BuildingSummary>;
export const BuildingListResponse = z.object({ buildings: z.array(BuildingSummary), serverTime: EpochMs });
export type BuildingListResponse = z.infer<typeof BuildingListResponse>;

/** Issue 10 §1: the office overview of the signed-in person's buildings, side by side. */
export const OFFICE_BUILDINGS_PATH = '/api/v1/office/buildings';
/**
 * An office device opens another building of the signed-in person: the server enrols a device of
 * that building (kind office, shown in its admin's device list) and answers its token once.
 */
export const officeDevicePath = (siteId: string) => `${OFFICE_BUILDINGS_PATH}/${siteId}/device`;
