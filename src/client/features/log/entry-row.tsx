import type { LogEntry } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { EntryStatusBadges } from '../../ui/entry-status-badge';
import { formatShort } from '../../ui/time';
import { kindKey, severityKey } from './log-labels';

export interface EntryRowProps {
  entry: LogEntry;
  /** Entries on the same building day as this time show only HH:mm; others show the date too. */
  sameDayAs: number;
  timeZone: string;
  /** T1: the server flagged a time of this entry (its detail says which and why). */
  timeInDoubt?: boolean;
  onOpen(): void;
}

/**
 * One entry in a list, as a single large button that opens its detail view. Its status reads
 * "Referred to …" for a referred matter and "In progress since …" for an operation not yet ended.
 */
export function EntryRow({ entry, sameDayAs, timeZone, timeInDoubt = false, onOpen }: EntryRowProps) {
  const t = useT();
  const where = [entry.party, entry.location].filter(Boolean).join(' · ');
  return (
    <button type="button" className={`record-row severity-${entry.severity}`} onClick={onOpen}>
      <span className="record-time">{formatShort(entry.occurredAt, sameDayAs, timeZone)}</span>
      <span className="record-kind">{t(kindKey(entry.kind))}</span>
      <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry.severity))}</span>
      <EntryStatusBadges entry={entry} timeZone={timeZone} sameDayAs={sameDayAs} />
      {timeInDoubt ? <span className="badge badge-doubt">{t('flag.timeInDoubt.short')}</span> : null}
      <span className="record-line">{entry.cause}</span>
      {where ? <span className="record-meta">{where}</span> : null}
    </button>
  );
}
