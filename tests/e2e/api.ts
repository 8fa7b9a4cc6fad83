/** Direct API calls for end-to-end tests that need a building without clicking through setup. */
import type { CreateEnrolmentCodeResponse, SetupRequest, SetupResponse } from '../../src/domain/api';
import { hashPin } from '../../src/domain/pin';
import type { PullResponse } from '../../src/domain/sync-protocol';
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
 * Sets up a building through POST /api/v1/setup. The PIN hash uses the schema's minimum
 * iterations so signing in costs milliseconds; the stored iteration count travels with the hash.
 * Its shift runs around now (shiftAroundNow), so whoever is rostered on it may open the desk (S1).
 */
export async function setUpViaApi(baseUrl: string, adminName: string, pin: string): Promise<SetupResponse> {
  const shift = shiftAroundNow(API_TIME_ZONE);
  const body: SetupRequest = {
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
    admin: { name: adminName, pinHash: await hashPin(pin, 1000) },
    deviceName: 'API client',
  };
  return call<SetupResponse>(`${baseUrl}/api/v1/setup`, { method: 'POST', body: JSON.stringify(body) });
}

export async function createEnrolmentCode(baseUrl: string, setup: SetupResponse): Promise<string> {
  const res = await call<CreateEnrolmentCodeResponse>(
    `${baseUrl}/api/v1/enrolment-codes`,
    { method: 'POST', body: JSON.stringify({ actorStaffId: setup.adminStaffId }) },
    setup.token,
  );
  return res.code;
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
