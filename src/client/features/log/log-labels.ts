import {
  ENTRY_STATUSES,
  LOG_KINDS,
  SEVERITIES,
  type EntryStatus,
  type LogKind,
  type Severity,
} from '../../../domain/entities';
import type { LogFieldError, LogFieldErrors } from '../../../domain/log-entry';
import type { MessageKey } from '../../i18n/en';
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

/** The label of each entry field, also used inside "{field} is required". */
export const FIELD_LABELS = {
  kind: 'log.kind',
  severity: 'log.severity',
  status: 'log.status',
  cause: 'log.cause',
  process: 'log.process',
  result: 'log.result',
  party: 'log.party',
  contact: 'log.contact',
  location: 'log.location',
  occurredAt: 'log.occurredAt',
} as const satisfies Record<keyof LogFieldErrors, MessageKey>;

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
      return t('error.required', { field: t(FIELD_LABELS[field]) });
    case 'emergencySeverity':
      return t('log.error.emergencySeverity');
    case 'inFuture':
      return t('log.error.inFuture');
    case 'tooLong':
      // Field says "at most N characters; now M" when it has the limit; this is the fallback.
      return t('error.tooLong', { field: t(FIELD_LABELS[field]) });
    default:
      return t('log.error.occurredAt');
  }
}
