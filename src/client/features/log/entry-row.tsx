import type { LogEntry } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { formatShort } from '../../ui/time';
import { kindKey, severityKey, statusKey } from './log-labels';

export interface EntryRowProps {
  entry: LogEntry;
  /** Entries on the same building day as this time show only HH:mm; others show the date too. */
  sameDayAs: number;
  timeZone: string;
  onOpen(): void;
}

/** One entry in a list, as a single large button that opens its detail view. */
export function EntryRow({ entry, sameDayAs, timeZone, onOpen }: EntryRowProps) {
  const t = useT();
  const where = [entry.party, entry.location].filter(Boolean).join(' · ');
  return (
    <button type="button" className={`record-row severity-${entry.severity}`} onClick={onOpen}>
      <span className="record-time">{formatShort(entry.occurredAt, sameDayAs, timeZone)}</span>
      <span className="record-kind">{t(kindKey(entry.kind))}</span>
      <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry.severity))}</span>
      <span className={`badge badge-${entry.status}`}>{t(statusKey(entry.status))}</span>
      <span className="record-line">{entry.cause}</span>
      {where ? <span className="record-meta">{where}</span> : null}
    </button>
  );
}
