/** Enrolling a tablet: a device row bound to one building, and its bearer token shown once. */
import type { DeviceKind } from '../../domain/api';
import { newId } from '../../domain/ids';
import type { StoreTx } from '../store/store';
import { hashSecret, newToken } from './secrets';

export interface NewDevice {
  deviceId: string;
  token: string;
}

/**
 * Create a device of `siteId`, a desk tablet unless `kind` says office (issue 8); the caller runs
 * this inside its transaction.
 */
export async function createDevice(
  store: StoreTx,
  siteId: string,
  name: string,
  nowMs: number,
  kind: DeviceKind = 'desk',
): Promise<NewDevice> {
  const deviceId = newId();
  const token = newToken();
  await store.insertDevice(
    { id: deviceId, siteId, name, revoked: false, lastCounter: 0, createdAt: nowMs, lastSeenAt: nowMs, kind },
    hashSecret(token),
  );
  return { deviceId, token };
}
