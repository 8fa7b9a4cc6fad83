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
  const { actor, online } = useAdminApi(staffId);
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  // Bumped to load the list again (the refresh button, after a revocation).
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void (async () => {
      try {
        const list = await adminListDevices(actor);
        if (current) setDevices(list);
      } catch (error) {
        if (current) setFailure(error);
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
  }, [online, actor, round]);

  const reload = useCallback(() => {
    setLoading(true);
    setFailure(null);
    setRound((n) => n + 1);
  }, []);

  /** Resolves with the failure (null once revoked), which the confirmation dialog shows. */
  const revoke = async (device: DeviceSummary): Promise<unknown> => {
    setRevoked(null);
    try {
      await adminRevokeDevice(actor, device.id);
    } catch (error) {
      return error;
    }
    setRevoked(device.name);
    reload();
    return null;
  };

  return { devices, loading: loading && online, failure, online, revoked, reload, revoke };
}
