import { useT } from '../i18n/use-t';
import { Button } from './button';

/**
 * "Draft restored" above a form that reopened with what the person had typed before (issue 7),
 * with the way to start afresh instead. Renders nothing for a form that opened blank.
 */
export function DraftNote({ restored, onDiscard }: { restored: boolean; onDiscard(): void }) {
  const t = useT();
  if (!restored) return null;
  return (
    <div className="draft-note">
      <span role="status">{t('draft.restored')}</span>
      <Button variant="quiet" onClick={onDiscard}>
        {t('draft.discard')}
      </Button>
    </div>
  );
}
