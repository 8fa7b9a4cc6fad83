/**
 * Issue 9 §3 (docs/security.md): the two PIN checks the server makes for the tablet. A person whose
 * hash this tablet does not hold (an admin or manager at a desk tablet) is checked online with a
 * request proof keyed by the key their typed PIN gives; a person whose hash is of the old format
 * sends the PIN once over HTTPS, and the server answers a v2 hash it has stored with its proof key.
 * Both count towards the person's lockout on the server (403 actor_unproven, 429 locked_out).
 */
import {
  PIN_CHECK_PATH,
  PIN_UPGRADE_PATH,
  PinCheckResponse,
  PinUpgradeResponse,
  type PinUpgradeRequest,
} from '../../domain/api';
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import { refreshOffset } from '../db/meta';
import type { HandoverDb } from '../db/schema';
import { ApiRequestError, parseBody, requestJson } from './api-client';
import { requestJsonAs } from './actor-request';

/** Where the server is and how to reach it; tests pass a fake fetch. */
export interface PinServer {
  /** '' in the app: the page is served by the sync server. */
  baseUrl: string;
  fetchFn: typeof fetch;
}

export const PAGE_SERVER: PinServer = {
  baseUrl: '',
  fetchFn: (input, init) => globalThis.fetch(input, init),
};

async function deviceOf(db: HandoverDb): Promise<DeviceInfo> {
  const device = await getDevice(db);
  if (!device) throw new ApiRequestError(401, 'unauthorized', 'this tablet is not enrolled');
  return device;
}

/**
 * POST PIN_CHECK_PATH as `staffId`, proven by `proofKey` (derived from the typed PIN and the
 * person's salt). Resolves when the server accepts the proof.
 * @throws NetworkError offline; ApiRequestError 403 actor_unproven (wrong PIN), 429 locked_out
 * (`details.lockedUntil`), or any other refusal.
 */
export async function checkPinOnServer(
  db: HandoverDb,
  staffId: string,
  proofKey: Uint8Array,
  nowMs: number,
  server: PinServer = PAGE_SERVER,
): Promise<PinCheckResponse> {
  const device = await deviceOf(db);
  const res = await requestJsonAs(
    {
      baseUrl: server.baseUrl,
      token: device.token,
      deviceId: device.deviceId,
      staffId,
      proofKey,
      // T1: the server checks the request's time against its own clock.
      at: nowMs + (await refreshOffset(db)),
      method: 'POST',
      path: PIN_CHECK_PATH,
      body: {},
    },
    server.fetchFn,
  );
  return parseBody(PinCheckResponse, res, 'PIN check');
}

/**
 * POST PIN_UPGRADE_PATH with the PIN itself (once, over HTTPS): the server checks it against the
 * old hash and answers the v2 hash it stored.
 * @throws NetworkError offline; ApiRequestError 403 actor_unproven, 429 locked_out, 400 weak_pin
 * (too short for the person's role now).
 */
export async function upgradePinOnServer(
  db: HandoverDb,
  staffId: string,
  pin: string,
  server: PinServer = PAGE_SERVER,
): Promise<PinUpgradeResponse> {
  const device = await deviceOf(db);
  const body: PinUpgradeRequest = { staffId, pin };
  const res = await requestJson(server.fetchFn, `${server.baseUrl}${PIN_UPGRADE_PATH}`, {
    method: 'POST',
    token: device.token,
    body,
  });
  return parseBody(PinUpgradeResponse, res, 'PIN upgrade');
}
