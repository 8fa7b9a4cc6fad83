/**
 * The registers' filters (F1, F2, F3): date range in building days, kind, severity, status, person
 * and location. Each is kept in the URL query (use-register.ts); a malformed one (an edited or old
 * link) is named beside its field.
 */
import { ENTRY_STATUSES, LOG_KINDS, SEVERITIES } from '../../../domain/entities';
import type { FilterField } from '../../../domain/register-filters';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { FILTER_ERROR_KEYS } from './register-labels';
import type { RegisterState } from './use-register';

export function RegisterFiltersBar({ r }: { r: RegisterState }) {
  const t = useT();
  const error = (f: FilterField) => {
    const code = r.errors[f];
    return code === undefined ? undefined : t(FILTER_ERROR_KEYS[code]);
  };
  const select = (field: FilterField, label: string, options: readonly { value: string; label: string }[]) => (
    <Field label={label} error={error(field)}>
      {(p) => (
        <select {...p} value={r.raw[field]} onChange={(e) => r.setFilter(field, e.target.value)}>
          <option value="">{t('registers.filter.any')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <section className="register-filters no-print" aria-label={t('registers.filters')}>
      <Field label={t('registers.filter.from')} error={error('from')}>
        {(p) => <input {...p} type="date" value={r.raw.from} onChange={(e) => r.setFilter('from', e.target.value)} />}
      </Field>
      <Field label={t('registers.filter.to')} error={error('to')}>
        {(p) => <input {...p} type="date" value={r.raw.to} onChange={(e) => r.setFilter('to', e.target.value)} />}
      </Field>
      {select(
        'kind',
        t('registers.filter.kind'),
        LOG_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
      )}
      {select(
        'severity',
        t('registers.filter.severity'),
        SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
      )}
      {select(
        'status',
        t('registers.filter.status'),
        ENTRY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
      )}
      {select(
        'staffId',
        t('registers.filter.person'),
        (r.staff ?? []).map((s) => ({ value: s.id, label: s.name })),
      )}
      <Field label={t('registers.filter.location')} error={error('location')}>
        {(p) => <input {...p} value={r.raw.location} onChange={(e) => r.setFilter('location', e.target.value)} />}
      </Field>
      <div className="register-filters-clear">
        <Button onClick={r.clearFilters}>{t('registers.filter.clear')}</Button>
      </div>
    </section>
  );
}
