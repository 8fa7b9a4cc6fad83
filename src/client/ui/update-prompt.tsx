import { useT } from '../i18n/use-t';
import { usePwaStore } from '../state/pwa-store';
import { useDirtyCount } from '../state/ui-store';
import { Button } from './button';

/**
 * "A new version is ready" banner. Reloading waits while any form holds unsaved input, so an
 * update never throws away a half-written entry.
 */
export function UpdatePrompt() {
  const t = useT();
  const updateReady = usePwaStore((s) => s.updateReady);
  const applyUpdate = usePwaStore((s) => s.applyUpdate);
  const dirty = useDirtyCount() > 0;
  if (!updateReady || !applyUpdate) return null;
  return (
    <div className="update-prompt" role="status">
      <span className="update-text">{t('update.ready')}</span>
      {dirty ? <span className="update-note">{t('update.waitForSave')}</span> : null}
      <Button variant="primary" onClick={applyUpdate} disabled={dirty}>
        {t('update.reload')}
      </Button>
    </div>
  );
}
