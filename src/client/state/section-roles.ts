/**
 * Issue 8, "A home for each role": the one table of which sections each role sees in the nav, in
 * its order, which sections a role may open at all, and where each role lands. The header draws
 * the nav from it and section-routes.tsx refuses a section a role may not open (back to the home).
 * An office device (an office PC enrolled as such) skips the desk's screens: the duty record and
 * the handover are neither shown nor opened there, and the server refuses their writes
 * (`office_device`, src/server/sync/device-kind-rules.ts).
 */
import type { DeviceKind } from '../../domain/api';
import type { Role } from '../../domain/entities';
import { SECTION_PATHS, type Section } from './routes';

/** What the section chief uses, first what is theirs to do (O1, D3), then what they read. */
const CHIEF_SECTIONS = [
  'review',
  'escalations',
  'day',
  'registers',
  'reports',
  'search',
  'history',
  'rota',
  'items',
  'tasks',
  'integrity',
  // The duty record stays reachable on purpose (the chief lands on the review queue, not here),
  // and the handover, where a chief confirms a substitute or covers the desk.
  'log',
  'handover',
  // Issue 10 §1: the buildings the chief works in, side by side (office devices only).
  'buildings',
] as const satisfies readonly Section[];

/** Each role's sections in the nav's order; the first `PRIMARY_COUNT[role]` are always shown. */
export const ROLE_SECTIONS: Record<Role, readonly Section[]> = {
  desk: ['log', 'handover', 'tasks', 'items', 'rota', 'day', 'registers', 'search', 'history'],
  chief: CHIEF_SECTIONS,
  // The manager's home lists the approvals and escalations waiting (features/home); the duty
  // record stays reachable from the nav.
  manager: [
    'home',
    'escalations',
    'reports',
    'registers',
    'search',
    'history',
    'day',
    'rota',
    'integrity',
    'log',
    'buildings',
  ],
  admin: ['admin', ...CHIEF_SECTIONS],
};

/**
 * How many of a role's sections stand in the nav's row; the rest are under "More". The desk keeps
 * its six daily sections in the row (they fit a tablet in portrait); the others keep five.
 */
export const PRIMARY_COUNT: Record<Role, number> = { desk: 6, chief: 5, manager: 5, admin: 5 };

const ALL_ROLES: readonly Role[] = ['desk', 'chief', 'manager', 'admin'];
const READERS: readonly Role[] = ['chief', 'manager', 'admin'];

/**
 * Who may open each section at all; anyone else is sent to their home. Wider than the nav where a
 * screen is linked from elsewhere (a desk person opens an escalation from their entry, submits the
 * daily report's remarks under Reports).
 */
export const SECTION_ROLES: Record<Section, readonly Role[]> = {
  log: ALL_ROLES,
  day: ALL_ROLES,
  handover: ALL_ROLES,
  tasks: ALL_ROLES,
  items: ALL_ROLES,
  rota: ALL_ROLES,
  admin: ['admin'],
  home: ['manager'],
  // O1: the review queue and its sign-off are the section chief's (the admin sees what a chief sees).
  review: ['chief', 'admin'],
  escalations: ALL_ROLES,
  history: ALL_ROLES,
  registers: ALL_ROLES,
  reports: ALL_ROLES,
  search: ALL_ROLES,
  // D5: the hash chain's check is for the chief and the manager.
  integrity: READERS,
  // Issue 10 §1: a person's buildings side by side, and switching between them.
  buildings: READERS,
};

/** O3: the per-person figures under Reports are for the section chief and the manager only. */
export const PER_PERSON_FIGURES_ROLES: readonly Role[] = ['chief', 'manager'];
/** O1: only the section chief signs a day's review. */
export const REVIEW_SIGN_OFF_ROLES: readonly Role[] = ['chief'];

/** Sections an office device never shows nor opens: the desk's duty record and handover (count included). */
export const DESK_ONLY_SECTIONS: ReadonlySet<Section> = new Set<Section>(['log', 'handover']);

/**
 * Issue 10 §1: sections only an office device shows and opens: a desk tablet belongs to one
 * building (the server refuses the overview to it too).
 */
export const OFFICE_ONLY_SECTIONS: ReadonlySet<Section> = new Set<Section>(['buildings']);

/** Roles that sign in on an office device; a desk person is told to use the desk tablet. */
export const OFFICE_ROLES: readonly Role[] = READERS;

/** Whether `role` may open `section` on a device of `kind`. */
export function mayOpenSection(section: Section, role: Role, kind: DeviceKind): boolean {
  if (kind === 'office' && DESK_ONLY_SECTIONS.has(section)) return false;
  if (kind === 'desk' && OFFICE_ONLY_SECTIONS.has(section)) return false;
  return SECTION_ROLES[section].includes(role);
}

/** The sections of `role`'s nav on a device of `kind`, in order, split into the row and "More". */
export function navSections(role: Role, kind: DeviceKind): { primary: Section[]; more: Section[] } {
  const shown = ROLE_SECTIONS[role].filter((s) => mayOpenSection(s, role, kind));
  return { primary: shown.slice(0, PRIMARY_COUNT[role]), more: shown.slice(PRIMARY_COUNT[role]) };
}

/** Each role's home: the duty record, the review queue (O1), the approvals and reports, setup. */
export const ROLE_HOME: Record<Role, Section> = { desk: 'log', chief: 'review', manager: 'home', admin: 'admin' };

/** Where `role` lands after sign-in on a device of `kind`. */
export function homeSection(role: Role, kind: DeviceKind): Section {
  const home = ROLE_HOME[role];
  // A desk person cannot sign in on an office device; were one signed in there, the record by day reads.
  return mayOpenSection(home, role, kind) ? home : 'day';
}

/** The path of `role`'s home on a device of `kind`. */
export function homePath(role: Role, kind: DeviceKind): string {
  return SECTION_PATHS[homeSection(role, kind)];
}
