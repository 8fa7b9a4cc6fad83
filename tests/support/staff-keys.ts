/**
 * Issue 9 §3: a person's proof key as a test derives it in their place, from the PIN they would
 * type and the salt and cost of their row in the staff list the server gives a device (a desk
 * tablet gets those even where the server withholds the verifier), as the tablet does.
 */
import { requestJson } from '../../src/client/sync/api-client';
import { StaffListResponse } from '../../src/domain/api';
import type { Staff } from '../../src/domain/entities';
import { proofKeyFor } from '../../src/domain/pin';

/** An enrolled device as a test holds it: its building and bearer token. */
export interface DeviceAuth {
  siteId: string;
  token: string;
}

/** The building's staff rows as the server lists them to `device` (its kind decides the verifiers). */
export async function staffListOf(baseUrl: string, device: DeviceAuth): Promise<Staff[]> {
  const url = `${baseUrl}/api/v1/sites/${device.siteId}/staff`;
  return StaffListResponse.parse(await requestJson(fetch, url, { method: 'GET', token: device.token })).staff;
}

/** The proof key of `staffId` from `pin`, with the salt and cost of their row listed to `device`. */
export async function staffProofKey(
  baseUrl: string,
  device: DeviceAuth,
  staffId: string,
  pin: string,
): Promise<Uint8Array> {
  const person = (await staffListOf(baseUrl, device)).find((s) => s.id === staffId);
  if (!person) throw new Error(`staff ${staffId} is not in the staff list`);
  return proofKeyFor(pin, person.pinHash);
}
