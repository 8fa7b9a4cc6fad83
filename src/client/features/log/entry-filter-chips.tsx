import { useT, type TFunction } from '../../i18n/use-t';
import { ChipGroup, type ChoiceOption } from '../../ui/choice-group';
import { kindOptions, severityOptions, statusOptions } from './log-labels';
import { ALL, type All, type EntryFilterState } from './use-entry-filters';

function withAll<T extends string>(t: TFunction, options: ChoiceOption<T>[]): ChoiceOption<T | All>[] {
  return [{ value: ALL, label: t('filter.all') }, ...options];
}

/** The kind, severity and status filter chips above an entry list ("Filter by kind", ...). */
export function EntryFilterChips({ filters }: { filters: EntryFilterState }) {
  const t = useT();
  return (
    <div className="filters">
      <ChipGroup
        legend={t('filter.kind')}
        legendHidden
        options={withAll(t, kindOptions(t))}
        value={filters.kind}
        onChange={filters.setKind}
      />
      <ChipGroup
        legend={t('filter.severity')}
        legendHidden
        options={withAll(t, severityOptions(t))}
        value={filters.severity}
        onChange={filters.setSeverity}
      />
      <ChipGroup
        legend={t('filter.status')}
        legendHidden
        options={withAll(t, statusOptions(t))}
        value={filters.status}
        onChange={filters.setStatus}
      />
    </div>
  );
}
