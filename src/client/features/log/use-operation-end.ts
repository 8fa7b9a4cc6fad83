import { useState } from 'react';
import type { LogFieldError } from '../../../domain/log-entry';
import { recordOperationEnd } from '../../db/repos/log-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useClockOffset } from '../../ui/use-now';

/**
 * H11(b): recording the end of an equipment operation from its detail. "Record the end" opens
 * the time, set to now on the server-corrected clock (T1); until the person edits it, the end
 * saved is the moment of saving.
 */
export function useOperationEnd(entryId: string, staffId: string, timeZone: string) {
  const db = useDb();
  const offsetMs = useClockOffset();
  // null: the end is not being recorded; otherwise the datetime-local value shown.
  const [value, setValue] = useState<string | null>(null);
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<LogFieldError | 'invalid' | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const start = () => {
    setValue(toLocalInput(Date.now() + (offsetMs ?? 0), timeZone));
    setEdited(false);
    setError(null);
  };

  const save = async () => {
    if (value === null) return;
    const typed = edited ? fromLocalInput(value, timeZone) : null;
    if (edited && typed === null) {
      setError('invalid');
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const res = await recordOperationEnd(db, ctx, { entryId, endedAt: typed });
      if (!res.ok) {
        setError(res.errors.operationEndedAt ?? null);
        return;
      }
      setValue(null);
      setError(null);
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  return {
    value,
    error,
    saving,
    failure,
    start,
    save,
    cancel: () => {
      setValue(null);
      setError(null);
    },
    setValue: (v: string) => {
      setValue(v);
      setEdited(true);
      setError(null);
    },
  };
}
