import { useCallback, useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../domain/api';
import { adminListDevices, adminRevokeDevice } from '../../sync/admin-client';
import { useAdminApi } from './use-admin-api';

/**
 * Issue 9 §6: the building's devices as the server knows them (last seen, unsynced count,
 * revocation), loaded when the screen opens online and after each revocation. A revocation is made
 * on the server at once: the device's next request is refused (401).
 */
export function useDevices(staffId: string) {
  const api = useAdminApi(staffId);
  const { actor, online } = api;
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      setDevices(await adminListDevices(actor));
    } catch (error) {
      setFailure(error);
    } finally {
      setLoading(false);
    }
  }, [actor]);

  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  /** Resolves with the failure (null once revoked), which the confirmation dialog shows. */
  const revoke = async (device: DeviceSummary): Promise<unknown> => {
    setRevoked(null);
    try {
      await adminRevokeDevice(actor, device.id);
    } catch (error) {
      return error;
    }
    setRevoked(device.name);
    await load();
    return null;
  };

  return { devices, loading, failure, online, revoked, reload: () => void load(), revoke };
}
