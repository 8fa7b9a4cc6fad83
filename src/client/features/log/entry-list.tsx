import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { useNow } from '../../ui/use-now';
import { EntryFilterChips } from './entry-filter-chips';
import { EntryRow } from './entry-row';
import { useEntryList } from './use-entry-list';

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
  const { entries, inDoubt, filters } = useEntryList(dutyId);
  const now = useNow();
  const count = entries?.length ?? 0;

  return (
    <section className="card entry-list" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('log.list.title')}</h2>
        {entries ? (
          <span className="count">{count === 1 ? t('log.list.count.one') : t('log.list.count.other', { count })}</span>
        ) : null}
      </div>
      <EntryFilterChips filters={filters} />
      {entries && count === 0 ? (
        <p className="empty">{filters.filtered ? t('log.list.noMatch') : t('log.list.empty')}</p>
      ) : null}
      <ul className="record-rows" aria-labelledby={titleId}>
        {entries?.map((entry) => (
          <li key={entry.id}>
            <EntryRow
              entry={entry}
              sameDayAs={now}
              timeZone={timeZone}
              timeInDoubt={inDoubt?.has(entry.id) ?? false}
              onOpen={() => onOpen(entry.id)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
