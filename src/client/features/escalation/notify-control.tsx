/**
 * "Notify me on this device": asks the browser for permission from the person's tap (never on
 * load), then subscribes to Web Push when the server offers it. Says what this device will do.
 * Where permission was given earlier, the subscription is renewed for the person signed in now (the
 * server keeps one owner per browser's endpoint).
 */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { askPermission, notifyState, subscribeToPush, type NotifyState } from './notifications';

export function NotifyControl({ staffId }: { staffId: string }) {
  const t = useT();
  const db = useDb();
  const [state, setState] = useState<NotifyState>(notifyState);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (notifyState() === 'granted') void subscribeToPush(db, staffId);
  }, [db, staffId]);

  const enable = async () => {
    setBusy(true);
    try {
      const next = await askPermission();
      setState(next);
      if (next === 'granted') await subscribeToPush(db, staffId);
    } finally {
      setBusy(false);
    }
  };

  if (state === 'unsupported') return <p className="meta">{t('escalation.notify.unsupported')}</p>;
  if (state === 'denied') return <p className="meta">{t('escalation.notify.denied')}</p>;
  if (state === 'granted') return <p className="meta">{t('escalation.notify.on')}</p>;
  return (
    <Button onClick={() => void enable()} disabled={busy}>
      {t('escalation.notify.enable')}
    </Button>
  );
}
