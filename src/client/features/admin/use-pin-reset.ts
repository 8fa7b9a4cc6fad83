import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import { liftPinLockout } from '../../db/repos/staff-repo';
import { adminSetPin } from '../../sync/admin-client';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { isWeakPin, newPinErrors, type NewPinErrors } from './pin-rules';
import { useAdminApi } from './use-admin-api';

/**
 * An admin sets a new PIN for a person who forgot theirs (issue 9 §3): sent to the server, which
 * hashes it (the PIN is never stored) and refuses one too short for the person's role (weak_pin,
 * said beside the field). A success lifts the person's lockout on this tablet and starts a sync
 * so it pulls the new hash; `onDone` runs then. Offline nothing is sent or queued.
 */
export function usePinReset(actorStaffId: string, person: { id: string; role: Role }, onDone: () => void) {
  const db = useDb();
  const api = useAdminApi(actorStaffId);
  const [pin, setPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  const [errors, setErrors] = useState<NewPinErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('pin-reset', pin !== '' || confirmPin !== '');
  const invalid = useFocusFirstInvalid();

  const submit = async () => {
    const e = newPinErrors(person.role, pin, confirmPin);
    setErrors(e);
    setFailure(null);
    if (e.pin || e.confirmPin) return invalid.request();
    if (!api.online) return;
    setSaving(true);
    try {
      await adminSetPin(api.actor, person.id, pin);
      await liftPinLockout(db, person.id);
      api.pulled();
      onDone();
    } catch (error) {
      if (isWeakPin(error)) {
        setErrors({ pin: 'admin.pin.tooShort' });
        invalid.request();
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return {
    pin,
    setPin,
    confirmPin,
    setConfirmPin,
    errors,
    saving,
    failure,
    online: api.online,
    submit,
    attachForm: invalid.attach,
  };
}
