import { useCallback, useState } from 'react';
import type { MessageKey } from '../../i18n/en';
import { adminCreateBuilding, adminListBuildings } from '../../sync/admin-client';
import { ApiRequestError } from '../../sync/api-client';
import { useServerRead } from '../../ui/use-server-read';
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
  const list = useServerRead(useCallback(() => adminListBuildings(actor), [actor]));
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [errors, setErrors] = useState<BuildingFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const reload = list.reload;

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
    buildings: list.data,
    loading: list.loading,
    loadFailure: list.failure,
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
