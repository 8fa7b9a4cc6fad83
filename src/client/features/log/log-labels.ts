import {
  ENTRY_STATUSES,
  LOG_KINDS,
  SEVERITIES,
  type EntryStatus,
  type LogEntryFields,
  type LogKind,
  type Severity,
} from '../../../domain/entities';
import { validateLogEntry, type LogFieldError, type LogFieldErrors } from '../../../domain/log-entry';
import type { MessageKey } from '../../i18n/en';
import { ENTRY_FIELD_LABELS } from '../../i18n/entry-field-labels';
import type { TFunction } from '../../i18n/use-t';
import type { ChoiceOption } from '../../ui/choice-group';

export const kindKey = (k: LogKind): MessageKey => `kind.${k}`;
export const severityKey = (s: Severity): MessageKey => `severity.${s}`;
export const statusKey = (s: EntryStatus): MessageKey => `status.${s}`;

export const kindOptions = (t: TFunction): ChoiceOption<LogKind>[] =>
  LOG_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }));
export const severityOptions = (t: TFunction): ChoiceOption<Severity>[] =>
  SEVERITIES.map((s) => ({ value: s, label: t(severityKey(s)) }));
export const statusOptions = (t: TFunction): ChoiceOption<EntryStatus>[] =>
  ENTRY_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }));

/** A referred entry complete but for its kind and severity, for asking the rule below. */
const REFERRAL_PROBE: LogEntryFields = {
  kind: 'other',
  severity: 'major',
  status: 'referred',
  cause: '-',
  process: '-',
  result: '',
  party: '',
  contact: '',
  location: '',
  occurredAt: 0,
  referredTo: '-',
  operationEndedAt: null,
  backdateReason: '',
  channel: null,
  partyType: null,
  unit: '',
  assignedTo: '',
  completedAt: null,
};

/**
 * H4, H11(a): whether a matter may be referred to a department. Asked of the domain rule itself
 * (an emergency in progress is dealt with at the desk), so the offer and the refusal never differ.
 */
export function canRefer(f: Pick<LogEntryFields, 'kind' | 'severity'>): boolean {
  const referred = { ...REFERRAL_PROBE, kind: f.kind, severity: f.severity };
  return validateLogEntry(referred, { nowMs: REFERRAL_PROBE.occurredAt, dutyStartedAt: null }).status === undefined;
}

/**
 * The statuses the entry form offers: Referred only for a matter that may be referred, unless it
 * is already chosen (the kind changed to Emergency after it), so the refusal shows beside it.
 */
export function formStatusOptions(
  t: TFunction,
  draft: Pick<LogEntryFields, 'kind' | 'severity' | 'status'>,
): ChoiceOption<EntryStatus>[] {
  return statusOptions(t).filter((o) => o.value !== 'referred' || draft.status === 'referred' || canRefer(draft));
}

/** The label of each entry field, also used inside "{field} is required" (shared with the sync panel). */
export const FIELD_LABELS = ENTRY_FIELD_LABELS;

/** Form-only problem: the date/time input is empty or not a date. */
export type EntryFormErrors = Partial<Record<keyof LogFieldErrors, LogFieldError | 'invalid'>>;

/** The message shown beside a field for a validation code (H6). */
export function fieldErrorText(
  t: TFunction,
  field: keyof LogFieldErrors,
  code: string | undefined,
): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case 'required':
      // H11(b): the end is "required" only because the operation is being closed; say so.
      if (field === 'operationEndedAt') return t('log.error.endRequired');
      // F2: a completed repair names who did it.
      if (field === 'assignedTo') return t('registers.error.assignedToRequired');
      return t('error.required', { field: t(FIELD_LABELS[field]) });
    case 'emergencySeverity':
      return t('log.error.emergencySeverity');
    case 'inFuture':
      return t('log.error.inFuture');
    case 'emergencyNotReferable':
      return t('log.error.emergencyNotReferable');
    case 'beforeStart':
      return field === 'completedAt' ? t('registers.error.completedBeforeStart') : t('log.error.endBeforeStart');
    case 'notPartyMatter':
      return t('registers.error.notPartyMatter');
    case 'notRepair':
      return t('registers.error.notRepair');
    case 'notEquipment':
      return t('log.error.notEquipment');
    case 'tooLong':
      // Field says "at most N characters; now M" when it has the limit; this is the fallback.
      return t('error.tooLong', { field: t(FIELD_LABELS[field]) });
    default:
      return t('log.error.occurredAt');
  }
}
