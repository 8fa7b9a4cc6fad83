import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { EntryStatus, LogEntry } from '../../../domain/entities';
import { amendLogEntry, type AmendErrors } from '../../db/repos/log-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { amendmentsFor, getEntry, listStaff } from '../../db/queries';
import { photosFor } from '../../db/queries/photo-queries';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';

export type { AmendErrors } from '../../db/repos/log-repo';

/** `amend`: add an amendment, resolve or reopen; `refer`: refer the matter to a department (H4). */
export type AmendMode = 'amend' | 'refer';

/**
 * One entry with its amendments (oldest first) and the amendment form. Amendments are
 * append-only (D5): nothing written before changes; resolving records the result (H6), referring
 * names the department and opens linked pending work (H4, H11(a)).
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
  const [mode, setMode] = useState<AmendMode>('amend');
  const [referredTo, setReferredTo] = useState('');
  const [errors, setErrors] = useState<AmendErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('amendment', text.trim() !== '' || result.trim() !== '' || referredTo.trim() !== '');

  const nameOf = (id: string): string | undefined => staff?.find((s) => s.id === id)?.name;

  const clear = (field: keyof AmendErrors) => setErrors(({ [field]: _cleared, ...rest }) => rest);

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
        ...(statusChange === 'referred' ? { referredTo: referredTo.trim() } : {}),
      });
      if (!res.ok) {
        setErrors(res.errors);
        return;
      }
      setErrors({});
      setText('');
      setResult('');
      setReferredTo('');
      setMode('amend');
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
      clear('text');
    },
    result,
    setResult: (v: string) => {
      setResult(v);
      clear('result');
    },
    mode,
    /** Shows the referral fields (department, what was done) in place of resolve and reopen. */
    startReferring: () => {
      setMode('refer');
      setErrors({});
    },
    cancelReferring: () => {
      setMode('amend');
      setErrors({});
    },
    referredTo,
    setReferredTo: (v: string) => {
      setReferredTo(v);
      clear('referredTo');
    },
    errors,
    saving,
    failure,
    amend,
    refer: () => amend('referred'),
  };
}
