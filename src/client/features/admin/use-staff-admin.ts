import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Role, Staff } from '../../../domain/entities';
import { compareHlc } from '../../../domain/hlc';
import { listStaff } from '../../db/queries';
import type { MessageKey } from '../../i18n/en';
import { adminCreateStaff, adminUpdateStaff } from '../../sync/admin-client';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { isWeakPin, newPinErrors } from './pin-rules';
import { useAdminApi } from './use-admin-api';

export interface StaffFormErrors {
  name?: MessageKey;
  pin?: MessageKey;
  confirmPin?: MessageKey;
}

/** What the staff list says after a change made on the server. */
export type StaffNotice =
  | { kind: 'active'; name: string; active: boolean }
  | { kind: 'role'; name: string; role: Role }
  | { kind: 'pin'; name: string };

/**
 * The rows the server just wrote win over this tablet's copies until the pull brings them (or a
 * newer version), so a change shows at once.
 */
function withFresh(rows: readonly Staff[] | undefined, fresh: Readonly<Record<string, Staff>>): Staff[] | undefined {
  if (!rows) return undefined;
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const row of Object.values(fresh)) {
    const local = byId.get(row.id);
    if (!local || compareHlc(local.updatedAt, row.updatedAt) < 0) byId.set(row.id, row);
  }
  return [...byId.values()]
    .filter((s) => !s.deleted)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Issue 9 §3: add staff, change a role, (de)activate, through the admin API only. The server
 * hashes the PIN and writes the row; a success starts a sync so this tablet pulls it. Offline the
 * form refuses at once (nothing is queued).
 */
export function useStaffAdmin(actorStaffId: string) {
  const db = useDb();
  const api = useAdminApi(actorStaffId);
  const local = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const [fresh, setFresh] = useState<Record<string, Staff>>({});
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('desk');
  const [pin, setPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  const [errors, setErrors] = useState<StaffFormErrors>({});
  const [added, setAdded] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<StaffNotice | null>(null);
  const [listFailure, setListFailure] = useState<{ error: unknown; retry: () => void } | null>(null);
  useDirtyForm('staff', name !== '' || pin !== '');
  const invalid = useFocusFirstInvalid();

  const written = (row: Staff) => {
    setFresh((f) => ({ ...f, [row.id]: row }));
    api.pulled();
  };

  const add = async () => {
    const e: StaffFormErrors = newPinErrors(role, pin, confirmPin);
    if (!name.trim()) e.name = 'error.required';
    setErrors(e);
    setAdded(null);
    setFailure(null);
    if (Object.keys(e).length > 0) return invalid.request();
    if (!api.online) return;
    setSaving(true);
    try {
      const row = await adminCreateStaff(api.actor, { name: name.trim(), role, pin });
      written(row);
      setAdded(row.name);
      setName('');
      setPin('');
      setConfirmPin('');
      setRole('desk');
    } catch (error) {
      // The server's own length check (weak_pin) is said beside the PIN field, like ours.
      if (isWeakPin(error)) {
        setErrors({ pin: 'admin.pin.tooShort' });
        invalid.request();
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  /** One PATCH; resolves with the failure (null on success) for the caller to show. */
  const update = async (person: Staff, change: { active: boolean } | { role: Role }): Promise<unknown> => {
    setNotice(null);
    try {
      const row = await adminUpdateStaff(api.actor, person.id, change);
      written(row);
      setNotice(
        'role' in change
          ? { kind: 'role', name: row.name, role: row.role }
          : { kind: 'active', name: row.name, active: row.active },
      );
      return null;
    } catch (error) {
      return error;
    }
  };

  const setActive = async (person: Staff, active: boolean): Promise<void> => {
    setListFailure(null);
    const error = await update(person, { active });
    if (error !== null) setListFailure({ error, retry: () => void setActive(person, active) });
  };

  return {
    /** A callback ref for the form: its first invalid field gets the focus after a refused add. */
    attachForm: invalid.attach,
    staff: withFresh(local, fresh),
    online: api.online,
    form: { name, setName, role, setRole, pin, setPin, confirmPin, setConfirmPin },
    errors,
    added,
    saving,
    failure,
    retryAdd: () => void add(),
    add,
    notice,
    setNotice,
    listFailure,
    setActive,
    /** Resolves with the failure (null on success), which the role dialog shows. */
    setRole: (person: Staff, next: Role) => update(person, { role: next }),
  };
}
