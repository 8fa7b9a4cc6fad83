import type { HandoverKind } from '../../../domain/handover-entities';
import { HANDOVER_KINDS } from '../../../domain/handover-entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { ChipGroup } from '../../ui/choice-group';
import { Field } from '../../ui/field';
import { KIND_LABELS } from './record-facts';
import type { HistoryFilters as Filters } from './use-history-filters';

/**
 * The history's filters: a range of building days (the end day included) and the kind of record.
 * A malformed day or kind in the URL, or an end before the start, is said beside its field.
 */
export function HistoryFilters({ filters, timeZone }: { filters: Filters; timeZone: string }) {
  const t = useT();
  const error = (field: keyof Filters['errors']) => {
    const key = filters.errors[field];
    return key ? t(key) : undefined;
  };
  return (
    <div className="history-filters" role="group" aria-label={t('history.filters')}>
      <Field label={t('history.filter.from')} error={error('from')} hint={t('day.zone', { zone: timeZone })}>
        {(p) => <input {...p} type="date" value={filters.from} onChange={(e) => filters.set('from', e.target.value)} />}
      </Field>
      <Field label={t('history.filter.to')} error={error('to')}>
        {(p) => <input {...p} type="date" value={filters.to} onChange={(e) => filters.set('to', e.target.value)} />}
      </Field>
      <ChipGroup<HandoverKind | 'all'>
        legend={t('history.filter.kind')}
        options={[
          { value: 'all', label: t('history.filter.all') },
          ...HANDOVER_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) })),
        ]}
        value={filters.kind}
        onChange={(v) => filters.set('kind', v)}
        error={error('kind')}
      />
      {filters.filtered ? (
        <Button variant="quiet" onClick={filters.clear}>
          {t('history.filter.clear')}
        </Button>
      ) : null}
    </div>
  );
}
