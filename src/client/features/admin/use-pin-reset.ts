import { useState } from 'react';
import { isValidPin } from '../../../domain/pin';
import { resetStaffPin } from '../../db/repos/staff-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import type { MessageKey } from '../../i18n/en';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';

export interface NewPinErrors {
  pin?: MessageKey;
  confirmPin?: MessageKey;
}

/** A new PIN and its confirmation, as the add-person form and the PIN reset both check them. */
export function newPinErrors(pin: string, confirmPin: string): NewPinErrors {
  const e: NewPinErrors = {};
  if (!isValidPin(pin)) e.pin = 'error.pinInvalid';
  if (confirmPin !== pin) e.confirmPin = 'error.pinMismatch';
  return e;
}

/**
 * An admin sets a new PIN for `staffId` (who forgot theirs). A local write like any other, so it
 * works offline; the repository hashes the PIN and lifts this tablet's lockout for the person.
 * `onDone` runs once the new PIN is stored.
 */
export function usePinReset(actorStaffId: string, staffId: string, onDone: () => void) {
  const db = useDb();
  const [pin, setPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  const [errors, setErrors] = useState<NewPinErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('pin-reset', pin !== '' || confirmPin !== '');
  const invalid = useFocusFirstInvalid();

  const submit = async () => {
    const e = newPinErrors(pin, confirmPin);
    setErrors(e);
    setFailure(null);
    if (e.pin || e.confirmPin) return invalid.request();
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, actorStaffId);
      const res = await resetStaffPin(db, ctx, staffId, pin);
      if (!res.ok) {
        setErrors({ pin: 'error.pinInvalid' });
        invalid.request();
        return;
      }
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { pin, setPin, confirmPin, setConfirmPin, errors, saving, failure, submit, attachForm: invalid.attach };
}
