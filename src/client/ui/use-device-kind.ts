import { useLiveQuery } from 'dexie-react-hooks';
import type { DeviceKind } from '../../domain/api';
import { deviceKindOf, getDevice } from '../db/repos/device-repo';
import { useDb } from './db-context';

/**
 * Issue 8: whether this browser is a desk tablet or an office device, as enrolled (kept in the
 * device's `meta`); undefined while it loads, so a screen never shows the desk's list first.
 */
export function useDeviceKind(): DeviceKind | undefined {
  const db = useDb();
  return useLiveQuery(async () => deviceKindOf(await getDevice(db)), [db]);
}
