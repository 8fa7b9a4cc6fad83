import { useCallback, useState } from 'react';
import type { DeviceSummary } from '../../../domain/api';
import { adminListDevices, adminRevokeDevice } from '../../sync/admin-client';
import { useServerRead } from '../../ui/use-server-read';
import { useAdminApi } from './use-admin-api';

/**
 * Issue 9 §6: the building's devices as the server knows them (last seen, unsynced count,
 * revocation), loaded when the screen opens online and after each revocation. A revocation is made
 * on the server at once: the device's next request is refused (401).
 */
export function useDevices(staffId: string) {
  const { actor } = useAdminApi(staffId);
  const list = useServerRead(useCallback(() => adminListDevices(actor), [actor]));
  const [revoked, setRevoked] = useState<string | null>(null);

  /** Resolves with the failure (null once revoked), which the confirmation dialog shows. */
  const revoke = async (device: DeviceSummary): Promise<unknown> => {
    setRevoked(null);
    try {
      await adminRevokeDevice(actor, device.id);
    } catch (error) {
      return error;
    }
    setRevoked(device.name);
    list.reload();
    return null;
  };

  return {
    devices: list.data,
    loading: list.loading,
    failure: list.failure,
    online: list.online,
    revoked,
    reload: list.reload,
    revoke,
  };
}
