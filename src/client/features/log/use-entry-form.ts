import { useState } from 'react';
import { LogEntryFields, type EntryStatus, type LogKind, type Severity } from '../../../domain/entities';
import { fieldMaxes } from '../../../domain/text-limits';
import { createLogEntry } from '../../db/repos/log-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useDraftForm } from '../../ui/use-draft-form';
import type { EntryFormErrors } from './log-labels';

export type TextField = 'cause' | 'process' | 'result' | 'party' | 'contact' | 'location';

export interface EntryDraft extends Record<TextField, string> {
  kind: LogKind;
  severity: Severity;
  status: EntryStatus;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
  /** Until the person edits occurred-at it means "now", taken at save time from the corrected clock. */
  occurredAtEdited: boolean;
}

const TEXT_FIELDS: readonly TextField[] = ['cause', 'process', 'result', 'party', 'contact', 'location'];

/** The server's limit of each text, read from the shared schema (issue 7). */
export const ENTRY_LIMITS = fieldMaxes(LogEntryFields, TEXT_FIELDS);

function blankDraft(nowMs: number, timeZone: string): EntryDraft {
  return {
    kind: 'enquiry',
    severity: 'routine',
    status: 'open',
    cause: '',
    process: '',
    result: '',
    party: '',
    contact: '',
    location: '',
    occurredAt: toLocalInput(nowMs, timeZone),
    occurredAtEdited: false,
  };
}

export interface EntryFormOptions {
  dutyId: string;
  staffId: string;
  timeZone: string;
  /** The tablet's clock corrected by the server offset (T1), for the default occurred-at. */
  correctedNow(): number;
}

/**
 * The fast entry form (F3, D1, D5). Rules live in the domain's validateLogEntry, run by the
 * repository; its errors come back per field and are shown beside each one while everything typed
 * stays put (H6). Nothing is written unless the entry is valid. A half-written entry is a draft
 * kept for its person (issue 7), so switching screens, an idle sign-out or a reload loses nothing.
 */
export function useEntryForm({ dutyId, staffId, timeZone, correctedNow }: EntryFormOptions) {
  const db = useDb();
  const form = useDraftForm<EntryDraft, EntryFormErrors>({
    formId: 'log-entry',
    staffId,
    blank: () => blankDraft(correctedNow(), timeZone),
    isBlank: (d) => TEXT_FIELDS.every((f) => d[f].trim() === ''),
    // An occurred-at never edited meant "now" when it was typed; it still means now.
    restore: (d) => (d.occurredAtEdited ? d : { ...d, occurredAt: toLocalInput(correctedNow(), timeZone) }),
  });
  const [savedCount, setSavedCount] = useState(0);
  // The photo is not part of the stored draft (its bytes are prepared anew when picked).
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  // Bumped by every reset, so the photo picker (which shows its own preview) starts empty again.
  const [generation, setGeneration] = useState(0);
  useDirtyForm('log-entry-photo', photo !== null);
  const dirty = form.dirty || photo !== null;

  const setText = (field: TextField, value: string) => form.change({ [field]: value });
  // D2/H11(a): an emergency is filed with severity emergency, so pick it for the person.
  const setKind = (kind: LogKind) => form.change(kind === 'emergency' ? { kind, severity: 'emergency' } : { kind });
  const setSeverity = (severity: Severity) => form.change({ severity }, ['process']);
  const setStatus = (status: EntryStatus) => form.change({ status }, ['process', 'result']);
  const setOccurredAt = (value: string) => form.change({ occurredAt: value, occurredAtEdited: true });

  const clearPhoto = () => {
    setPhoto(null);
    setGeneration((g) => g + 1);
  };

  const reset = () => {
    form.discard();
    clearPhoto();
  };

  const submit = async (): Promise<boolean> => {
    const saved = await form.save(async (draft) => {
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = draft.occurredAtEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      if (occurredAt === null) return { occurredAt: 'invalid' };
      const result = await createLogEntry(db, ctx, {
        dutyId,
        fields: {
          kind: draft.kind,
          severity: draft.severity,
          status: draft.status,
          cause: draft.cause.trim(),
          process: draft.process.trim(),
          result: draft.result.trim(),
          party: draft.party.trim(),
          contact: draft.contact.trim(),
          location: draft.location.trim(),
          occurredAt,
        },
        ...(photo ? { photo } : {}),
      });
      return result.ok ? null : result.errors;
    });
    if (saved) {
      clearPhoto();
      setSavedCount((n) => n + 1);
    }
    return saved;
  };

  return {
    draft: form.value,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    attachForm: form.attachForm,
    savedCount,
    generation,
    dirty,
    setText,
    setKind,
    setSeverity,
    setStatus,
    setOccurredAt,
    setPhoto,
    reset,
    submit,
  };
}
