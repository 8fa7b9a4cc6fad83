import { useState } from 'react';
import type { DeviceSummary } from '../../../domain/api';
import { useT } from '../../i18n/use-t';
import { ApiRequestError } from '../../sync/api-client';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { AdminFailure } from './admin-failure';

export interface RevokeDialogProps {
  device: DeviceSummary;
  online: boolean;
  timeZone: string;
  onClose(): void;
  /** Revokes on the server; resolves with the failure (null once revoked, the dialog closes). */
  onRevoke(): Promise<unknown>;
}

/**
 * Issue 9 §6: the confirmation before a device is revoked. It says what revocation does and warns,
 * with the count, when the device still holds changes the server has not received.
 */
export function RevokeDialog({ device, online, timeZone, onClose, onRevoke }: RevokeDialogProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const pending = device.pendingOps ?? 0;

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setFailure(await onRevoke());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('admin.devices.confirmTitle', { name: device.name })} onClose={onClose}>
      <p>{t('admin.devices.confirmText', { name: device.name })}</p>
      {pending > 0 ? (
        <p className="form-error revoke-warning">
          {pending === 1
            ? t('admin.devices.confirmPending.one', { name: device.name })
            : t('admin.devices.confirmPending.other', { name: device.name, count: pending })}
        </p>
      ) : null}
      {failure instanceof ApiRequestError && failure.status === 409 ? (
        // The server refuses to revoke the device making the request (it would lock itself out).
        <FailureAlert error={failure} message={t('admin.error.revokeSelf')} />
      ) : (
        <AdminFailure error={failure} timeZone={timeZone} onRetry={() => void confirm()} />
      )}
      <div className="form-actions">
        <Button onClick={onClose}>{t('admin.devices.keep')}</Button>
        <Button variant="danger" large disabled={busy || !online} onClick={() => void confirm()}>
          {t('admin.devices.confirmButton')}
        </Button>
      </div>
    </Dialog>
  );
}
