import { useId, useState } from 'react';
import type { DeviceSummary } from '../../../domain/api';
import type { TFunction } from '../../i18n/use-t';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import { AdminFailure } from './admin-failure';
import { RevokeDialog } from './revoke-dialog';
import { useDevices } from './use-devices';

function pendingText(t: TFunction, pending: number | null): string | null {
  if (pending === null) return null;
  if (pending === 0) return t('admin.devices.synced');
  return pending === 1 ? t('admin.devices.pending.one') : t('admin.devices.pending.other', { count: pending });
}

/**
 * Issue 9 §6: the building's devices (name, kind, enrolled, last seen in the building's time,
 * unsynced count when known, revoked), each revocable after a confirmation. The device in use is
 * marked and cannot be revoked from itself (the server refuses it too, 409).
 */
export function DeviceList({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const d = useDevices(staffId);
  const [asking, setAsking] = useState<DeviceSummary | null>(null);
  const at = (ms: number) => formatDateTime(ms, timeZone);

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-title-row">
        <h2 id={titleId}>{t('admin.devices.title')}</h2>
        <Button disabled={!d.online || d.loading} onClick={d.reload}>
          {t('admin.devices.reload')}
        </Button>
      </div>
      {d.revoked ? (
        <p role="status" className="form-ok">
          {t('admin.devices.revokedDone', { name: d.revoked })}
        </p>
      ) : null}
      <AdminFailure error={d.failure} timeZone={timeZone} onRetry={d.reload} />
      {d.devices === null ? (
        d.loading ? (
          <p className="empty">{t('admin.devices.loading')}</p>
        ) : null
      ) : (
        <ul className="device-list" aria-labelledby={titleId}>
          {d.devices.map((device) => {
            const pending = pendingText(t, device.pendingOps);
            return (
              <li key={device.id} className={device.revokedAt === null ? '' : 'revoked'}>
                <span className="device-name">
                  {device.name}
                  {device.current ? <span className="badge">{t('admin.devices.current')}</span> : null}
                  {device.revokedAt === null ? null : (
                    <span className="badge badge-emergency">
                      {t('admin.devices.revoked', { time: at(device.revokedAt) })}
                    </span>
                  )}
                </span>
                <span className="device-facts">
                  <span>{t(device.kind === 'office' ? 'admin.devices.kind.office' : 'admin.devices.kind.desk')}</span>
                  <span>{t('admin.devices.enrolled', { time: at(device.createdAt) })}</span>
                  <span>
                    {device.lastSeenAt === null
                      ? t('admin.devices.neverSeen')
                      : t('admin.devices.lastSeen', { time: at(device.lastSeenAt) })}
                  </span>
                  {pending ? <span className={device.pendingOps ? 'device-pending' : ''}>{pending}</span> : null}
                </span>
                {device.current || device.revokedAt !== null ? null : (
                  <Button
                    variant="danger"
                    className="device-revoke"
                    disabled={!d.online}
                    aria-label={t('admin.devices.revokeName', { name: device.name })}
                    onClick={() => setAsking(device)}
                  >
                    {t('admin.devices.revoke')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {asking ? (
        <RevokeDialog
          device={asking}
          online={d.online}
          timeZone={timeZone}
          onClose={() => setAsking(null)}
          onRevoke={async () => {
            const error = await d.revoke(asking);
            if (error === null) setAsking(null);
            return error;
          }}
        />
      ) : null}
    </section>
  );
}
