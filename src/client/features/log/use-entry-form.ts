import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { EntryStatus, LogEntryFields, LogKind, Severity } from '../../../domain/entities';
import { dutiesByIds } from '../../db/queries';
import { createLogEntry } from '../../db/repos/log-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { atDutyStart } from './entry-times';
import type { EntryFormErrors } from './log-labels';

export type TextField =
  'cause' | 'process' | 'result' | 'party' | 'contact' | 'location' | 'referredTo' | 'backdateReason';

export interface EntryDraft extends Record<TextField, string> {
  kind: LogKind;
  severity: Severity;
  status: EntryStatus;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
  /** H11(b): an equipment operation's end (datetime-local), or null while it has not ended. */
  operationEndedAt: string | null;
}

const TEXT_FIELDS: readonly TextField[] = [
  'cause',
  'process',
  'result',
  'party',
  'contact',
  'location',
  'referredTo',
  'backdateReason',
];

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
    referredTo: '',
    backdateReason: '',
    operationEndedAt: null,
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
  // H11(b): like occurred-at, a recorded end means "now" (at save) until the person edits it.
  const [endEdited, setEndEdited] = useState(false);
  // T1: the start of the duty this entry goes into; an earlier occurred-at asks for its reason.
  const dutyStartedAt =
    useLiveQuery(async () => (await dutiesByIds(db, [dutyId]))[0]?.startedAt ?? null, [db, dutyId]) ?? null;
  const typedOccurredAt = occurredAtEdited ? fromLocalInput(draft.occurredAt, timeZone) : null;
  const backdated =
    typedOccurredAt !== null && dutyStartedAt !== null && atDutyStart(typedOccurredAt, dutyStartedAt) < dutyStartedAt;

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
    clearError('status');
    clearError('operationEndedAt');
    if (kind === 'emergency') clearError('severity');
  };

  const setSeverity = (severity: Severity) => {
    setDraft((d) => ({ ...d, severity }));
    clearError('severity');
    clearError('process');
    clearError('status');
  };

  const setStatus = (status: EntryStatus) => {
    setDraft((d) => ({ ...d, status }));
    clearError('status');
    clearError('process');
    clearError('result');
    clearError('referredTo');
    clearError('operationEndedAt');
  };

  const setOccurredAt = (value: string) => {
    setDraft((d) => ({ ...d, occurredAt: value }));
    setOccurredAtEdited(true);
    clearError('occurredAt');
    clearError('backdateReason');
  };

  /** H11(b): the operation has ended; its end defaults to now on the server-corrected clock (T1). */
  const recordEnd = () => {
    setDraft((d) => ({ ...d, operationEndedAt: toLocalInput(correctedNow(), timeZone) }));
    setEndEdited(false);
    clearError('operationEndedAt');
  };

  const setOperationEndedAt = (value: string) => {
    setDraft((d) => ({ ...d, operationEndedAt: value }));
    setEndEdited(true);
    clearError('operationEndedAt');
  };

  const clearEnd = () => {
    setDraft((d) => ({ ...d, operationEndedAt: null }));
    setEndEdited(false);
    clearError('operationEndedAt');
  };

  const reset = () => {
    setDraft(blankDraft(correctedNow(), timeZone));
    setOccurredAtEdited(false);
    setEndEdited(false);
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
      const typed = occurredAtEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      if (typed === null) {
        setErrors({ occurredAt: 'invalid' });
        return false;
      }
      const occurredAt = occurredAtEdited ? atDutyStart(typed, dutyStartedAt) : typed;
      // H11(b): only an equipment operation has an end; the end of a kind changed since is dropped.
      const endInput = draft.kind === 'equipmentOp' ? draft.operationEndedAt : null;
      const operationEndedAt = endInput === null ? null : endEdited ? fromLocalInput(endInput, timeZone) : ctx.now();
      if (endInput !== null && operationEndedAt === null) {
        setErrors({ operationEndedAt: 'invalid' });
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
        referredTo: draft.status === 'referred' ? draft.referredTo.trim() : '',
        operationEndedAt,
        // T1: the reason is kept only for a time before the duty (the field is shown only then).
        backdateReason: dutyStartedAt !== null && occurredAt >= dutyStartedAt ? '' : draft.backdateReason.trim(),
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
    backdated,
    dutyStartedAt,
    setText,
    setKind,
    setSeverity,
    setStatus,
    setOccurredAt,
    recordEnd,
    setOperationEndedAt,
    clearEnd,
    setPhoto,
    reset,
    submit,
  };
}
