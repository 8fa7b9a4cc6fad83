/**
 * The screen of each section's URL for the signed-in person (issue 7, point 8: sections are URLs).
 * `/` is the duty record; `/admin` is for admins only, and any path the app does not know goes
 * back to `/` (replacing it, so Back does not return to it).
 */
import { lazy } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import type { Role } from '../domain/entities';
import { DayRecordScreen } from './features/log/day-record';
import { LogScreen } from './features/log/log-screen';
import { ROUTES, SECTION_PATHS } from './state/routes';

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
const RotaScreen = lazy(() => import('./features/roster/rota-screen').then((m) => ({ default: m.RotaScreen })));
// Search (D5) is its own chunk with the traditional/simplified tables: never in the initial JavaScript.
const SearchScreen = lazy(() => import('./features/search/search-screen').then((m) => ({ default: m.SearchScreen })));

/** The count is a step of the handover; features never import each other, so the app joins them. */
const renderCount = ({ handoverId, staffId }: { handoverId: string; staffId: string }) => (
  <CountScreen handoverId={handoverId} staffId={staffId} />
);

/** The section screen the URL names, for the signed-in person `staffId` of `role`. */
export function SectionRoutes({ staffId, role }: { staffId: string; role: Role }) {
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
      <Route path={ROUTES.search}>
        <SearchScreen />
      </Route>
      <Route path={ROUTES.admin}>
        {/* Admin is for admins only: anyone else who types or keeps the URL lands on the duty record. */}
        {role === 'admin' ? <AdminScreen staffId={staffId} /> : <Redirect to={SECTION_PATHS.log} replace />}
      </Route>
      <Route>
        <Redirect to={SECTION_PATHS.log} replace />
      </Route>
    </Switch>
  );
}
