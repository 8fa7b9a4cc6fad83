import { useId } from 'react';
import type { BuildingFigures, BuildingSummary } from '../../../domain/api';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { ApiRequestError } from '../../sync/api-client';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { RequestFailure, needsSignIn, type RequestFailureMessages } from '../../ui/request-failure';
import { formatDateTime } from '../../ui/time';
import { useDeviceKind } from '../../ui/use-device-kind';
import { useSite } from '../../ui/use-site';
import { useBuildings } from './use-buildings';

/** The figures each card shows, in order (BuildingFigures). */
const FIGURES: readonly [Exclude<keyof BuildingFigures, 'reviewDays'>, MessageKey][] = [
  ['awaitingReview', 'buildings.figures.awaitingReview'],
  ['overdueReview', 'buildings.figures.overdueReview'],
  ['escalationsToChief', 'buildings.figures.escalationsToChief'],
  ['escalationsToManager', 'buildings.figures.escalationsToManager'],
  ['swapsAwaitingApproval', 'buildings.figures.swapsAwaitingApproval'],
  ['openEntriesToday', 'buildings.figures.openEntriesToday'],
  ['dailyReportsYesterday', 'buildings.figures.dailyReportsYesterday'],
];

/**
 * Issue 10 §1: a manager's or chief's buildings side by side on an office device, each with its
 * review queue (O1), escalations (D2, D3), swaps awaiting approval (S1) and today's open entries,
 * and a button that opens that building on this device (the person stays signed in: same PIN).
 */
export function BuildingsScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const site = useSite();
  const kind = useDeviceKind();
  const b = useBuildings(staffId);
  const timeZone = site?.timeZone ?? 'UTC';
  return (
    <div className="buildings-screen">
      <div className="card-title-row">
        <h1>{t('buildings.title')}</h1>
        <Button disabled={!b.online || b.loading} onClick={b.reload}>
          {t('buildings.reload')}
        </Button>
      </div>
      <p className="meta">{t('buildings.intro')}</p>
      {b.loadedAt !== null ? (
        <p className="meta">{t('buildings.asOf', { time: formatDateTime(b.loadedAt, timeZone) })}</p>
      ) : null}
      {b.online ? null : (
        <p role="status" className="admin-offline">
          {t('buildings.offline')}
        </p>
      )}
      <RequestFailure error={b.failure} messages={LOAD_MESSAGES} timeZone={timeZone} onRetry={b.reload} />
      {/* The building shown here is known once its settings are read: no card offers to open it meanwhile. */}
      {b.buildings === null || site === undefined ? (
        b.loading ? (
          <p className="empty">{t('buildings.loading')}</p>
        ) : null
      ) : (
        <div className="buildings-grid">
          {/* The building shown on this device first, then the others by name (as the server sorts them). */}
          {[...b.buildings]
            .sort((x, y) => Number(y.siteId === site.id) - Number(x.siteId === site.id))
            .map((building) => (
              <BuildingCard
                key={building.siteId}
                building={building}
                timeZone={timeZone}
                current={building.siteId === site.id}
                opening={b.opening === building.siteId}
                busy={b.opening !== null || !b.online || !b.canSwitch || kind !== 'office'}
                failure={b.openFailure?.siteId === building.siteId ? b.openFailure.error : null}
                onOpen={() => void b.open(building)}
              />
            ))}
        </div>
      )}
    </div>
  );
}

interface CardProps {
  building: BuildingSummary;
  timeZone: string;
  current: boolean;
  opening: boolean;
  busy: boolean;
  failure: unknown;
  onOpen(): void;
}

function BuildingCard({ building, timeZone, current, opening, busy, failure, onOpen }: CardProps) {
  const t = useT();
  const titleId = useId();
  const queueId = useId();
  const f = building.figures;
  return (
    <section className={`card building-card${current ? ' building-current' : ''}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{building.name}</h2>
      <p className="meta">
        {t('buildings.role', { role: t(`role.${building.role}`) })}
        {current ? (
          <>
            {' '}
            <span className="badge">{t('buildings.shownNow')}</span>
          </>
        ) : null}
      </p>
      {current ? null : (
        <>
          <Button variant="primary" disabled={busy} onClick={onOpen}>
            {opening ? t('buildings.opening') : t('buildings.openName', { name: building.name })}
          </Button>
          {failure ? <OpenFailure error={failure} name={building.name} timeZone={timeZone} /> : null}
        </>
      )}
      {f ? (
        <>
          <dl className="building-figures">
            {FIGURES.map(([field, label]) => (
              <div key={field} className={f[field] > 0 && field !== 'dailyReportsYesterday' ? 'figure-attention' : ''}>
                <dt>{t(label)}</dt>
                <dd>{f[field]}</dd>
              </div>
            ))}
          </dl>
          <h3 id={queueId}>{t('buildings.reviewQueue')}</h3>
          {f.reviewDays.length === 0 ? (
            <p className="empty">{t('buildings.reviewQueue.empty')}</p>
          ) : (
            <ul className="building-review-days" aria-labelledby={queueId}>
              {f.reviewDays.map((d) => (
                <li key={d.day}>
                  <strong>{d.day}</strong>
                  {d.overdue ? (
                    <span className="badge badge-emergency">{t('buildings.reviewQueue.overdue')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

const LOAD_MESSAGES: RequestFailureMessages = {
  network: 'buildings.error.network',
  retry: 'buildings.error.retry',
  signIn: 'buildings.error.signIn',
  signInButton: 'buildings.error.signInButton',
  lockedOut: 'buildings.error.lockedOut',
};

function OpenFailure({ error, name, timeZone }: { error: unknown; name: string; timeZone: string }) {
  const t = useT();
  if (needsSignIn(error) || error instanceof ApiRequestError) {
    return <RequestFailure error={error} messages={LOAD_MESSAGES} timeZone={timeZone} />;
  }
  return <FailureAlert error={error} message={t('buildings.notLoaded', { name })} />;
}
