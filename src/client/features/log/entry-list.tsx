import { useId } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { useT, type TFunction } from '../../i18n/use-t';
import { ChipGroup, type ChoiceOption } from '../../ui/choice-group';
import { formatShort } from '../../ui/time';
import { useNow } from '../../ui/use-now';
import { kindKey, kindOptions, severityKey, severityOptions, statusKey, statusOptions } from './log-labels';
import { ALL, useEntryList, type All } from './use-entry-list';

function withAll<T extends string>(t: TFunction, options: ChoiceOption<T>[]): ChoiceOption<T | All>[] {
  return [{ value: ALL, label: t('filter.all') }, ...options];
}

/** The current duty's entries with filter chips; tapping an entry opens its detail view. */
export function EntryList({
  dutyId,
  timeZone,
  onOpen,
}: {
  dutyId: string;
  timeZone: string;
  onOpen(entryId: string): void;
}) {
  const t = useT();
  const titleId = useId();
  const list = useEntryList(dutyId);
  const now = useNow();
  const count = list.entries?.length ?? 0;

  return (
    <section className="card entry-list" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('log.list.title')}</h2>
        {list.entries ? (
          <span className="count">{count === 1 ? t('log.list.count.one') : t('log.list.count.other', { count })}</span>
        ) : null}
      </div>
      <div className="filters">
        <ChipGroup
          legend={t('filter.kind')}
          legendHidden
          options={withAll(t, kindOptions(t))}
          value={list.kind}
          onChange={list.setKind}
        />
        <ChipGroup
          legend={t('filter.severity')}
          legendHidden
          options={withAll(t, severityOptions(t))}
          value={list.severity}
          onChange={list.setSeverity}
        />
        <ChipGroup
          legend={t('filter.status')}
          legendHidden
          options={withAll(t, statusOptions(t))}
          value={list.status}
          onChange={list.setStatus}
        />
      </div>
      {list.entries && count === 0 ? (
        <p className="empty">{list.filtered ? t('log.list.noMatch') : t('log.list.empty')}</p>
      ) : null}
      <ul className="entries" aria-labelledby={titleId}>
        {list.entries?.map((entry) => (
          <li key={entry.id}>
            <EntryRow entry={entry} now={now} timeZone={timeZone} onOpen={() => onOpen(entry.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function EntryRow(props: { entry: LogEntry; now: number; timeZone: string; onOpen(): void }) {
  const { entry, now, timeZone, onOpen } = props;
  const t = useT();
  const where = [entry.party, entry.location].filter(Boolean).join(' · ');
  return (
    <button type="button" className={`entry-row severity-${entry.severity}`} onClick={onOpen}>
      <span className="entry-time">{formatShort(entry.occurredAt, now, timeZone)}</span>
      <span className="entry-kind">{t(kindKey(entry.kind))}</span>
      <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry.severity))}</span>
      <span className={`badge badge-${entry.status}`}>{t(statusKey(entry.status))}</span>
      <span className="entry-cause">{entry.cause}</span>
      {where ? <span className="entry-where">{where}</span> : null}
    </button>
  );
}
