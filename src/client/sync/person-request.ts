/**
 * Issue 9 §3 (docs/security.md): the office reads (registers, search, the chain check) and the
 * push subscription are made in the signed-in person's name, proven by their proof key in the
 * actor headers rather than claimed by a `staffId` the server would have to believe.
 */
import { IntegrityResponse } from '../../domain/integrity';
import { getDevice } from '../db/repos/device-repo';
import { refreshOffset } from '../db/meta';
import type { HandoverDb } from '../db/schema';
import { requireProofKey } from '../state/proof-keys';
import { actorHeaders, requestJsonAs, type ActorIdentity } from './actor-request';
import { ApiRequestError, parseBody } from './api-client';

/**
 * The device's token and id, `staffId`'s proof key and the server-corrected time (T1), for a
 * request by the page's own server (`baseUrl` ''). `deviceNow` is the clock the learned offset
 * corrects: the device's own, or a simulated tablet's skewed one.
 * @throws ProofKeyMissingError when the person's PIN was not typed in this page; ApiRequestError
 * 401 when the tablet is not enrolled.
 */
export async function personBase(
  db: HandoverDb,
  staffId: string,
  deviceNow: () => number = () => Date.now(),
): Promise<ActorIdentity> {
  const proofKey = requireProofKey(staffId);
  const device = await getDevice(db);
  if (!device) throw new ApiRequestError(401, 'unauthorized', 'this tablet is not enrolled');
  const at = deviceNow() + (await refreshOffset(db));
  return { baseUrl: '', token: device.token, deviceId: device.deviceId, staffId, proofKey, at };
}

/**
 * The Authorization and actor headers of a bodiless request (a CSV download, which is not JSON
 * and so does not go through requestJsonAs). `path` includes the query string.
 */
export async function personHeaders(
  db: HandoverDb,
  staffId: string,
  method: 'GET',
  path: string,
): Promise<Record<string, string>> {
  const b = await personBase(db, staffId);
  return { Authorization: `Bearer ${b.token}`, ...actorHeaders({ ...b, method, path }) };
}

/**
 * GET /api/v1/integrity: the server recomputes the building's chain (D5), asked by `staffId`, the
 * signed-in chief or manager, proven by their key; a desk person gets 403 forbidden_role. The
 * query still names the person, inside the signed path, for a server that reads it there.
 */
export async function fetchIntegrity(
  db: HandoverDb,
  staffId: string,
  fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<IntegrityResponse> {
  const path = `/api/v1/integrity?staffId=${encodeURIComponent(staffId)}`;
  const res = await requestJsonAs({ ...(await personBase(db, staffId)), method: 'GET', path }, fetchFn);
  return parseBody(IntegrityResponse, res, 'integrity');
}
