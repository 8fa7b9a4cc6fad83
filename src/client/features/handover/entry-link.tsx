import type { LogEntry } from '../../../domain/entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { useOpenFocus } from '../../state/routes';
import { Button } from '../../ui/button';
import { formatShort } from '../../ui/time';

const kindKey = (e: LogEntry): MessageKey => `kind.${e.kind}`;
const severityKey = (e: LogEntry): MessageKey => `severity.${e.severity}`;
const statusKey = (e: LogEntry): MessageKey => `status.${e.status}`;

/** A duty-record entry in one line: time, kind, severity and status, and its cause. */
export function EntrySummary({ entry, nowMs, timeZone }: { entry: LogEntry; nowMs: number; timeZone: string }) {
  const t = useT();
  return (
    <span className="handover-entry">
      <span className="record-time">{formatShort(entry.occurredAt, nowMs, timeZone)}</span>
      <span className="record-kind">{t(kindKey(entry))}</span>
      <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry))}</span>
      <span className={`badge badge-${entry.status}`}>{t(statusKey(entry))}</span>
      <span className="handover-entry-cause">{entry.cause}</span>
    </span>
  );
}

/**
 * Opens the entry in the duty record (the log section shows its detail and clears the focus), as a
 * new history entry: Back returns to the handover step that linked.
 */
export function OpenEntryButton({ entry }: { entry: Pick<LogEntry, 'id' | 'cause'> }) {
  const t = useT();
  const openFocus = useOpenFocus();
  return (
    <Button
      aria-label={t('handover.openEntryNamed', { cause: entry.cause })}
      onClick={() => openFocus('log', { table: 'logEntry', id: entry.id })}
    >
      {t('handover.openEntry')}
    </Button>
  );
}

/** An entry with its button to open it, as a list row. */
export function EntryLink({ entry, nowMs, timeZone }: { entry: LogEntry; nowMs: number; timeZone: string }) {
  return (
    <div className={`handover-row severity-${entry.severity}`}>
      <EntrySummary entry={entry} nowMs={nowMs} timeZone={timeZone} />
      <OpenEntryButton entry={entry} />
    </div>
  );
}
