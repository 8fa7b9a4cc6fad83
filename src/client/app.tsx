import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy, useEffect } from 'react';
import { useLocation } from 'wouter';
import type { Staff } from '../domain/entities';
import type { DeviceInfo } from './db/repos/device-repo';
import { getStaff } from './db/queries';
import type { HandoverDb } from './db/schema';
import { BootErrorScreen, LoadingScreen, OfflineScreen } from './features/boot/boot-screens';
import { useBoot } from './features/boot/use-boot';
import { EscalationNotifier } from './features/escalation/escalation-notifier';
import { HandoverReminder } from './features/handover/handover-reminder';
import { SignInScreen } from './features/signin/signin-screen';
import { useIdleSignOut } from './features/signin/use-idle-sign-out';
import { useKeyGuard } from './features/signin/use-key-guard';
import { ReadOnlyNotice } from './features/signin/read-only-notice';
import { useHtmlLang } from './i18n/use-html-lang';
import { SectionRoutes } from './section-routes';
import { SECTION_PATHS, useSection } from './state/routes';
import { useSessionStore } from './state/session-store';
import { AppHeader } from './ui/app-header';
import { DbProvider, useDb } from './ui/db-context';
import { EngineProvider, type SyncRunner } from './ui/engine-context';
import { StatusBar } from './ui/status-bar';
import { UpdatePrompt } from './ui/update-prompt';
import { useDeviceKind } from './ui/use-device-kind';
import { useSite } from './ui/use-site';

// Screens used once per tablet (setup, enrolment) are separate chunks: the service worker still
// precaches them, but the daily sign-in and duty record start faster. The sections' screens are in
// section-routes.tsx.
const SetupScreen = lazy(() => import('./features/setup/setup-screen').then((m) => ({ default: m.SetupScreen })));
const EnrolScreen = lazy(() => import('./features/enrol/enrol-screen').then((m) => ({ default: m.EnrolScreen })));

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
  const section = useSection();
  const kind = useDeviceKind();
  const [location, navigate] = useLocation();
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
  useKeyGuard();
  // Signing out (by hand, idle, or deactivated) returns to `/`, and while nobody is signed in the
  // URL stays there whatever Back or a typed link asks. Replaced, not pushed, so the sign-in screen
  // adds no history entry; signing in then replaces it with the person's home (issue 8,
  // use-sign-in.ts), while a later `/` from the nav is the duty record, opened on purpose.
  // Issue 9 §3: a reload only asks for the PIN again (`signInAgain`): the URL stays, so the person
  // is back on the same section once signed in (sections are URLs, issue 8).
  const notice = useSessionStore((s) => s.notice);
  useEffect(() => {
    if (!staffId && notice !== 'signInAgain' && location !== SECTION_PATHS.log) {
      navigate(SECTION_PATHS.log, { replace: true });
    }
  }, [staffId, notice, location, navigate]);

  // A person deactivated by an admin (here or on another tablet) is signed out at once.
  useEffect(() => {
    if (staffId && staff === null) signOut();
    else if (staff && !staff.active) signOut();
  }, [staffId, staff, signOut]);

  const signedIn = staffId && staff && staff.active ? staff : null;
  return (
    <div className="app">
      <AppHeader siteName={site?.name} staff={signedIn} section={section} onSignOut={() => signOut()} />
      {/* An office device has no handover (issue 8): its reminder belongs to the desk tablet. */}
      {signedIn && kind === 'desk' ? <HandoverReminder staffId={signedIn.id} /> : null}
      {signedIn ? <ReadOnlyNotice staffId={signedIn.id} /> : null}
      {signedIn ? <EscalationNotifier staffId={signedIn.id} role={signedIn.role} /> : null}
      <main className="app-main">
        {!signedIn ? (
          staff === undefined && staffId ? null : (
            <SignInScreen />
          )
        ) : (
          <Suspense fallback={<LoadingScreen />}>
            <SectionRoutes staffId={signedIn.id} role={signedIn.role} />
          </Suspense>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
