/**
 * What one sync run shares between its push and pull phases: the database, the device, and an
 * authenticated call that reads the token at send time and learns the clock offset (T1).
 */
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import { cachedOffset, rememberOffset, setMeta } from '../db/meta';
import type { HandoverDb } from '../db/schema';
import { ApiRequestError, requestJson } from './api-client';

export interface SyncSession {
  db: HandoverDb;
  device: DeviceInfo;
  /** The tablet's own clock. */
  now(): number;
  /** Server-corrected time (T1). */
  corrected(): number;
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}

export function makeSession(
  db: HandoverDb,
  device: DeviceInfo,
  baseUrl: string,
  fetchFn: typeof fetch,
  now: () => number,
): SyncSession {
  return {
    db,
    device,
    now,
    corrected: () => now() + (cachedOffset(db) ?? 0),
    async call(method, path, body) {
      // The token comes from meta at send time and is never kept in a queued request: a
      // re-enrolled tablet's retries carry its new token (docs/architecture.md "Auth").
      const current = await getDevice(db);
      if (!current || current.deviceId !== device.deviceId) {
        throw new ApiRequestError(401, 'unauthorized', 'the tablet was re-enrolled during the sync');
      }
      const sentAt = now();
      const res = await requestJson(fetchFn, `${baseUrl}${path}`, {
        method,
        token: current.token,
        ...(body !== undefined ? { body } : {}),
      });
      const receivedAt = now();
      const serverTime = (res as { serverTime?: unknown } | null)?.serverTime;
      if (typeof serverTime === 'number' && Number.isFinite(serverTime)) {
        // T1: the server's clock was read somewhere inside the round trip; its midpoint is the
        // best estimate, wrong by at most half the round trip.
        const offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2);
        rememberOffset(db, offsetMs);
        await setMeta(db, 'clock', { offsetMs, rttMs: receivedAt - sentAt, learnedAt: receivedAt });
      }
      return res;
    },
  };
}
