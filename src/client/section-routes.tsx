/**
 * The screen of each section's URL for the signed-in person (issue 7, point 8: sections are URLs).
 * `/` is the duty record. Issue 8: a section the person's role may not open (section-roles.ts:
 * `/admin` for anyone but an admin, `/review` for a desk person), or the desk's screens on an
 * office device, sends them to their home, and so does any path the app does not know (replacing
 * it, so Back does not return to it).
 */
import { lazy } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import type { Role } from '../domain/entities';
import { DayRecordScreen } from './features/log/day-record';
import { LogScreen } from './features/log/log-screen';
import { ROUTES, SECTION_PATHS, sectionOfPath } from './state/routes';
import { homePath, mayOpenSection } from './state/section-roles';
import { useDeviceKind } from './ui/use-device-kind';

// Screens used by admins only are a separate chunk: the service worker still precaches it, but the
// daily sign-in and duty record start faster.
const AdminScreen = lazy(() => import('./features/admin/admin-screen').then((m) => ({ default: m.AdminScreen })));
// The handover and the registers are their own chunks too: the service worker precaches them, so
// they open offline, while sign-in and the duty record (used all shift long) start faster.
const HandoverScreen = lazy(() =>
  import('./features/handover/handover-screen').then((m) => ({ default: m.HandoverScreen })),
);
const CountScreen = lazy(() => import('./features/count/count-screen').then((m) => ({ default: m.CountScreen })));
const ItemsScreen = lazy(() => import('./features/keys/items-screen').then((m) => ({ default: m.ItemsScreen })));
const TasksScreen = lazy(() => import('./features/tasks/tasks-screen').then((m) => ({ default: m.TasksScreen })));
const EscalationsScreen = lazy(() =>
  import('./features/escalation/escalations-screen').then((m) => ({ default: m.EscalationsScreen })),
);
const RegistersScreen = lazy(() =>
  import('./features/registers/registers-screen').then((m) => ({ default: m.RegistersScreen })),
);
const RotaScreen = lazy(() => import('./features/roster/rota-screen').then((m) => ({ default: m.RotaScreen })));
// The manager's home is where one person lands: a chunk of its own keeps the desk's start fast.
const ManagerHomeScreen = lazy(() =>
  import('./features/home/manager-home').then((m) => ({ default: m.ManagerHomeScreen })),
);
const ReviewScreen = lazy(() => import('./features/review/review-screen').then((m) => ({ default: m.ReviewScreen })));
const ReportsScreen = lazy(() =>
  import('./features/reports/reports-screen').then((m) => ({ default: m.ReportsScreen })),
);
// Issue 8: the handover history, read by everyone signed in at the building (nothing there writes).
const HistoryScreen = lazy(() =>
  import('./features/history/history-screen').then((m) => ({ default: m.HistoryScreen })),
);
// D5: the chain check, for the chief and the manager (the screen and the server refuse others).
const IntegrityScreen = lazy(() =>
  import('./features/integrity/integrity-screen').then((m) => ({ default: m.IntegrityScreen })),
);
// Search (D5) is its own chunk with the traditional/simplified tables: never in the initial JavaScript.
const SearchScreen = lazy(() => import('./features/search/search-screen').then((m) => ({ default: m.SearchScreen })));

// Issue 10 §1: the person's buildings side by side (office devices).
const BuildingsScreen = lazy(() =>
  import('./features/buildings/buildings-screen').then((m) => ({ default: m.BuildingsScreen })),
);

/** The count is a step of the handover; features never import each other, so the app joins them. */
const renderCount = ({ handoverId, staffId }: { handoverId: string; staffId: string }) => (
  <CountScreen handoverId={handoverId} staffId={staffId} />
);

/** The section screen the URL names, for the signed-in person `staffId` of `role`. */
export function SectionRoutes({ staffId, role }: { staffId: string; role: Role }) {
  const [location] = useLocation();
  const kind = useDeviceKind();
  // Nothing until the device's kind is known: an office device must not show a desk screen first.
  if (kind === undefined) return null;
  const home = homePath(role, kind);
  const section = sectionOfPath(location);
  if (section !== null && !mayOpenSection(section, role, kind)) return <Redirect to={home} replace />;
  return (
    <Switch>
      <Route path={ROUTES.log}>
        <LogScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.day}>
        <DayRecordScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.handover}>
        <HandoverScreen staffId={staffId} renderCount={renderCount} />
      </Route>
      <Route path={ROUTES.tasks}>
        <TasksScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.items}>
        <ItemsScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.rota}>
        <RotaScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.escalations}>
        <EscalationsScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.review}>
        <ReviewScreen staffId={staffId} />
      </Route>
      {/* O2, O3: /reports, /reports/day/<yyyy-MM-dd>, /reports/people/<yyyy-MM> (nested routes). */}
      <Route path={SECTION_PATHS.reports} nest>
        <ReportsScreen staffId={staffId} role={role} />
      </Route>
      <Route path={ROUTES.history}>
        <HistoryScreen />
      </Route>
      <Route path={ROUTES.registers}>
        <RegistersScreen />
      </Route>
      <Route path={ROUTES.integrity}>
        <IntegrityScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.search}>
        <SearchScreen />
      </Route>
      <Route path={ROUTES.admin}>
        {/* Admin is for admins only (checked above): anyone else who types or keeps the URL goes home. */}
        <AdminScreen staffId={staffId} />
      </Route>
      <Route path={ROUTES.home}>
        <ManagerHomeScreen />
      </Route>
      <Route path={ROUTES.buildings}>
        <BuildingsScreen staffId={staffId} />
      </Route>
      {/* A path the app does not know goes home; at home itself (a screen another slice adds) nothing loops. */}
      <Route>{location === home ? null : <Redirect to={home} replace />}</Route>
    </Switch>
  );
}
