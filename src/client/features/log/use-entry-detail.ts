import { useLiveQuery } from 'dexie-react-hooks';
import { LogAmendment, LogEntryFields, type EntryStatus, type LogEntry } from '../../../domain/entities';
import { fieldMax } from '../../../domain/text-limits';
import { amendLogEntry, type AmendErrors } from '../../db/repos/log-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { amendmentsFor, getEntry, listStaff } from '../../db/queries';
import { photosFor } from '../../db/queries/photo-queries';
import { useDb } from '../../ui/db-context';
import { useDraftForm } from '../../ui/use-draft-form';

export type { AmendErrors };

/** The server's limits of an amendment's text and of the result it may set (issue 7). */
export const AMEND_LIMITS = { text: fieldMax(LogAmendment, 'text'), result: fieldMax(LogEntryFields, 'result') };

interface AmendDraft {
  text: string;
  result: string;
}

/**
 * One entry with its amendments (oldest first) and the amendment form. Amendments are
 * append-only (D5): nothing written before changes; resolving records the result (H6). A
 * half-written amendment is a draft kept for its person and entry (issue 7).
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
  const form = useDraftForm<AmendDraft, AmendErrors>({
    formId: `amendment:${entryId}`,
    staffId,
    blank: () => ({ text: '', result: '' }),
    isBlank: (d) => d.text.trim() === '' && d.result.trim() === '',
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
      });
      return res.ok ? null : res.errors;
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
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    amend,
  };
}
