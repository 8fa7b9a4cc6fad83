import { useT } from '../i18n/use-t';
import { Button } from './button';

/**
 * A form's main action. While the form is busy it is disabled and says "Saving…", so a second tap
 * on a slow tablet cannot submit twice. `disabled` turns it off for another reason (offline).
 */
export function SubmitButton({ busy, label, disabled = false }: { busy: boolean; label: string; disabled?: boolean }) {
  const t = useT();
  return (
    <Button type="submit" variant="primary" large disabled={busy || disabled}>
      {busy ? t('common.saving') : label}
    </Button>
  );
}
