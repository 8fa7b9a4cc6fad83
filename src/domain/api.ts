/** Request and response bodies of the non-sync endpoints, shared by the server and the tablet. */
import { z } from 'zod';
import { EpochMs, Id, PinHash, SiteSettings, Staff } from './entities';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  setUp: z.boolean(),
  serverTime: EpochMs,
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const DeviceName = z.string().trim().min(1).max(60);

/** First run: create the building, its first admin and enrol this browser as its first tablet. */
export const SetupRequest = z.object({
  site: SiteSettings,
  admin: z.object({ name: z.string().trim().min(1).max(60), pinHash: PinHash }),
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

/** `deviceKind` says what the code enrols; a request without it enrols a desk tablet. */
export const CreateEnrolmentCodeRequest = z.object({ actorStaffId: Id, deviceKind: DeviceKind.default('desk') });
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
