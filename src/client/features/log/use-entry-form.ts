import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import {
  LogEntryFields,
  type EntryChannel,
  type EntryStatus,
  type LogKind,
  type PartyType,
  type Severity,
} from '../../../domain/entities';
import { isPartyKind } from '../../../domain/log-entry';
import { fieldMaxes } from '../../../domain/text-limits';
import { dutiesByIds } from '../../db/queries';
import { createLogEntry } from '../../db/repos/log-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useDraftForm } from '../../ui/use-draft-form';
import { atDutyStart } from './entry-times';
import type { EntryFormErrors } from './log-labels';

export type TextField =
  | 'cause'
  | 'process'
  | 'result'
  | 'party'
  | 'contact'
  | 'location'
  | 'referredTo'
  | 'backdateReason'
  | 'unit'
  | 'assignedTo';

export interface EntryDraft extends Record<TextField, string> {
  kind: LogKind;
  severity: Severity;
  status: EntryStatus;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
  /** Until the person edits occurred-at it means "now", taken at save time from the corrected clock. */
  occurredAtEdited: boolean;
  /** H11(b): an equipment operation's end (datetime-local), or null while it has not ended. */
  operationEndedAt: string | null;
  /** Like occurred-at, a recorded end means "now" (at save) until the person edits it. */
  endEdited: boolean;
  /** F1: call or visit, owner or tenant (null until chosen). */
  channel: EntryChannel | null;
  partyType: PartyType | null;
  /** F2: when the repair was completed (datetime-local in the building's zone), '' while not done. */
  completedAt: string;
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
  'unit',
  'assignedTo',
];

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
    referredTo: '',
    backdateReason: '',
    operationEndedAt: null,
    endEdited: false,
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: '',
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
    restore: (d) => ({
      ...blankDraft(correctedNow(), timeZone),
      ...d,
      ...(d.occurredAtEdited ? {} : { occurredAt: toLocalInput(correctedNow(), timeZone) }),
    }),
  });
  const draft = form.value;
  const [savedCount, setSavedCount] = useState(0);
  // The photo is not part of the stored draft (its bytes are prepared anew when picked).
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  // Bumped by every reset, so the photo picker (which shows its own preview) starts empty again.
  const [generation, setGeneration] = useState(0);
  useDirtyForm('log-entry-photo', photo !== null);
  const dirty = form.dirty || photo !== null;

  // T1: the start of the duty this entry goes into; an earlier occurred-at asks for its reason.
  const dutyStartedAt =
    useLiveQuery(async () => (await dutiesByIds(db, [dutyId]))[0]?.startedAt ?? null, [db, dutyId]) ?? null;
  const typedOccurredAt = draft.occurredAtEdited ? fromLocalInput(draft.occurredAt, timeZone) : null;
  const backdated =
    typedOccurredAt !== null && dutyStartedAt !== null && atDutyStart(typedOccurredAt, dutyStartedAt) < dutyStartedAt;

  const setText = (field: TextField, value: string) => form.change({ [field]: value });
  // D2/H11(a): an emergency is filed with severity emergency, so pick it for the person.
  const setKind = (kind: LogKind) =>
    form.change(kind === 'emergency' ? { kind, severity: 'emergency' } : { kind }, ['status', 'operationEndedAt']);
  const setSeverity = (severity: Severity) => form.change({ severity }, ['process', 'status']);
  const setStatus = (status: EntryStatus) =>
    form.change({ status }, ['process', 'result', 'referredTo', 'operationEndedAt']);
  const setOccurredAt = (value: string) =>
    form.change({ occurredAt: value, occurredAtEdited: true }, ['backdateReason']);

  /** H11(b): the operation has ended; its end defaults to now on the server-corrected clock (T1). */
  const recordEnd = () => form.change({ operationEndedAt: toLocalInput(correctedNow(), timeZone), endEdited: false });
  const setOperationEndedAt = (value: string) => form.change({ operationEndedAt: value, endEdited: true });
  const clearEnd = () => form.change({ operationEndedAt: null, endEdited: false });
  // F1, F2: how the matter came, who the party is, and a repair's completion.
  const setChannel = (channel: EntryChannel) => form.change({ channel });
  const setPartyType = (partyType: PartyType) => form.change({ partyType });
  const setCompletedAt = (completedAt: string) => form.change({ completedAt }, ['assignedTo']);

  const clearPhoto = () => {
    setPhoto(null);
    setGeneration((g) => g + 1);
  };

  const reset = () => {
    form.discard();
    clearPhoto();
  };

  const submit = async (): Promise<boolean> => {
    const saved = await form.save(async (d) => {
      const ctx = await makeWriteContext(db, staffId);
      const typed = d.occurredAtEdited ? fromLocalInput(d.occurredAt, timeZone) : ctx.now();
      if (typed === null) return { occurredAt: 'invalid' };
      const occurredAt = d.occurredAtEdited ? atDutyStart(typed, dutyStartedAt) : typed;
      // H11(b): only an equipment operation has an end; the end of a kind changed since is dropped.
      const endInput = d.kind === 'equipmentOp' ? d.operationEndedAt : null;
      const operationEndedAt = endInput === null ? null : d.endEdited ? fromLocalInput(endInput, timeZone) : ctx.now();
      if (endInput !== null && operationEndedAt === null) return { operationEndedAt: 'invalid' };
      // F1, F2: kept only for the kinds that have them (the fields are shown only then).
      const party = isPartyKind(d.kind);
      const repair = d.kind === 'repair';
      const completedAt = repair && d.completedAt !== '' ? fromLocalInput(d.completedAt, timeZone) : null;
      if (repair && d.completedAt !== '' && completedAt === null) return { completedAt: 'invalid' };
      const result = await createLogEntry(db, ctx, {
        dutyId,
        fields: {
          kind: d.kind,
          severity: d.severity,
          status: d.status,
          cause: d.cause.trim(),
          process: d.process.trim(),
          result: d.result.trim(),
          party: d.party.trim(),
          contact: d.contact.trim(),
          location: d.location.trim(),
          occurredAt,
          referredTo: d.status === 'referred' ? d.referredTo.trim() : '',
          operationEndedAt,
          // T1: the reason is kept only for a time before the duty (the field is shown only then).
          backdateReason: dutyStartedAt !== null && occurredAt >= dutyStartedAt ? '' : d.backdateReason.trim(),
          channel: party ? d.channel : null,
          partyType: party ? d.partyType : null,
          unit: party ? d.unit.trim() : '',
          assignedTo: repair ? d.assignedTo.trim() : '',
          completedAt,
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
    draft,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    attachForm: form.attachForm,
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
    setChannel,
    setPartyType,
    setCompletedAt,
    setPhoto,
    reset,
    submit,
  };
}
