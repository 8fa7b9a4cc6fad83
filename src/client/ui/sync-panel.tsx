import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import type { SyncOutcome } from '../sync/sync-engine';
import { Button } from './button';
import { Dialog } from './dialog';
import { useEngine } from './engine-context';
import { pendingText, refusedContent, rejectReason, syncErrorText, tableName } from './sync-messages';
import { formatDateTime } from './time';
import { useSiteTimeZone } from './use-site';
import { useSyncInfo, useSyncProblems } from './use-sync-info';

/**
 * Sync details: what is waiting, the refused changes with their reasons (a refusal is never
 * dropped silently, DESIGN.md "Push"), the conflicts kept for the chief, and "Sync now".
 */
export function SyncPanel({ onClose }: { onClose(): void }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const { online, pending, status } = useSyncInfo();
  const { errors, conflicts } = useSyncProblems();
  const { syncNow, syncing } = useEngine();
  // Only the outcome of a sync started here: background runs show up in the status lines above.
  const [lastOutcome, setLastOutcome] = useState<SyncOutcome | null>(null);
  const errorText = syncErrorText(t, status?.lastError ?? null);
  const refusedTitleId = useId();

  return (
    <Dialog title={t('sync.title')} onClose={onClose} wide>
      <div className="sync-summary">
        <p>{online ? t('status.online') : t('status.offline')}</p>
        {pending !== undefined ? <p>{pendingText(t, pending)}</p> : null}
        <p>
          {status?.lastSyncAt != null
            ? t('status.lastSync', { time: formatDateTime(status.lastSyncAt, timeZone) })
            : t('status.neverSynced')}
        </p>
        {status?.lastAttemptAt != null ? (
          <p>{t('sync.lastAttempt', { time: formatDateTime(status.lastAttemptAt, timeZone) })}</p>
        ) : null}
        {errorText ? <p className="status-warning">{errorText}</p> : null}
        {conflicts ? (
          <p>{conflicts === 1 ? t('sync.conflicts.one') : t('sync.conflicts.other', { count: conflicts })}</p>
        ) : null}
        <div className="sync-actions">
          <Button variant="primary" large onClick={() => void syncNow().then(setLastOutcome)} disabled={syncing}>
            {syncing ? t('sync.running') : t('sync.now')}
          </Button>
          {lastOutcome && !syncing ? (
            <p role="status">
              {t('sync.outcome', {
                pushed: lastOutcome.pushed,
                pulled: lastOutcome.pulled,
                rejected: lastOutcome.rejected,
              })}
            </p>
          ) : null}
        </div>
      </div>
      <section aria-labelledby={refusedTitleId}>
        <h3 id={refusedTitleId}>{t('sync.refused.title')}</h3>
        {errors && errors.length === 0 ? <p>{t('sync.refused.empty')}</p> : null}
        <ul className="sync-errors">
          {errors?.map((e) => (
            <li key={e.id} className="sync-error">
              <strong>{tableName(t, e.table)}</strong>
              <span className="sync-error-when">
                {t('sync.refused.when', { time: formatDateTime(e.recordedAt, timeZone) })}
              </span>
              <span className="sync-error-reason">{rejectReason(t, e.code)}</span>
              {refusedContent(e.fields) ? <q className="sync-error-content">{refusedContent(e.fields)}</q> : null}
              {e.message ? (
                <span className="sync-error-message">{t('sync.refused.serverSaid', { message: e.message })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </Dialog>
  );
}
