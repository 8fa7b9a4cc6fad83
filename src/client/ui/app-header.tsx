import { useLiveQuery } from 'dexie-react-hooks';
import type { MouseEvent } from 'react';
import { Link } from 'wouter';
import type { Staff } from '../../domain/entities';
import { loansNow } from '../db/queries/register-queries';
import { useT } from '../i18n/use-t';
import { SECTION_PATHS, sectionPath, type Section } from '../state/routes';
import { useUiStore } from '../state/ui-store';
import { Button } from './button';
import { useDb } from './db-context';
import { LanguageSwitcher } from './language-switcher';
import { useCorrectedNow } from './use-now';

export interface AppHeaderProps {
  siteName: string | undefined;
  staff: Staff | null;
  /** The section of the URL, marked as the current page in the nav. */
  section: Section | null;
  onSignOut(): void;
}

/**
 * Building name, the sections the signed-in person may use, who is signed in, and language. The
 * sections are links (client-side navigation), so Back and Forward move between them in the app.
 */
export function AppHeader({ siteName, staff, section, onSignOut }: AppHeaderProps) {
  const t = useT();
  const db = useDb();
  const clearFocus = useUiStore((s) => s.clearFocus);
  // T1: a loan falls overdue by server-corrected time; no badge until the offset has loaded.
  const nowMs = useCorrectedNow(60_000);
  // Overdue loans show on every screen, not only under Items and at the handover.
  const overdue = useLiveQuery(
    async () => (nowMs === undefined ? 0 : (await loansNow(db, nowMs)).filter((l) => l.overdue).length),
    [db, nowMs],
  );
  const sections: { id: Section; label: string; badge?: string; href?: string }[] = staff
    ? [
        { id: 'log', label: t('nav.log') },
        { id: 'handover', label: t('nav.handover') },
        { id: 'tasks', label: t('nav.tasks') },
        {
          id: 'items',
          label: t('nav.register'),
          // With loans overdue, Items opens on its Loans tab, where the overdue ones come first.
          ...(overdue
            ? { badge: t('nav.register.overdue', { count: overdue }), href: sectionPath('items', 'loans') }
            : {}),
        },
        { id: 'rota', label: t('nav.rota') },
        { id: 'day', label: t('nav.day') },
        ...(staff.role === 'admin' ? [{ id: 'admin' as const, label: t('nav.admin') }] : []),
      ]
    : [];
  return (
    <header className="app-header">
      <div className="app-title">
        <span className="app-name">{t('app.title')}</span>
        {siteName ? <span className="site-name">{siteName}</span> : null}
      </div>
      {sections.length > 0 ? (
        <nav aria-label={t('nav.label')} className="app-nav">
          {sections.map((s) => (
            <Link
              key={s.id}
              href={s.href ?? SECTION_PATHS[s.id]}
              className="btn btn-quiet nav-button"
              aria-current={s.id === section ? 'page' : undefined}
              onClick={(e: MouseEvent) => {
                // The section shown stays as it is (its tab, day or step): no reload of it, and
                // no second history entry for Back to step through.
                if (s.id === section) e.preventDefault();
                // A plain visit: a record asked for earlier and not yet shown is dropped.
                else clearFocus();
              }}
            >
              {s.label}
              {s.badge ? (
                <>
                  {' '}
                  <span className="nav-badge">{s.badge}</span>
                </>
              ) : null}
            </Link>
          ))}
        </nav>
      ) : null}
      <div className="app-user">
        {staff ? <span className="signed-in">{t('shell.signedInAs', { name: staff.name })}</span> : null}
        {staff ? <Button onClick={onSignOut}>{t('signin.signOut')}</Button> : null}
        <LanguageSwitcher />
      </div>
    </header>
  );
}
