/** Direct API calls for end-to-end tests that need a building without clicking through setup. */
import { requestJsonAs } from '../../src/client/sync/actor-request';
import { ENROLMENT_CODES_PATH } from '../../src/client/sync/admin-client';
import { CreateEnrolmentCodeResponse, type SetupRequest, type SetupResponse } from '../../src/domain/api';
import type { PullResponse } from '../../src/domain/sync-protocol';
import { staffProofKey } from '../support/staff-keys';
import { shiftAroundNow } from './app-steps';

/** The time zone of the buildings set up through the API. */
export const API_TIME_ZONE = 'Asia/Hong_Kong';

async function call<T>(url: string, init: RequestInit, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Sets up a building through POST /api/v1/setup with the setup code the server logged (issue 9
 * §7); the server hashes the admin's PIN (6 digits at least). Its shift runs around now
 * (shiftAroundNow), so whoever is rostered on it may open the desk (S1).
 */
export async function setUpViaApi(
  server: { url: string; setupCode(): string },
  adminName: string,
  pin: string,
): Promise<SetupResponse> {
  const baseUrl = server.url;
  const shift = shiftAroundNow(API_TIME_ZONE);
  const body: SetupRequest = {
    setupCode: server.setupCode(),
    site: {
      name: 'Pacific Plaza 太平洋廣場',
      timeZone: API_TIME_ZONE,
      shifts: [{ id: 'day', name: `${shift.start}-${shift.end}`, start: shift.start, end: shift.end }],
      incomingLeadMinutes: 5,
      outgoingLeadMinutes: 15,
      retentionDays: 730,
      idleSignOutMinutes: 30,
      localWindowDays: 90,
    },
    admin: { name: adminName, pin },
    deviceName: 'API client',
  };
  return call<SetupResponse>(`${baseUrl}/api/v1/setup`, { method: 'POST', body: JSON.stringify(body) });
}

/**
 * An enrolment code made by the admin of `setup`, proven by the admin's PIN (issue 9 §3): the proof
 * key is derived from the PIN and the salt and cost the staff list gives, as the tablet does, and
 * the request is signed by the client's requestJsonAs.
 */
export async function createEnrolmentCode(baseUrl: string, setup: SetupResponse, adminPin: string): Promise<string> {
  const proofKey = await staffProofKey(baseUrl, setup, setup.adminStaffId, adminPin);
  const res = await requestJsonAs({
    baseUrl,
    token: setup.token,
    deviceId: setup.deviceId,
    staffId: setup.adminStaffId,
    proofKey,
    at: Date.now(),
    method: 'POST',
    path: ENROLMENT_CODES_PATH,
    body: {},
  });
  return CreateEnrolmentCodeResponse.parse(res).code;
}

/** Every change of the token's building, all pages. */
export async function pullAll(baseUrl: string, token: string): Promise<PullResponse['changes']> {
  const changes: PullResponse['changes'] = [];
  let cursor = 0;
  for (;;) {
    const page = await call<PullResponse>(`${baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {}, token);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}
