/**
 * What one sync run shares between its push and pull phases: the database, the device, and an
 * authenticated call that reads the token at send time, learns the clock offset (T1), reports the
 * unsent op count and notes the server's generation (issue 9 §1) from every answer, errors included.
 */
import { OUTBOX_PENDING_HEADER } from '../../domain/api';
import { GENERATION_HEADER, Generation } from '../../domain/sync-protocol';
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import { cachedOffset, rememberOffset, setMeta } from '../db/meta';
import { pendingOpCount } from '../db/queries';
import type { HandoverDb } from '../db/schema';
import { noteGeneration } from '../db/sent-ops';
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
      // Issue 9 §1: the generation of whatever answer comes back, a refusal included (a 409
      // counter_gap from a restored server carries the new one).
      let generation: string | null = null;
      const noting: typeof fetch = async (input, init) => {
        const res = await fetchFn(input, init);
        generation = res.headers.get(GENERATION_HEADER);
        return res;
      };
      const sentAt = now();
      let res: unknown;
      try {
        res = await requestJson(noting, `${baseUrl}${path}`, {
          method,
          token: current.token,
          // Issue 9 §6: the admin's device list shows what each tablet still holds unsent.
          headers: { [OUTBOX_PENDING_HEADER]: String(await pendingOpCount(db)) },
          ...(body !== undefined ? { body } : {}),
        });
      } finally {
        const seen = Generation.safeParse(generation);
        // A new generation resets the pull cursor in its own transaction (sent-ops.ts).
        if (seen.success) await noteGeneration(db, seen.data);
      }
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
