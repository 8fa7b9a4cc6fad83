import { useId, useState } from 'react';
import type { CheckedRecord, IntegrityProblem, IntegrityResponse } from '../../../domain/integrity';
import type { LocalChainCheck } from '../../db/queries/integrity-queries';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';
import { useSite } from '../../ui/use-site';
import { useStaffMember } from '../../ui/use-staff';
import { useIntegrity } from './use-integrity';

/** How many of the newest records are listed before "show all". */
const RECENT = 20;

/**
 * D5, O1: the chain check of `npm run verify` for the section chief and the manager: the server
 * recomputes the building's chain and the screen shows the result per record in the UI's language.
 * A desk person is refused here as the server refuses them (403). Offline, the tablet's own copy of
 * the chain can be checked instead. `staffId` is the signed-in person.
 */
export function IntegrityScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const titleId = useId();
  const site = useSite();
  const staff = useStaffMember(staffId);
  const allowed = staff?.role === 'chief' || staff?.role === 'manager' || staff?.role === 'admin';
  const check = useIntegrity(staffId, site?.id ?? '', site !== undefined && allowed);
  if (site === undefined || !staff) return null;
  const refused = !allowed || check.server.state === 'forbidden';

  return (
    <section className="card integrity" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('integrity.title')}</h2>
        {refused ? null : (
          <Button variant="primary" large disabled={check.server.state === 'running'} onClick={check.run}>
            {check.server.state === 'running' ? t('integrity.running') : t('integrity.run')}
          </Button>
        )}
      </div>
      <p>{t('integrity.intro')}</p>
      {refused ? <p role="alert">{t('integrity.forbidden')}</p> : null}
      {check.server.state === 'done' ? (
        <ServerResult response={check.server.response} timeZone={site.timeZone} />
      ) : null}
      {check.server.state === 'failed' ? <FailureAlert error={check.server.error} /> : null}
      {check.server.state === 'offline' ? (
        <>
          <p role="status">{t('integrity.offline')}</p>
          <LocalCheck result={check.local} onRun={() => void check.runLocal()} />
        </>
      ) : null}
    </section>
  );
}

function ServerResult({ response, timeZone }: { response: IntegrityResponse; timeZone: string }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const b = response.building;
  const reviews = b.records.filter((r) => r.kind === 'review').length;
  const bad = b.records.filter((r) => !r.ok);
  const newest = [...b.records].reverse();
  const shown = showAll ? newest : [...bad, ...newest.filter((r) => r.ok).slice(0, RECENT)];
  return (
    <div className="integrity-result">
      <p role="status" className={b.ok ? 'integrity-passed' : 'integrity-failed'}>
        {b.ok ? t('integrity.passed') : t('integrity.failed', { count: b.problems.length })}
      </p>
      <p>{t('integrity.checkedAt', { time: formatDateTime(b.checkedAt, timeZone) })}</p>
      <p>
        {t('integrity.summary', {
          records: b.records.length - reviews,
          reviews,
          entries: b.entriesChecked,
        })}
      </p>
      {b.entriesFollowedUp > 0 ? <p>{t('integrity.followedUp', { count: b.entriesFollowedUp })}</p> : null}
      {b.archivedLinks > 0 ? <p>{t('integrity.archived', { count: b.archivedLinks })}</p> : null}
      {b.problems.length > 0 ? (
        <>
          <h3>{t('integrity.problems.title')}</h3>
          <ul className="integrity-problems">
            {b.problems.map((p, i) => (
              <li key={`${p.kind}-${p.recordId}-${p.refId ?? ''}-${i}`}>{problemText(t, p, b.records, timeZone)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('integrity.records.title')}</h3>
      {!showAll && b.records.length > shown.length ? <p>{t('integrity.records.recent', { count: RECENT })}</p> : null}
      <ul className="integrity-records">
        {shown.map((r) => (
          <li key={r.id} className={r.ok ? 'integrity-ok' : 'integrity-bad'}>
            <span>{recordLabel(t, r, timeZone)}</span>{' '}
            <strong>{r.ok ? t('integrity.record.ok') : t('integrity.record.bad')}</strong>
          </li>
        ))}
      </ul>
      {!showAll && b.records.length > shown.length ? (
        <Button onClick={() => setShowAll(true)}>{t('integrity.records.showAll', { count: b.records.length })}</Button>
      ) : null}
    </div>
  );
}

function recordLabel(t: TFunction, r: CheckedRecord, timeZone: string): string {
  const kind = t(
    r.kind === 'opening' || r.kind === 'closing' || r.kind === 'review'
      ? `integrity.kind.${r.kind}`
      : 'integrity.kind.handover',
  );
  const time = formatDateTime(r.signedAt, timeZone);
  return r.day !== null
    ? t('integrity.record.review', { kind, day: r.day, time })
    : t('integrity.record.signed', { kind, time });
}

/** A problem in the UI's language: the record it is about, then what is wrong. */
function problemText(t: TFunction, p: IntegrityProblem, records: CheckedRecord[], timeZone: string): string {
  const record = records.find((r) => r.id === p.recordId);
  const subject = record ? recordLabel(t, record, timeZone) : t('integrity.problem.record', { id: p.recordId });
  return `${subject}: ${t(`integrity.problem.${p.kind}`, { ref: p.refId ?? '' })}`;
}

function LocalCheck({ result, onRun }: { result: LocalChainCheck | null; onRun: () => void }) {
  const t = useT();
  return (
    <div className="integrity-local">
      <h3>{t('integrity.local.title')}</h3>
      <Button large onClick={onRun}>
        {t('integrity.local.run')}
      </Button>
      {result === null ? null : result.problems.length === 0 ? (
        <p role="status">
          {t('integrity.local.ok', { records: result.records, reviews: result.reviews })}
          {result.partial ? ` ${t('integrity.local.partial')}` : ''}
        </p>
      ) : (
        <>
          <p role="alert">{t('integrity.local.failed', { count: result.problems.length })}</p>
          <ul>
            {result.problems.map((p) => (
              <li key={`${p.problem}-${p.id}`}>{t(`integrity.local.${p.problem}`, { id: p.id })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
