import type { LogEntry } from '../../domain/entities';
import { useT } from '../i18n/use-t';
import { formatShort } from './time';

/** The fields an entry's status line reads. */
export type EntryStatusFields = Pick<LogEntry, 'kind' | 'status' | 'referredTo' | 'occurredAt' | 'operationEndedAt'>;

/**
 * An entry's status as every list shows it, so the duty record, the record by day and the
 * handover's carry-over read the same: "Referred to Engineering" for a referred matter (H4,
 * H11(a)), and for an equipment operation "In progress since 09:03" until its end is recorded
 * (H11(b): it blocks the handover meanwhile). `sameDayAs` drops the date of times on that day.
 */
export function EntryStatusBadges({
  entry,
  timeZone,
  sameDayAs,
}: {
  entry: EntryStatusFields;
  timeZone: string;
  sameDayAs: number;
}) {
  const t = useT();
  const referredTo = entry.referredTo.trim();
  return (
    <>
      <span className={`badge badge-${entry.status}`}>
        {entry.status === 'referred' && referredTo !== ''
          ? t('entry.referredTo', { department: referredTo })
          : t(`status.${entry.status}`)}
      </span>
      {entry.kind === 'equipmentOp' && entry.operationEndedAt === null ? (
        <span className="badge badge-in-progress">
          {t('entry.inProgressSince', { time: formatShort(entry.occurredAt, sameDayAs, timeZone) })}
        </span>
      ) : null}
    </>
  );
}
