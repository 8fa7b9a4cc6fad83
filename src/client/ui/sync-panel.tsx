import { useId, useState } from 'react';
import type { SyncError } from '../../domain/entities';
import { useT } from '../i18n/use-t';
import { useSessionStore } from '../state/session-store';
import type { SyncOutcome } from '../sync/sync-engine';
import { Button } from './button';
import { Dialog } from './dialog';
import { useEngine } from './engine-context';
import { PhotoUploadsSection } from './photo-uploads-section';
import { RefusalItem } from './refusal-item';
import { ResendDialog } from './resend-dialog';
import { pendingText, syncErrorText } from './sync-messages';
import { formatDateTime } from './time';
import { useSiteTimeZone } from './use-site';
import { useStaffNames } from './use-staff';
import { useConflictCount, usePhotoUploads, useRefusals, useSyncInfo } from './use-sync-info';

/**
 * Sync details: what is waiting (changes and photos), the refused changes with their reasons in
 * the UI's language and what can be done with each (a refusal is never dropped silently,
 * docs/architecture.md "Push"; issue 7 §8), those already dealt with, the conflicts kept for the chief, and
 * "Sync now". Editing a refusal replaces the panel by its own dialog until sent or closed.
 */
export function SyncPanel({ onClose }: { onClose(): void }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const { online, pending, status } = useSyncInfo();
  const conflicts = useConflictCount();
  const refusals = useRefusals();
  const photos = usePhotoUploads();
  const names = useStaffNames();
  const staffId = useSessionStore((s) => s.staffId);
  const { syncNow, syncing } = useEngine();
  // Only the outcome of a sync started here: background runs show up in the status lines above.
  // It is kept with the connection it ran on: "sent 0" from an offline tap is not shown once the
  // network is back (the queue then goes by itself), and offline it says why nothing was sent.
  const [lastRun, setLastRun] = useState<{ outcome: SyncOutcome; online: boolean } | null>(null);
  const lastOutcome = lastRun && lastRun.online === online ? lastRun.outcome : null;
  const [editing, setEditing] = useState<SyncError | null>(null);
  const [resent, setResent] = useState(false);
  const errorText = syncErrorText(t, status?.lastError ?? null);
  const pendingLine = pending !== undefined && photos !== undefined ? pendingText(t, pending, photos.waiting) : null;
  const refusedTitleId = useId();
  const dealtTitleId = useId();

  if (editing && staffId) {
    return (
      <ResendDialog
        refusal={editing}
        staffId={staffId}
        onClose={() => setEditing(null)}
        onSent={() => {
          setEditing(null);
          setResent(true);
        }}
      />
    );
  }

  return (
    <Dialog title={t('sync.title')} onClose={onClose} wide>
      <div className="sync-summary">
        <p>{online ? t('status.online') : t('status.offline')}</p>
        {pendingLine ? <p>{pendingLine}</p> : null}
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
          <Button
            variant="primary"
            large
            onClick={() => {
              const ranOnline = online;
              void syncNow().then((outcome) => setLastRun({ outcome, online: ranOnline }));
            }}
            disabled={syncing}
          >
            {syncing ? t('sync.running') : t('sync.now')}
          </Button>
          {lastOutcome && !syncing ? (
            <p role="status">
              {online
                ? t('sync.outcome', {
                    pushed: lastOutcome.pushed,
                    pulled: lastOutcome.pulled,
                    rejected: lastOutcome.rejected,
                  })
                : t('sync.outcome.offline')}
            </p>
          ) : null}
        </div>
      </div>
      <PhotoUploadsSection photos={photos} timeZone={timeZone} />
      <section aria-labelledby={refusedTitleId}>
        <h3 id={refusedTitleId}>{t('sync.refused.title')}</h3>
        {resent ? <p role="status">{t('sync.refused.resent')}</p> : null}
        {refusals && refusals.open.length === 0 ? <p>{t('sync.refused.empty')}</p> : null}
        <ul className="sync-errors" aria-labelledby={refusedTitleId}>
          {refusals?.open.map((r) => (
            <RefusalItem
              key={r.id}
              refusal={r}
              timeZone={timeZone}
              names={names}
              staffId={staffId}
              onResend={(refusal) => {
                setResent(false);
                setEditing(refusal);
              }}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby={dealtTitleId}>
        <h3 id={dealtTitleId}>{t('sync.dealt.title')}</h3>
        {refusals && refusals.dealt.length === 0 ? <p>{t('sync.dealt.empty')}</p> : null}
        <ul className="sync-errors" aria-labelledby={dealtTitleId}>
          {refusals?.dealt.map((r) => (
            <RefusalItem key={r.id} refusal={r} timeZone={timeZone} names={names} staffId={staffId} />
          ))}
        </ul>
      </section>
    </Dialog>
  );
}
