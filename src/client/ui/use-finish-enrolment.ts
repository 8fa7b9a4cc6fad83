import { useCallback } from 'react';
import type { EnrolResponse } from '../../domain/api';
import { saveEnrolment, type DeviceInfo } from '../db/repos/device-repo';
import { useDb } from './db-context';
import { useEngine } from './engine-context';

/**
 * The steps after the server enrolled this tablet (first-run setup and enrolment by code alike):
 * keep the device identity, ask the browser not to evict our storage (Safari drops unused sites'
 * data after 7 days otherwise, docs/architecture.md "Storage"), then pull the building and its staff.
 */
export function useFinishEnrolment(): (res: EnrolResponse, deviceName: string) => Promise<DeviceInfo> {
  const db = useDb();
  const { syncNow } = useEngine();
  return useCallback(
    async (res, deviceName) => {
      const device = await saveEnrolment(db, res, deviceName, Date.now());
      try {
        await navigator.storage?.persist?.();
      } catch {
        // Refusal is not an error: the tablet still works, it is just evictable.
      }
      await syncNow();
      return device;
    },
    [db, syncNow],
  );
}
