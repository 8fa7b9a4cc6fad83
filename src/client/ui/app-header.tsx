import { useLiveQuery } from 'dexie-react-hooks';
import type { MouseEvent } from 'react';
import { Link } from 'wouter';
import type { DeviceKind } from '../../domain/api';
import type { Staff } from '../../domain/entities';
import { loansNow } from '../db/queries/register-queries';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { SECTION_PATHS, sectionPath, type Section } from '../state/routes';
import { homePath, navSections } from '../state/section-roles';
import { useUiStore } from '../state/ui-store';
import { Button } from './button';
import { useDb } from './db-context';
import { LanguageSwitcher } from './language-switcher';
import { NavMore } from './nav-more';
import { useDeviceKind } from './use-device-kind';
import { useCorrectedNow } from './use-now';

/** The nav's label of each section. */
const SECTION_LABELS: Record<Section, MessageKey> = {
  log: 'nav.log',
  day: 'nav.day',
  handover: 'nav.handover',
  tasks: 'nav.tasks',
  items: 'nav.register',
  rota: 'nav.rota',
  admin: 'nav.admin',
  home: 'nav.home',
  review: 'nav.review',
  escalations: 'nav.escalations',
  history: 'nav.history',
  registers: 'nav.registers',
  reports: 'nav.reports',
  search: 'nav.search',
  integrity: 'nav.integrity',
  buildings: 'nav.buildings',
};

export interface AppHeaderProps {
  siteName: string | undefined;
  staff: Staff | null;
  /** The section of the URL, marked as the current page in the nav. */
  section: Section | null;
  onSignOut(): void;
}

interface NavItem {
  id: Section;
  label: string;
  badge?: string;
  href: string;
}

/**
 * Building name (a link to the signed-in person's home), the sections that person's role uses in
 * the order that suits it (section-roles.ts: a row of the main ones, the rest under "More"), who
 * is signed in, and language. The sections are links (client-side navigation), so Back and
 * Forward move between them in the app. An office device shows neither the duty record nor the
 * handover, and says it is one.
 */
export function AppHeader({ siteName, staff, section, onSignOut }: AppHeaderProps) {
  const t = useT();
  const kind = useDeviceKind();
  const overdue = useOverdueLoans();
  const item = (id: Section): NavItem => ({
    id,
    label: t(SECTION_LABELS[id]),
    href: SECTION_PATHS[id],
    // With loans overdue, Items opens on its Loans tab, where the overdue ones come first.
    ...(id === 'items' && overdue
      ? { badge: t('nav.register.overdue', { count: overdue }), href: sectionPath('items', 'loans') }
      : {}),
  });
  const nav = staff && kind ? navSections(staff.role, kind) : null;
  const primary = nav?.primary.map(item) ?? [];
  const more = nav?.more.map(item) ?? [];
  const currentInMore = more.find((m) => m.id === section);
  const title = (
    <>
      <span className="app-name">{t('app.title')}</span>
      {siteName ? <span className="site-name">{siteName}</span> : null}
    </>
  );
  return (
    <header className="app-header">
      {staff && kind ? (
        <Link href={homePath(staff.role, kind)} className="app-title app-title-link">
          {title}
        </Link>
      ) : (
        <div className="app-title">{title}</div>
      )}
      {nav ? (
        <nav aria-label={t('nav.label')} className="app-nav">
          {primary.map((s) => (
            <NavLink key={s.id} item={s} current={s.id === section} />
          ))}
          {more.length > 0 ? (
            <NavMore currentLabel={currentInMore?.label ?? null}>
              {(close) =>
                more.map((s) => (
                  <li key={s.id}>
                    <NavLink item={s} current={s.id === section} onChosen={close} />
                  </li>
                ))
              }
            </NavMore>
          ) : null}
        </nav>
      ) : null}
      <div className="app-user">
        <OfficeBadge kind={kind} />
        {staff ? <span className="signed-in">{t('shell.signedInAs', { name: staff.name })}</span> : null}
        {staff ? <Button onClick={onSignOut}>{t('signin.signOut')}</Button> : null}
        <LanguageSwitcher />
      </div>
    </header>
  );
}

function NavLink({ item, current, onChosen }: { item: NavItem; current: boolean; onChosen?: () => void }) {
  const clearFocus = useUiStore((s) => s.clearFocus);
  return (
    <Link
      href={item.href}
      className="btn btn-quiet nav-button"
      aria-current={current ? 'page' : undefined}
      onClick={(e: MouseEvent) => {
        onChosen?.();
        // The section shown stays as it is (its tab, day or step): no reload of it, and
        // no second history entry for Back to step through.
        if (current) e.preventDefault();
        // A plain visit: a record asked for earlier and not yet shown is dropped.
        else clearFocus();
      }}
    >
      {item.label}
      {item.badge ? (
        <>
          {' '}
          <span className="nav-badge">{item.badge}</span>
        </>
      ) : null}
    </Link>
  );
}

/** An office device says so, so nobody wonders where the desk's screens went. */
function OfficeBadge({ kind }: { kind: DeviceKind | undefined }) {
  const t = useT();
  return kind === 'office' ? <span className="office-badge">{t('shell.officeDevice')}</span> : null;
}

/** Overdue loans show on every screen, not only under Items and at the handover. */
function useOverdueLoans(): number | undefined {
  const db = useDb();
  // T1: a loan falls overdue by server-corrected time; no badge until the offset has loaded.
  const nowMs = useCorrectedNow(60_000);
  return useLiveQuery(
    async () => (nowMs === undefined ? 0 : (await loansNow(db, nowMs)).filter((l) => l.overdue).length),
    [db, nowMs],
  );
}
