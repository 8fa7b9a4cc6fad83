import type { SyncTable } from '../../domain/entities';
import { OP_REJECT_CODES, type OpRejectCode } from '../../domain/errors';
import type { TFunction } from '../i18n/use-t';
import type { SyncStatus } from '../db/queries';

const KNOWN_TABLES = ['site', 'staff', 'duty', 'logEntry', 'logAmendment', 'item'] as const satisfies SyncTable[];
type KnownTable = (typeof KNOWN_TABLES)[number];

/** "Pending changes" in words, with the singular where a language has one. */
export function pendingText(t: TFunction, count: number): string {
  if (count === 0) return t('status.pending.none');
  return count === 1 ? t('status.pending.one') : t('status.pending.other', { count });
}

/** The human name of a synced table, e.g. logEntry -> "Duty record entry". */
export function tableName(t: TFunction, table: string): string {
  return (KNOWN_TABLES as readonly string[]).includes(table)
    ? t(`table.${table as KnownTable}`)
    : t('table.other', { table });
}

/** Why the server refused a change, in words; unknown codes are shown as they are. */
export function rejectReason(t: TFunction, code: string): string {
  return (OP_REJECT_CODES as readonly string[]).includes(code)
    ? t(`sync.reason.${code as OpRejectCode}`)
    : t('sync.reason.unknown', { code });
}

/** A sync failure other than being offline (which the online indicator already shows). */
export function syncErrorText(t: TFunction, error: SyncStatus['lastError']): string | null {
  switch (error) {
    case 'unauthorized':
      return t('status.error.unauthorized');
    case 'server':
      return t('status.error.server');
    case 'quota':
      return t('status.error.quota');
    default:
      return null;
  }
}

/** T1: the clock offset in whole minutes for the warning (at least 1 once it shows). */
export function skewMinutes(offsetMs: number): number {
  return Math.max(1, Math.round(Math.abs(offsetMs) / 60_000));
}

/** The fields that say what a refused change was about, in the order a person reads them. */
const CONTENT_FIELDS = ['name', 'label', 'cause', 'process', 'result', 'text', 'party', 'location'] as const;

/**
 * What the refused change said (the cause of an entry, the text of an amendment, a person's name),
 * so the person can see it and write it again: the server's syncError row keeps the op's fields.
 */
export function refusedContent(fields: Record<string, unknown>): string {
  return CONTENT_FIELDS.map((f) => fields[f])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join(' · ');
}
