import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { LanguageSwitcher } from '../../ui/language-switcher';

/** Shown for the moment it takes to open the local database. */
export function LoadingScreen() {
  const t = useT();
  return (
    <main className="centered-screen">
      <p role="status">{t('boot.loading')}</p>
    </main>
  );
}

/** Not enrolled and no server: say so plainly and offer a retry. */
export function OfflineScreen({ onRetry }: { onRetry(): void }) {
  const t = useT();
  return (
    <main className="centered-screen">
      <div className="card">
        <LanguageSwitcher />
        <h1>{t('boot.offline.title')}</h1>
        <p>{t('boot.offline.body')}</p>
        <Button variant="primary" large onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </div>
    </main>
  );
}

/** The server answered with something unexpected while this tablet was not enrolled. */
export function BootErrorScreen({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const t = useT();
  return (
    <main className="centered-screen">
      <div className="card">
        <h1>{t('boot.offline.title')}</h1>
        <p role="alert">{describeError(t, error)}</p>
        <Button variant="primary" large onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </div>
    </main>
  );
}
