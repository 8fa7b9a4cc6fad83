import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { SyncPanel } from './sync-panel';
import { pendingText, photosRefusedText, photosWaitingText, skewMinutes, syncErrorText } from './sync-messages';
import { formatShort } from './time';
import { useNow } from './use-now';
import { useSiteTimeZone } from './use-site';
import { usePhotoUploads, useRefusals, useSyncInfo } from './use-sync-info';

/**
 * Always visible once the tablet is enrolled: online or offline, how many changes and photos are
 * not yet on the server (docs/architecture.md "Where it runs", issue 7 §8), the refusals nobody has dealt
 * with, the last sync, the T1 clock warning and the sync panel.
 */
export function StatusBar() {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const { online, pending, status } = useSyncInfo();
  const refused = useRefusals()?.open.length ?? 0;
  const photos = usePhotoUploads();
  const pendingLine = pending !== undefined && photos !== undefined ? pendingText(t, pending, photos.waiting) : null;
  const photosWaiting = photosWaitingText(t, photos?.waiting ?? 0);
  const photosRefused = photosRefusedText(t, photos?.refused.length ?? 0);
  const [panelOpen, setPanelOpen] = useState(false);
  const now = useNow();
  const errorText = syncErrorText(t, status?.lastError ?? null);

  return (
    <section className="status-bar" aria-label={t('status.bar')}>
      <span className={`status-online ${online ? 'is-online' : 'is-offline'}`}>
        <span className="status-dot" aria-hidden="true" />
        {online ? t('status.online') : t('status.offline')}
      </span>
      {pendingLine !== null ? (
        <span className={`status-pending${pending ? ' has-pending' : ''}`}>{pendingLine}</span>
      ) : null}
      {photosWaiting !== null ? <span className="status-pending has-pending">{photosWaiting}</span> : null}
      <span className="status-last-sync">
        {status?.lastSyncAt != null
          ? t('status.lastSync', { time: formatShort(status.lastSyncAt, now, timeZone) })
          : t('status.neverSynced')}
      </span>
      {status?.clockSkewWarning ? (
        <span className="status-warning">{t('status.clockSkew', { minutes: skewMinutes(status.clockOffsetMs) })}</span>
      ) : null}
      {errorText ? <span className="status-warning">{errorText}</span> : null}
      {refused > 0 ? <span className="status-warning">{t('status.refusedCount', { count: refused })}</span> : null}
      {photosRefused !== null ? <span className="status-warning">{photosRefused}</span> : null}
      <Button variant="quiet" className="status-details" onClick={() => setPanelOpen(true)}>
        {t('status.details')}
      </Button>
      {panelOpen ? <SyncPanel onClose={() => setPanelOpen(false)} /> : null}
    </section>
  );
}
