/**
 * Sections are URLs (issue 7, point 8): each section of the app has a path, so the browser's Back
 * and Forward move between screens inside the app, a reload keeps the screen, and a deep link opens
 * it. The router is wouter on the browser's own history; this module is the one table of paths,
 * and the hooks every screen uses to read or change them.
 *
 * Section changes push a history entry (Back returns to the previous screen), and so do the
 * handover's steps; a choice inside a screen that is not a place of its own (a tab of Items, the
 * day shown) replaces the current entry, so a reload keeps it while Back still leaves the screen in
 * one step.
 */
import { useCallback } from 'react';
import { useLocation, useRoute } from 'wouter';
import { useUiStore, type Focus } from './ui-store';

/**
 * `log`: the current duty; `day`: the building's record by day (everyone); `handover`: the guided
 * handover with its count; `tasks`: the carry-over register; `items`: the item register, loans and
 * custody; `rota`: the rota and swap requests; `admin`: admins only. Issue 8: `review`: the section
 * chief's queue of building days and the day's review and sign-off (O1, `/review/2025-03-14`);
 * `escalations`: difficult and major matters sent up (D2, D3); `history`: every signed handover,
 * opening and closing; `registers`: F1, F2, F3 with filters, print and CSV (`/registers/repairs`);
 * `reports`: the daily report (O2) and per-person figures (O3); `search`: Chinese full-text search
 * (D5); `integrity`: the hash chain verified (D5); `home`: the manager's home, the approvals and
 * escalations waiting (section-roles.ts names each role's home).
 */
export type Section =
  | 'log'
  | 'day'
  | 'handover'
  | 'tasks'
  | 'items'
  | 'rota'
  | 'admin'
  | 'review'
  | 'escalations'
  | 'history'
  | 'registers'
  | 'reports'
  | 'search'
  | 'integrity'
  | 'home'
  | 'buildings';

/** Where each section lives; `/` is the duty record, where sign-in lands. */
export const SECTION_PATHS: Record<Section, string> = {
  log: '/',
  day: '/day',
  handover: '/handover',
  tasks: '/tasks',
  items: '/items',
  rota: '/rota',
  admin: '/admin',
  review: '/review',
  escalations: '/escalations',
  history: '/history',
  registers: '/registers',
  reports: '/reports',
  search: '/search',
  integrity: '/integrity',
  home: '/home',
  buildings: '/buildings',
};

/**
 * The route patterns, with the one detail a section keeps in its path: the day shown
 * (`/day/2025-03-14`), the handover's step (`/handover/count`), the tab of Items (`/items/loans`).
 * The screen that reads a detail checks it; anything else under a section is not a route.
 */
export const ROUTES = {
  log: '/',
  day: '/day/:detail?',
  handover: '/handover/:detail?',
  tasks: '/tasks',
  items: '/items/:detail?',
  rota: '/rota',
  admin: '/admin',
  review: '/review/:detail?',
  escalations: '/escalations/:detail?',
  history: '/history/:detail?',
  registers: '/registers/:detail?',
  reports: '/reports/:detail?',
  search: '/search',
  integrity: '/integrity',
  home: '/home',
  buildings: '/buildings',
} as const satisfies Record<Section, string>;

/** A section's path with its detail, if any: `sectionPath('handover', 'count')` is `/handover/count`. */
export function sectionPath(section: Section, detail?: string | null): string {
  return detail ? `${SECTION_PATHS[section]}/${detail}` : SECTION_PATHS[section];
}

/** The section whose path `path` is under (`/handover/count` is the handover's), or null. */
export function sectionOfPath(path: string): Section | null {
  if (path === '/' || path === '') return 'log';
  const first = `/${path.split('/')[1] ?? ''}`;
  const found = (Object.keys(SECTION_PATHS) as Section[]).find((s) => s !== 'log' && SECTION_PATHS[s] === first);
  return found ?? null;
}

/** The section of the current URL, for the nav's current page (null under no section's path). */
export function useSection(): Section | null {
  const [location] = useLocation();
  return sectionOfPath(location);
}

/**
 * Opens a section as a new history entry, so Back returns to the screen it was opened from. A
 * record asked for earlier (`useOpenFocus`) and not yet shown is dropped: this is a plain visit.
 */
export function useGoToSection(): (section: Section) => void {
  const [, navigate] = useLocation();
  const clearFocus = useUiStore((s) => s.clearFocus);
  return useCallback(
    (section: Section) => {
      clearFocus();
      navigate(SECTION_PATHS[section]);
    },
    [navigate, clearFocus],
  );
}

/**
 * Opens `section` on one record (the gate links each blocker to the thing that blocks): the focus
 * goes to the ui-store for the screen to take, then the section opens as a new history entry, so
 * Back returns to the screen that linked.
 */
export function useOpenFocus(): (section: Section, focus: Focus) => void {
  const [, navigate] = useLocation();
  const setFocus = useUiStore((s) => s.setFocus);
  return useCallback(
    (section: Section, focus: Focus) => {
      setFocus(focus);
      navigate(SECTION_PATHS[section]);
    },
    [navigate, setFocus],
  );
}

/**
 * The detail the current URL keeps for `section` (`count` in `/handover/count`), or null, and a
 * setter that replaces it (or pushes a new history entry with `{push: true}`). The screen checks
 * the value: a detail it does not know reads as its default.
 */
export function usePathDetail(
  section: Section,
): [string | null, (detail: string | null, opts?: { push?: boolean }) => void] {
  const [match, params] = useRoute<{ detail?: string }>(ROUTES[section]);
  const [, navigate] = useLocation();
  const setDetail = useCallback(
    (next: string | null, opts: { push?: boolean } = {}) =>
      navigate(sectionPath(section, next), { replace: opts.push !== true }),
    [navigate, section],
  );
  return [match ? (params.detail ?? null) : null, setDetail];
}
