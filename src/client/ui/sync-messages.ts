import type { SyncTable } from '../../domain/entities';
import { OP_REJECT_CODES, type OpRejectCode } from '../../domain/errors';
import type { TFunction } from '../i18n/use-t';
import type { SyncStatus } from '../db/queries';

const KNOWN_TABLES = [
  'site',
  'staff',
  'duty',
  'logEntry',
  'logAmendment',
  'item',
  'itemMovement',
  'task',
  'taskNote',
  'acknowledgement',
  'rotaShift',
  'swapRequest',
  'handover',
  'countLine',
  'handoverRecord',
  'photo',
  'syncError',
  'escalation',
  'dayReview',
  'spotCheck',
  'conflictResolution',
  'dailyReport',
  'serviceOrder',
] as const satisfies SyncTable[];
type KnownTable = (typeof KNOWN_TABLES)[number];

/**
 * "Pending changes" in words, with the singular where a language has one. "All changes are on the
 * server" only while no photo waits to upload either (issue 7 §8); otherwise null when no row
 * change waits, and the photos are counted on their own (photosWaitingText).
 */
export function pendingText(t: TFunction, count: number, photosWaiting = 0): string | null {
  if (count === 0) return photosWaiting === 0 ? t('status.pending.none') : null;
  return count === 1 ? t('status.pending.one') : t('status.pending.other', { count });
}

/** Photos taken here whose bytes are not on the server yet, in words; null when none. */
export function photosWaitingText(t: TFunction, count: number): string | null {
  if (count === 0) return null;
  return count === 1 ? t('status.photos.waiting.one') : t('status.photos.waiting.other', { count });
}

/** Photos the server refused for good (kept on the tablet), in words; null when none. */
export function photosRefusedText(t: TFunction, count: number): string | null {
  if (count === 0) return null;
  return count === 1 ? t('status.photos.refused.one') : t('status.photos.refused.other', { count });
}

/** The human name of a synced table, e.g. logEntry -> "Duty record entry". */
export function tableName(t: TFunction, table: string): string {
  return (KNOWN_TABLES as readonly string[]).includes(table)
    ? t(`table.${table as KnownTable}`)
    : t('table.other', { table });
}

/** Why the server refused a change, in words; unknown codes are shown as they are. */
export function rejectReason(t: TFunction, code: string): string {
  // Issue 9 §1: written by this tablet, not the server, when a restored server lost ops it no longer keeps.
  if (code === 'ops_lost') return t('sync.reason.ops_lost');
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
    case 'blocked':
      return t('status.error.blocked');
    default:
      return null;
  }
}

/** T1: the clock offset in whole minutes for the warning (at least 1 once it shows). */
export function skewMinutes(offsetMs: number): number {
  return Math.max(1, Math.round(Math.abs(offsetMs) / 60_000));
}
