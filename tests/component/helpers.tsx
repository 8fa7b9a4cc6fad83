/**
 * Shared seeding for component tests: a fresh database per test (its own name), an enrolled
 * tablet, a building and staff written directly, and a render wrapper with the app's providers.
 */
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { Role, SiteSettings } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { hashPin } from '../../src/domain/pin';
import { openHandoverDb } from '../../src/client/db/open';
import { saveEnrolment } from '../../src/client/db/repos/device-repo';
import { signInWithPin } from '../../src/client/db/repos/pin-repo';
import type { HandoverDb } from '../../src/client/db/schema';
import { useSessionStore } from '../../src/client/state/session-store';
import type { SyncOutcome } from '../../src/client/sync/sync-engine';
import { DbProvider } from '../../src/client/ui/db-context';
import { EngineProvider, type SyncRunner } from '../../src/client/ui/engine-context';

export const SITE_SETTINGS: SiteSettings = {
  name: 'Harbour View Tower',
  timeZone: 'Asia/Hong_Kong',
  shifts: [{ id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' }],
  incomingLeadMinutes: 5,
  outgoingLeadMinutes: 15,
  retentionDays: 730,
  idleSignOutMinutes: 10,
  localWindowDays: 90,
};

export interface SeededTablet {
  db: HandoverDb;
  siteId: string;
  deviceId: string;
}

const hlc = () => formatHlc({ wallMs: Date.now(), counter: 0, node: 'seed' });

/** A fresh database with an enrolled device and its building. `clockOffsetMs` fakes T1 skew. */
export async function seedTablet(opts: { clockOffsetMs?: number } = {}): Promise<SeededTablet> {
  const db = openHandoverDb(`component-${newId()}`);
  const siteId = newId();
  const deviceId = newId();
  const now = Date.now();
  await saveEnrolment(
    db,
    { siteId, deviceId, token: 't'.repeat(40), serverTime: now + (opts.clockOffsetMs ?? 0) },
    'Lobby desk',
    now,
  );
  await db.site.put({ ...SITE_SETTINGS, id: siteId, siteId, updatedAt: hlc(), deleted: false, _versions: {} });
  return { db, siteId, deviceId };
}

/**
 * A staff row as a pull would leave it; the PIN hash uses 1000 iterations to keep tests fast (the
 * server enforces the minimum cost, the tablet checks what it holds). Issue 9 §3: the person's PIN
 * is then typed through the tablet's own check (signInWithPin), as every PIN box does, so their
 * proof key is in the page's memory and their writes are signed; pass `pinTyped: false` for a
 * person whose PIN was not typed since the app opened.
 */
export async function seedStaff(
  tablet: SeededTablet,
  person: { name: string; role?: Role; pin?: string; active?: boolean; pinTyped?: boolean },
): Promise<string> {
  const id = newId();
  const pin = person.pin ?? '1234';
  await tablet.db.staff.put({
    id,
    siteId: tablet.siteId,
    updatedAt: hlc(),
    deleted: false,
    name: person.name,
    role: person.role ?? 'desk',
    pinHash: await hashPin(pin, 1000),
    active: person.active ?? true,
    _versions: {},
  });
  if (person.pinTyped !== false && person.active !== false) {
    const typed = await signInWithPin(tablet.db, id, pin, Date.now());
    if (!typed.ok) throw new Error(`seedStaff: the PIN of ${person.name} was refused (${typed.reason})`);
  }
  return id;
}

/**
 * Signs `staffId` in as the sign-in screen does (issue 9 §3): their PIN through signInWithPin, so
 * their proof key is in memory again after a sign-out forgot it, then the session.
 */
export async function signInByPin(tablet: SeededTablet, staffId: string, pin = '1234'): Promise<void> {
  const typed = await signInWithPin(tablet.db, staffId, pin, Date.now());
  if (!typed.ok) throw new Error(`signInByPin: the PIN was refused (${typed.reason})`);
  act(() => useSessionStore.getState().signIn(staffId, Date.now()));
}

/** A sync engine double: records calls and reports a clean run. */
export function fakeEngine(outcome: Partial<SyncOutcome> = {}): SyncRunner & { syncNow: ReturnType<typeof vi.fn> } {
  return {
    syncNow: vi.fn(async () => ({ pushed: 0, pulled: 0, rejected: 0, error: null, ...outcome })),
  };
}

/** Renders `ui` inside the database and engine providers the screens expect. */
export function renderWithDb(ui: ReactElement, db: HandoverDb, engine: SyncRunner = fakeEngine()) {
  return render(
    <DbProvider db={db}>
      <EngineProvider engine={engine}>{ui}</EngineProvider>
    </DbProvider>,
  );
}
