import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import { createStaff, setStaffActive } from '../../db/repos/staff-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { listStaff } from '../../db/queries';
import type { MessageKey } from '../../i18n/en';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { newPinErrors } from './use-pin-reset';

export interface StaffFormErrors {
  name?: MessageKey;
  pin?: MessageKey;
  confirmPin?: MessageKey;
}

/**
 * Add staff and (de)activate them. Written locally and synced like any record, so an admin can
 * add a person while the network is down; the PIN is hashed by the repository before storage.
 */
export function useStaffAdmin(actorStaffId: string) {
  const db = useDb();
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('desk');
  const [pin, setPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  const [errors, setErrors] = useState<StaffFormErrors>({});
  const [added, setAdded] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('staff', name !== '' || pin !== '');
  const invalid = useFocusFirstInvalid();

  const add = async () => {
    const e: StaffFormErrors = newPinErrors(pin, confirmPin);
    if (!name.trim()) e.name = 'error.required';
    setErrors(e);
    setAdded(null);
    setFailure(null);
    if (Object.keys(e).length > 0) return invalid.request();
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, actorStaffId);
      const res = await createStaff(db, ctx, { name: name.trim(), role, pin });
      if (!res.ok) {
        setErrors({
          ...(res.errors.name ? { name: res.errors.name === 'tooLong' ? 'error.tooLong' : 'error.required' } : {}),
          ...(res.errors.pin ? { pin: 'error.pinInvalid' as const } : {}),
        });
        invalid.request();
        return;
      }
      setAdded(res.value.name);
      setName('');
      setPin('');
      setConfirmPin('');
      setRole('desk');
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const setActive = async (staffId: string, active: boolean) => {
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, actorStaffId);
      await setStaffActive(db, ctx, staffId, active);
    } catch (error) {
      setFailure(error);
    }
  };

  return {
    /** A callback ref for the form: its first invalid field gets the focus after a refused add. */
    attachForm: invalid.attach,
    staff,
    form: { name, setName, role, setRole, pin, setPin, confirmPin, setConfirmPin },
    errors,
    added,
    saving,
    failure,
    add,
    setActive,
  };
}
