/**
 * The department's registers (F1, F2, F3) at `/registers/tenants`, `/registers/repairs` and
 * `/registers/duty`: read from the rows on this tablet (its local window), filtered and paged,
 * printed on A4 in the paper register's layout (registers-print.css) and exported as CSV by the
 * server, which reads the whole range (use-export.ts).
 */
import { useId } from 'react';
import { REGISTERS } from '../../../domain/register-filters';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import { useNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { PAPER_KEYS, TAB_KEYS, tabletLabels } from './register-labels';
import { RegisterFiltersBar } from './register-filters-bar';
import { RegisterTable } from './register-table';
import { useExport } from './use-export';
import { useRegister } from './use-register';
import './registers.css';
import './registers-print.css';

export function RegistersScreen() {
  const site = useSite();
  if (site === undefined) return null;
  return (
    <Registers timeZone={site.timeZone} windowDays={site.localWindowDays} siteName={site.name} shifts={site.shifts} />
  );
}

function Registers(props: {
  timeZone: string;
  windowDays: number;
  siteName: string;
  shifts: readonly { id: string; name: string }[];
}) {
  const t = useT();
  const titleId = useId();
  const r = useRegister(props.timeZone);
  const ex = useExport(r.register, r.query);
  const labels = tabletLabels(t, r.nameOf, (id) => props.shifts.find((s) => s.id === id)?.name);
  const count = r.total ?? 0;
  const now = useNow();
  return (
    <section className="registers-screen register-sheet" data-register={r.register} aria-labelledby={titleId}>
      <h1 id={titleId} className="no-print">
        {t('registers.title')}
      </h1>
      <nav className="register-tabs no-print" aria-label={t('registers.tabs')}>
        {REGISTERS.map((name) => (
          <Button
            key={name}
            className="register-tab"
            aria-current={name === r.register ? 'page' : undefined}
            onClick={() => r.setRegister(name)}
          >
            {t(TAB_KEYS[name])}
          </Button>
        ))}
      </nav>
      <RegisterFiltersBar r={r} />
      <div className="register-actions no-print">
        <p className="field-hint">{t('registers.window', { days: props.windowDays })}</p>
        <Button onClick={() => window.print()} title={t('registers.print.hint')}>
          {t('registers.print')}
        </Button>
        <Button
          variant="primary"
          disabled={!ex.online || ex.state.kind === 'busy' || !r.valid}
          onClick={() => void ex.run()}
        >
          {ex.state.kind === 'busy' ? t('registers.export.busy') : t('registers.export')}
        </Button>
        {!ex.online ? <p className="callout">{t('registers.export.offline')}</p> : null}
        {ex.state.kind === 'done' ? (
          <p role="status" className="form-ok">
            {t('registers.export.done', { file: ex.state.file })}
          </p>
        ) : null}
        {ex.state.kind === 'failed' ? (
          <p role="alert" className="field-error">
            {t('registers.export.failed', { status: ex.state.status })}
          </p>
        ) : null}
      </div>
      <header className="register-paper-head">
        <h2>{t(PAPER_KEYS[r.register])}</h2>
        <p>
          {props.siteName} · {r.filters.from ?? '…'} – {r.filters.to ?? '…'} ·{' '}
          {t('registers.printedAt', { time: formatDateTime(now, props.timeZone) })}
        </p>
      </header>
      <p role="status" className="register-count no-print">
        {r.total === undefined ? null : count === 1 ? t('registers.count.one') : t('registers.count.other', { count })}
      </p>
      {r.data && r.rows && r.rows.length > 0 ? (
        <RegisterTable
          register={r.register}
          rows={r.rows}
          data={r.data}
          labels={labels}
          timeZone={props.timeZone}
          caption={t(TAB_KEYS[r.register])}
        />
      ) : r.data ? (
        <p className="empty">{t('registers.empty')}</p>
      ) : null}
      {r.pages > 1 ? (
        <nav className="register-pager no-print" aria-label={t('registers.page', { page: r.page, pages: r.pages })}>
          <Button disabled={r.page <= 1} onClick={() => r.setPage(r.page - 1)}>
            {t('registers.prev')}
          </Button>
          <span>{t('registers.page', { page: r.page, pages: r.pages })}</span>
          <Button disabled={r.page >= r.pages} onClick={() => r.setPage(r.page + 1)}>
            {t('registers.next')}
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
