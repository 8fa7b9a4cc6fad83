import { useState } from 'react';
import type { Site } from '../../../domain/entities';
import { removeRotaShift, saveRotaShift } from '../../db/repos/rota-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';

export interface ArrangeErrors {
  staffId?: 'required' | 'alreadyRostered';
  shiftId?: 'invalid';
}

/**
 * The section chief arranges the rota (O1, S2): put a person on a day's shift, or take a rostered
 * shift off. The repository computes the shift's times in the building's zone and refuses a
 * person already on that shift; refusals come back per field.
 */
export function useArrange(staffId: string, site: Site, days: readonly string[]) {
  const db = useDb();
  const [pickedDay, setDay] = useState<string | null>(null);
  const [shiftId, setShiftId] = useState(site.shifts[0]?.id ?? '');
  const [person, setPerson] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ArrangeErrors>({});
  const [added, setAdded] = useState<{ staffId: string; day: string; shiftId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('rota-arrange', note.trim() !== '');
  const invalid = useFocusFirstInvalid();
  // The picked day follows the week shown: another week starts again from its first day.
  const day = pickedDay !== null && days.includes(pickedDay) ? pickedDay : (days[0] ?? '');

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setAdded(null);
    try {
      await fn();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const add = () =>
    run(async () => {
      const ctx = await makeWriteContext(db, staffId);
      const res = await saveRotaShift(db, ctx, { staffId: person, day, shiftId, note: note.trim() }, site);
      if (!res.ok) {
        setErrors(res.errors);
        invalid.request();
        return;
      }
      setErrors({});
      setAdded({ staffId: person, day, shiftId });
      setPerson('');
      setNote('');
    });

  const remove = (rotaShiftId: string) =>
    run(async () => {
      await removeRotaShift(db, await makeWriteContext(db, staffId), rotaShiftId);
    });

  return {
    /** A callback ref for the form: its first invalid field gets the focus after a refusal. */
    attachForm: invalid.attach,
    day,
    setDay,
    shiftId,
    setShiftId: (v: string) => {
      setShiftId(v);
      setErrors(({ shiftId: _cleared, ...rest }) => rest);
    },
    person,
    setPerson: (v: string) => {
      setPerson(v);
      setErrors(({ staffId: _cleared, ...rest }) => rest);
    },
    note,
    setNote,
    errors,
    added,
    busy,
    failure,
    add,
    remove,
  };
}

export type ArrangeState = ReturnType<typeof useArrange>;
