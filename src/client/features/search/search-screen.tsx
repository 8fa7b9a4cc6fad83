import { ENTRY_STATUSES, LOG_KINDS, SEVERITIES } from '../../../domain/entities';
import type { FilterProblem } from '../../../domain/search-api';
import { MAX_QUERY_LENGTH } from '../../../domain/search-text';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { useStaffNames } from '../../ui/use-staff';
import { SearchResultList } from './search-results';
import { useSearch, type SearchDraft } from './use-search';

type Choice = { value: string; label: MessageKey };
const KIND_CHOICES: Choice[] = LOG_KINDS.map((k) => ({ value: k, label: `kind.${k}` }));
const SEVERITY_CHOICES: Choice[] = SEVERITIES.map((s) => ({ value: s, label: `severity.${s}` }));
const STATUS_CHOICES: Choice[] = ENTRY_STATUSES.map((s) => ({ value: s, label: `status.${s}` }));

/**
 * Search (D5, issue 8 point 7), Chinese first: the tablet's own window, offline too, and the
 * server's every record when online, combined with the registers' filters.
 */
export function SearchScreen() {
  const t = useT();
  const s = useSearch();
  const names = useStaffNames();
  const errorFor = (param: FilterProblem['param']) =>
    s.error?.param === param
      ? t(`search.error.${s.error.problem === 'notNumber' ? 'unknown' : s.error.problem}`)
      : undefined;
  const text = (field: keyof SearchDraft, label: string, type: 'text' | 'date' = 'text', hint?: string) => (
    <Field label={label} error={errorFor(field as FilterProblem['param'])} hint={hint}>
      {(p) => (
        <input
          {...p}
          type={type}
          {...(type === 'text' ? { maxLength: MAX_QUERY_LENGTH } : {})}
          value={s.draft[field]}
          onChange={(e) => s.setField(field, e.target.value)}
        />
      )}
    </Field>
  );
  const select = (field: keyof SearchDraft, label: string, choices: readonly { value: string; label: string }[]) => (
    <Field label={label} error={errorFor(field as FilterProblem['param'])}>
      {(p) => (
        <select {...p} value={s.draft[field]} onChange={(e) => s.setField(field, e.target.value)}>
          <option value="">{t('search.any')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const translated = (choices: Choice[]) => choices.map((c) => ({ value: c.value, label: t(c.label) }));
  const people = [...(names ?? new Map<string, string>()).entries()].map(([value, label]) => ({ value, label }));

  return (
    <section className="search-screen" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form
        role="search"
        className="card search-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          s.searchTablet();
        }}
      >
        {text('q', t('search.query'), 'text', t('search.query.hint'))}
        <fieldset className="search-filters">
          <legend>{t('search.filters')}</legend>
          <div className="field-row field-row-3">
            {text('from', t('search.from'), 'date')}
            {text('to', t('search.to'), 'date')}
            {text('location', t('search.location'))}
          </div>
          <div className="field-row field-row-3">
            {select('kind', t('log.kind'), translated(KIND_CHOICES))}
            {select('severity', t('log.severity'), translated(SEVERITY_CHOICES))}
            {select('status', t('log.status'), translated(STATUS_CHOICES))}
          </div>
          {select('staffId', t('search.staff'), people)}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" large disabled={s.busy}>
            {t('search.submit')}
          </Button>
          {s.online ? (
            <Button large disabled={s.busy} onClick={s.searchServer}>
              {t('search.searchServer')}
            </Button>
          ) : null}
        </div>
      </form>
      <FailureAlert error={s.failure} />
      {s.results && s.site ? <ResultsPanel s={s} timeZone={s.site.timeZone} /> : null}
    </section>
  );
}

function ResultsPanel({ s, timeZone }: { s: ReturnType<typeof useSearch>; timeZone: string }) {
  const t = useT();
  const r = s.results;
  if (!r) return null;
  const tablet = r.scope === 'tablet';
  // Offline rows outside the window are on the server only: say so, and where to find them.
  const outside = tablet && r.reachesOutside;
  return (
    <section className="card search-result-panel" aria-live="polite">
      <p className="hint">{tablet ? t('search.scope.tablet', { day: r.windowStart }) : t('search.scope.server')}</p>
      {r.hits.length === 0 ? (
        <p role="status" className="empty">
          {t('search.none', { q: r.q })}
        </p>
      ) : (
        <p role="status">
          {r.hits.length === 1 ? t('search.count.one') : t('search.count.other', { count: r.hits.length })}
        </p>
      )}
      {outside && !s.online ? (
        <p className="hint">
          {r.hits.length === 0 ? t('search.none.offline', { day: r.windowStart }) : t('search.offline')}
        </p>
      ) : null}
      {outside && s.online ? (
        <div className="search-older">
          <p className="hint">{t('search.olderOnServer', { day: r.windowStart })}</p>
          <Button large disabled={s.busy} onClick={s.searchServer}>
            {t('search.searchServer')}
          </Button>
        </div>
      ) : null}
      <SearchResultList results={r} timeZone={timeZone} />
      {r.scope === 'server' && r.cursor !== null ? (
        <Button large disabled={s.busy} onClick={s.more}>
          {t('search.more')}
        </Button>
      ) : null}
      {!tablet ? (
        <Button disabled={s.busy} onClick={s.searchTablet}>
          {t('search.searchTablet')}
        </Button>
      ) : null}
    </section>
  );
}
