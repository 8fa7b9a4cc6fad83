import { useT } from '../i18n/use-t';
import { Button } from './button';

/**
 * A form's main action. While the form is busy it is disabled and says "Saving…", so a second tap
 * on a slow tablet cannot submit twice.
 */
export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  const t = useT();
  return (
    <Button type="submit" variant="primary" large disabled={busy}>
      {busy ? t('common.saving') : label}
    </Button>
  );
}
