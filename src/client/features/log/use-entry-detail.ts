import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { LogAmendment, LogEntryFields, type EntryStatus, type LogEntry } from '../../../domain/entities';
import { fieldMax } from '../../../domain/text-limits';
import { amendLogEntry, type AmendErrors } from '../../db/repos/log-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { amendmentsFor, getEntry, listStaff } from '../../db/queries';
import { photosFor } from '../../db/queries/photo-queries';
import { useDb } from '../../ui/db-context';
import { useDraftForm } from '../../ui/use-draft-form';

export type { AmendErrors };

/** `amend`: add an amendment, resolve or reopen; `refer`: refer the matter to a department (H4). */
export type AmendMode = 'amend' | 'refer';

/** The server's limits of an amendment's text, the result it may set and a referral's department (issue 7). */
export const AMEND_LIMITS = {
  text: fieldMax(LogAmendment, 'text'),
  result: fieldMax(LogEntryFields, 'result'),
  referredTo: fieldMax(LogEntryFields, 'referredTo'),
};

interface AmendDraft {
  text: string;
  result: string;
  referredTo: string;
}

/**
 * One entry with its amendments (oldest first) and the amendment form. Amendments are
 * append-only (D5): nothing written before changes; resolving records the result (H6), referring
 * names the department and opens linked pending work (H4, H11(a)). A half-written amendment is a
 * draft kept for its person and entry (issue 7).
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
  const [mode, setMode] = useState<AmendMode>('amend');
  const form = useDraftForm<AmendDraft, AmendErrors>({
    formId: `amendment:${entryId}`,
    staffId,
    blank: () => ({ text: '', result: '', referredTo: '' }),
    isBlank: (d) => d.text.trim() === '' && d.result.trim() === '' && d.referredTo.trim() === '',
  });

  const nameOf = (id: string): string | undefined => staff?.find((s) => s.id === id)?.name;

  const amend = (statusChange: EntryStatus | null) =>
    form.save(async (d) => {
      const ctx = await makeWriteContext(db, staffId);
      const trimmedResult = d.result.trim();
      const res = await amendLogEntry(db, ctx, {
        entryId,
        text: d.text.trim(),
        statusChange,
        ...(statusChange === 'resolved' && trimmedResult ? { result: trimmedResult } : {}),
        ...(statusChange === 'referred' ? { referredTo: d.referredTo.trim() } : {}),
      });
      if (!res.ok) return res.errors;
      setMode('amend');
      return null;
    });

  return {
    entry,
    amendments,
    photos,
    nameOf,
    text: form.value.text,
    setText: (text: string) => form.change({ text }),
    result: form.value.result,
    setResult: (result: string) => form.change({ result }),
    mode,
    /** Shows the referral fields (department, what was done) in place of resolve and reopen. */
    startReferring: () => setMode('refer'),
    cancelReferring: () => setMode('amend'),
    referredTo: form.value.referredTo,
    setReferredTo: (referredTo: string) => form.change({ referredTo }),
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    amend,
    refer: () => amend('referred'),
  };
}
