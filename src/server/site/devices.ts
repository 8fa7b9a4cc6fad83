/** Enrolling a tablet: a device row bound to one building, and its bearer token shown once. */
import { newId } from '../../domain/ids';
import type { Store } from '../store/store';
import { hashSecret, newToken } from './secrets';

export interface NewDevice {
  deviceId: string;
  token: string;
}

/** Create a device of `siteId`; the caller runs this inside its transaction. */
export function createDevice(store: Store, siteId: string, name: string, nowMs: number): NewDevice {
  const deviceId = newId();
  const token = newToken();
  store.insertDevice(
    { id: deviceId, siteId, name, revoked: false, lastCounter: 0, createdAt: nowMs, lastSeenAt: nowMs },
    hashSecret(token),
  );
  return { deviceId, token };
}
