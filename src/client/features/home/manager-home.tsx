import { useId } from 'react';
import { Link } from 'wouter';
import type { AwaitingEscalation, AwaitingSwap } from '../../db/queries/home-queries';
import { useT } from '../../i18n/use-t';
import { SECTION_PATHS, sectionPath } from '../../state/routes';
import { formatDateTime } from '../../ui/time';
import { useManagerHome, type ManagerHome } from './use-manager-home';

/**
 * The property office manager's home (issue 8, "A home for each role"): the swaps and covers the
 * section chief confirmed and the manager has yet to approve (S1; approving stays on the rota),
 * the escalations sent to the manager and not yet decided (D3; each opens on its own page), and
 * the way to the reports and the record by day.
 */
export function ManagerHomeScreen() {
  const t = useT();
  const home = useManagerHome();
  if (home.queue === undefined || home.timeZone === undefined) return null;
  return (
    <div className="home-screen">
      <h1>{t('home.title')}</h1>
      <p className="meta">{t('home.intro')}</p>
      <SwapsWaiting home={home} swaps={home.queue.swaps} timeZone={home.timeZone} />
      <EscalationsWaiting home={home} escalations={home.queue.escalations} timeZone={home.timeZone} />
      <ReportLinks />
    </div>
  );
}

function SwapsWaiting({ home, swaps, timeZone }: { home: ManagerHome; swaps: AwaitingSwap[]; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const person = (id: string) => home.nameOf(id) ?? t('home.unknownPerson');
  return (
    <section className="card home-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('home.swaps.title')}</h2>
      {swaps.length === 0 ? <p className="empty">{t('home.swaps.empty')}</p> : null}
      <ul aria-labelledby={titleId}>
        {swaps.map(({ swap, shift }) => (
          <li key={swap.id} className="home-item">
            <p className="home-item-title">
              {t(swap.kind === 'cover' ? 'home.swaps.cover' : 'home.swaps.swap', {
                requester: person(swap.requesterId),
                substitute: person(swap.substituteId),
              })}
            </p>
            <p className="meta">
              {shift ? (
                <>
                  {t('home.swaps.shift', { time: formatDateTime(shift.startsAt, timeZone) })}
                  <br />
                </>
              ) : null}
              {t('home.swaps.reason', { reason: swap.reason })}
              {swap.confirmedBy && swap.confirmedAt !== null ? (
                <>
                  <br />
                  {t('home.swaps.confirmed', {
                    name: person(swap.confirmedBy),
                    time: formatDateTime(swap.confirmedAt, timeZone),
                  })}
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {swaps.length > 0 ? (
        <Link href={SECTION_PATHS.rota} className="btn btn-primary home-link">
          {t('home.swaps.open')}
        </Link>
      ) : null}
    </section>
  );
}

function EscalationsWaiting(props: { home: ManagerHome; escalations: AwaitingEscalation[]; timeZone: string }) {
  const { home, escalations, timeZone } = props;
  const t = useT();
  const titleId = useId();
  const person = (id: string) => home.nameOf(id) ?? t('home.unknownPerson');
  return (
    <section className="card home-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('home.escalations.title')}</h2>
      {escalations.length === 0 ? <p className="empty">{t('home.escalations.empty')}</p> : null}
      <ul aria-labelledby={titleId}>
        {escalations.map(({ escalation: e, entry }) => (
          <li key={e.id} className={`home-item${e.acknowledgedAt === null ? ' home-item-new' : ''}`}>
            <Link href={sectionPath('escalations', e.id)} className="btn btn-quiet home-item-link">
              {entry ? entry.cause : t('home.escalations.entryMissing')}
            </Link>
            <p className="meta">
              {t('home.escalations.sent', { name: person(e.sentBy), time: formatDateTime(e.sentAt, timeZone) })}
              <br />
              {t('home.escalations.reason', { reason: e.reason })}
              <br />
              {e.acknowledgedBy && e.acknowledgedAt !== null
                ? t('home.escalations.acknowledged', {
                    name: person(e.acknowledgedBy),
                    time: formatDateTime(e.acknowledgedAt, timeZone),
                  })
                : t('home.escalations.unacknowledged')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportLinks() {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card home-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('home.reports.title')}</h2>
      <div className="form-actions">
        <Link href={SECTION_PATHS.reports} className="btn btn-secondary home-link">
          {t('home.reports.reports')}
        </Link>
        <Link href={SECTION_PATHS.day} className="btn btn-secondary home-link">
          {t('home.reports.day')}
        </Link>
      </div>
    </section>
  );
}
