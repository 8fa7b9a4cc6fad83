import { useCallback, useEffect, useState } from 'react';
import type { BuildingSummary } from '../../../domain/api';
import type { MessageKey } from '../../i18n/en';
import { adminCreateBuilding, adminListBuildings } from '../../sync/admin-client';
import { ApiRequestError } from '../../sync/api-client';
import { useAdminApi } from './use-admin-api';

export interface BuildingFormErrors {
  name?: MessageKey;
}

/**
 * Issue 10 §1: the company's buildings this admin administers, loaded online, and the form that
 * creates one (its settings start as this building's; the server refuses a name the company
 * already has, 409 building_name_taken, shown next to the name).
 */
export function useAdminBuildings(staffId: string, defaultTimeZone: string) {
  const { actor, online } = useAdminApi(staffId);
  const [buildings, setBuildings] = useState<BuildingSummary[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [errors, setErrors] = useState<BuildingFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void (async () => {
      try {
        const list = await adminListBuildings(actor);
        if (current) setBuildings(list);
      } catch (error) {
        if (current) setLoadFailure(error);
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
    setLoadFailure(null);
    setRound((n) => n + 1);
  }, []);

  const submit = async (): Promise<void> => {
    setCreated(null);
    setFailure(null);
    const trimmed = name.trim();
    if (trimmed === '') {
      setErrors({ name: 'error.required' });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const b = await adminCreateBuilding(actor, { name: trimmed, timeZone });
      setCreated(b.name);
      setName('');
      reload();
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'building_name_taken') {
        setErrors({ name: 'admin.buildings.nameTaken' });
      } else {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    online,
    buildings,
    loading: loading && online,
    loadFailure,
    reload,
    name,
    setName,
    timeZone,
    setTimeZone,
    errors,
    saving,
    failure,
    created,
    submit,
  };
}
