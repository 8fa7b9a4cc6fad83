import { useState } from 'react';
import type { EntryStatus, LogEntryFields, LogKind, Severity } from '../../../domain/entities';
import { createLogEntry } from '../../db/repos/log-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import type { EntryFormErrors } from './log-labels';

export type TextField = 'cause' | 'process' | 'result' | 'party' | 'contact' | 'location';

export interface EntryDraft extends Record<TextField, string> {
  kind: LogKind;
  severity: Severity;
  status: EntryStatus;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
}

const TEXT_FIELDS: readonly TextField[] = ['cause', 'process', 'result', 'party', 'contact', 'location'];

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
 * stays put (H6). Nothing is written unless the entry is valid.
 */
export function useEntryForm({ dutyId, staffId, timeZone, correctedNow }: EntryFormOptions) {
  const db = useDb();
  const [draft, setDraft] = useState<EntryDraft>(() => blankDraft(correctedNow(), timeZone));
  // Until the person edits occurred-at it means "now", taken at save time from the corrected clock.
  const [occurredAtEdited, setOccurredAtEdited] = useState(false);
  const [errors, setErrors] = useState<EntryFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  // Bumped by every reset, so the photo picker (which shows its own preview) starts empty again.
  const [generation, setGeneration] = useState(0);

  const dirty = TEXT_FIELDS.some((f) => draft[f].trim() !== '') || photo !== null;
  useDirtyForm('log-entry', dirty);

  const clearError = (field: keyof EntryFormErrors) =>
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _removed, ...rest } = e;
      return rest;
    });

  const setText = (field: TextField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clearError(field);
  };

  const setKind = (kind: LogKind) => {
    // D2/H11(a): an emergency is filed with severity emergency, so pick it for the person.
    setDraft((d) => ({ ...d, kind, severity: kind === 'emergency' ? 'emergency' : d.severity }));
    clearError('kind');
    if (kind === 'emergency') clearError('severity');
  };

  const setSeverity = (severity: Severity) => {
    setDraft((d) => ({ ...d, severity }));
    clearError('severity');
    clearError('process');
  };

  const setStatus = (status: EntryStatus) => {
    setDraft((d) => ({ ...d, status }));
    clearError('status');
    clearError('process');
    clearError('result');
  };

  const setOccurredAt = (value: string) => {
    setDraft((d) => ({ ...d, occurredAt: value }));
    setOccurredAtEdited(true);
    clearError('occurredAt');
  };

  const reset = () => {
    setDraft(blankDraft(correctedNow(), timeZone));
    setOccurredAtEdited(false);
    setErrors({});
    setFailure(null);
    setPhoto(null);
    setGeneration((g) => g + 1);
  };

  const submit = async (): Promise<boolean> => {
    setFailure(null);
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = occurredAtEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      if (occurredAt === null) {
        setErrors({ occurredAt: 'invalid' });
        return false;
      }
      const fields: LogEntryFields = {
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
      };
      const result = await createLogEntry(db, ctx, { dutyId, fields, ...(photo ? { photo } : {}) });
      if (!result.ok) {
        setErrors(result.errors);
        return false;
      }
      reset();
      setSavedCount((n) => n + 1);
      return true;
    } catch (error) {
      // e.g. storage full: keep the draft so nothing typed is lost, and say why.
      setFailure(error);
      return false;
    } finally {
      setSaving(false);
    }
  };

  return {
    draft,
    errors,
    saving,
    failure,
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
