import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { EntryStatus, LogEntry } from '../../../domain/entities';
import { amendLogEntry } from '../../db/repos/log-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { amendmentsFor, getEntry, listStaff } from '../../db/queries';
import { photosFor } from '../../db/queries/photo-queries';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';

export interface AmendErrors {
  text?: 'required';
  result?: 'required';
}

/**
 * One entry with its amendments (oldest first) and the amendment form. Amendments are
 * append-only (D5): nothing written before changes; resolving records the result (H6).
 */
export function useEntryDetail(entryId: string, staffId: string) {
  const db = useDb();
  const entry = useLiveQuery(
    async (): Promise<LogEntry | null> => (await getEntry(db, entryId)) ?? null,
    [db, entryId],
  );
  const amendments = useLiveQuery(() => amendmentsFor(db, entryId), [db, entryId]);
  const photos = useLiveQuery(() => photosFor(db, 'logEntry', entryId), [db, entryId]);
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const [text, setText] = useState('');
  const [result, setResult] = useState('');
  const [errors, setErrors] = useState<AmendErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('amendment', text.trim() !== '' || result.trim() !== '');

  const nameOf = (id: string): string | undefined => staff?.find((s) => s.id === id)?.name;

  const amend = async (statusChange: EntryStatus | null) => {
    setSaving(true);
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const trimmedResult = result.trim();
      const res = await amendLogEntry(db, ctx, {
        entryId,
        text: text.trim(),
        statusChange,
        ...(statusChange === 'resolved' && trimmedResult ? { result: trimmedResult } : {}),
      });
      if (!res.ok) {
        setErrors(res.errors);
        return;
      }
      setErrors({});
      setText('');
      setResult('');
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return {
    entry,
    amendments,
    photos,
    nameOf,
    text,
    setText: (v: string) => {
      setText(v);
      setErrors(({ text: _cleared, ...rest }) => rest);
    },
    result,
    setResult: (v: string) => {
      setResult(v);
      setErrors(({ result: _cleared, ...rest }) => rest);
    },
    errors,
    saving,
    failure,
    amend,
  };
}
