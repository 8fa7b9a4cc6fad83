import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy, useEffect } from 'react';
import type { Staff } from '../domain/entities';
import type { DeviceInfo } from './db/repos/device-repo';
import { getStaff } from './db/queries';
import type { HandoverDb } from './db/schema';
import { BootErrorScreen, LoadingScreen, OfflineScreen } from './features/boot/boot-screens';
import { useBoot } from './features/boot/use-boot';
import { HandoverReminder } from './features/handover/handover-reminder';
import { DayRecordScreen } from './features/log/day-record';
import { LogScreen } from './features/log/log-screen';
import { SignInScreen } from './features/signin/signin-screen';
import { useIdleSignOut } from './features/signin/use-idle-sign-out';
import { useHtmlLang } from './i18n/use-html-lang';
import { useSessionStore } from './state/session-store';
import { useUiStore, type Section } from './state/ui-store';
import { AppHeader } from './ui/app-header';
import { DbProvider, useDb } from './ui/db-context';
import { EngineProvider, type SyncRunner } from './ui/engine-context';
import { StatusBar } from './ui/status-bar';
import { UpdatePrompt } from './ui/update-prompt';
import { useSite } from './ui/use-site';

// Screens used once per tablet (setup, enrolment) or by admins only are separate chunks: the
// service worker still precaches them, but the daily sign-in and duty record start faster.
const SetupScreen = lazy(() => import('./features/setup/setup-screen').then((m) => ({ default: m.SetupScreen })));
const EnrolScreen = lazy(() => import('./features/enrol/enrol-screen').then((m) => ({ default: m.EnrolScreen })));
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

/** The count is a step of the handover; features never import each other, so the app joins them. */
const renderCount = ({ handoverId, staffId }: { handoverId: string; staffId: string }) => (
  <CountScreen handoverId={handoverId} staffId={staffId} />
);

export interface AppProps {
  db: HandoverDb;
  engine: SyncRunner;
  /** Called once the tablet is known to be enrolled (at start or after enrolment): start syncing. */
  onEnrolled?: (device: DeviceInfo) => void;
}

/** The whole tablet app: boot decides setup, enrolment or the enrolled app. */
export function App({ db, engine, onEnrolled }: AppProps) {
  useHtmlLang();
  return (
    <DbProvider db={db}>
      <EngineProvider engine={engine}>
        <UpdatePrompt />
        <Suspense fallback={<LoadingScreen />}>
          <Screens onEnrolled={onEnrolled} />
        </Suspense>
      </EngineProvider>
    </DbProvider>
  );
}

function Screens({ onEnrolled }: { onEnrolled: AppProps['onEnrolled'] }) {
  const db = useDb();
  const boot = useBoot(db);
  const { state } = boot;
  const device = state.phase === 'enrolled' ? state.device : null;

  useEffect(() => {
    if (device) onEnrolled?.(device);
  }, [device, onEnrolled]);

  switch (state.phase) {
    case 'loading':
      return <LoadingScreen />;
    case 'offline':
      return <OfflineScreen onRetry={boot.retry} />;
    case 'error':
      return <BootErrorScreen error={state.error} onRetry={boot.retry} />;
    case 'setup':
      return <SetupScreen onDone={boot.enrolled} onChooseEnrol={boot.chooseEnrol} />;
    case 'enrol':
      return <EnrolScreen onDone={boot.enrolled} />;
    case 'enrolled':
      return <EnrolledApp />;
  }
}

/** After enrolment: header, the signed-in person's section (or sign-in), and the status bar. */
function EnrolledApp() {
  const db = useDb();
  const site = useSite();
  const staffId = useSessionStore((s) => s.staffId);
  const signOut = useSessionStore((s) => s.signOut);
  const section = useUiStore((s) => s.section);
  const setSection = useUiStore((s) => s.setSection);
  // The lookup carries the id it was made for: right after sign-in the live query still holds the
  // previous result for a moment, which must not read as "this person does not exist".
  const lookup = useLiveQuery(
    async (): Promise<{ id: string | null; staff: Staff | null }> => ({
      id: staffId,
      staff: staffId ? ((await getStaff(db, staffId)) ?? null) : null,
    }),
    [db, staffId],
  );
  const staff = lookup && lookup.id === staffId ? lookup.staff : undefined;
  useIdleSignOut(site?.idleSignOutMinutes);
  // Whoever signs in next (also after an idle sign-out) starts on the duty record.
  useEffect(() => {
    if (!staffId) setSection('log');
  }, [staffId, setSection]);

  // A person deactivated by an admin (here or on another tablet) is signed out at once.
  useEffect(() => {
    if (staffId && staff === null) signOut();
    else if (staff && !staff.active) signOut();
  }, [staffId, staff, signOut]);

  const signedIn = staffId && staff && staff.active ? staff : null;
  // Admin is for admins only; everyone signed in has the duty record and the record by day.
  const shown: Section = section === 'admin' && signedIn?.role !== 'admin' ? 'log' : section;
  return (
    <div className="app">
      <AppHeader
        siteName={site?.name}
        staff={signedIn}
        section={shown}
        onSection={setSection}
        onSignOut={() => {
          signOut();
          setSection('log');
        }}
      />
      {signedIn ? <HandoverReminder staffId={signedIn.id} /> : null}
      <main className="app-main">
        {!signedIn ? (
          staff === undefined && staffId ? null : (
            <SignInScreen />
          )
        ) : (
          <Suspense fallback={<LoadingScreen />}>
            <SectionScreen section={shown} staffId={signedIn.id} />
          </Suspense>
        )}
      </main>
      <StatusBar />
    </div>
  );
}

/** The screen of one section for the signed-in person. */
function SectionScreen({ section, staffId }: { section: Section; staffId: string }) {
  switch (section) {
    case 'admin':
      return <AdminScreen staffId={staffId} />;
    case 'day':
      return <DayRecordScreen staffId={staffId} />;
    case 'handover':
      return <HandoverScreen staffId={staffId} renderCount={renderCount} />;
    case 'tasks':
      return <TasksScreen staffId={staffId} />;
    case 'items':
      return <ItemsScreen staffId={staffId} />;
    case 'rota':
      return <RotaScreen staffId={staffId} />;
    case 'log':
      return <LogScreen staffId={staffId} />;
  }
}
