/**
 * Shared set-up of the handover component tests: the two people at the desk, a section chief and a
 * colleague; the outgoing person's duty with rostered shifts around now; a harness that renders the
 * section the URL names (the duty record at `/`, else the handover) for whoever is signed in; and
 * a drawing surface for signature_pad, which jsdom lacks (only the canvas context is faked, never
 * the pad).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'wouter';
import { navigate } from 'wouter/use-browser-location';
import type userEvent from '@testing-library/user-event';
import { expect, vi } from 'vitest';
import { newId } from '../../src/domain/ids';
import { formatHlc } from '../../src/domain/hlc';
import { startDuty } from '../unit/client/duty-fixture';
import { joinHandover } from '../../src/client/db/repos/desk-repo';
import { openHandover, updateHandover } from '../../src/client/db/repos/handover-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { HandoverScreen } from '../../src/client/features/handover/handover-screen';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { useSessionStore } from '../../src/client/state/session-store';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

export const PINS = { outgoing: '2468', incoming: '1357', chief: '9753', manager: '8642', desk: '1111' } as const;
const MINUTE = 60_000;

export interface HandoverDesk {
  tablet: SeededTablet;
  outgoingId: string;
  incomingId: string;
  chiefId: string;
  managerId: string;
  deskId: string;
  dutyId: string;
  /** The end of the outgoing shift and start of the incoming one (H1). */
  changeAt: number;
}

/** `staffId` on the rota from `startsAt` to `endsAt` (S1). */
export async function rosterShift(tablet: SeededTablet, staffId: string, startsAt: number, endsAt: number) {
  await tablet.db.rotaShift.put({
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'seed' }),
    deleted: false,
    staffId,
    day: '2025-03-14',
    shiftId: 'day',
    startsAt,
    endsAt,
    note: '',
    _versions: {},
  });
}

/**
 * A tablet whose outgoing person is on duty (the duty written by the test fixture, as if opened by
 * an earlier record), with the change of shift 10 minutes from now and the incoming person rostered
 * for the next shift (S1).
 */
export async function seedHandoverDesk(): Promise<HandoverDesk> {
  // The clock is pinned to a mid-afternoon in the building's zone (T1), still running, so the change
  // of shift 10 minutes on never crosses midnight: a run at 23:52 would show the next day's date in
  // "Scheduled …" and the handover's times. A test that pinned its own time keeps it.
  if (!vi.isFakeTimers()) {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-03-16T14:00:00+08:00'));
  }
  const tablet = await seedTablet();
  const outgoingId = await seedStaff(tablet, { name: 'Chan Tai Man', pin: PINS.outgoing });
  const incomingId = await seedStaff(tablet, { name: 'Wong Siu Ming', pin: PINS.incoming });
  const chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief', pin: PINS.chief });
  const managerId = await seedStaff(tablet, { name: 'Leung Ka Wai', role: 'manager', pin: PINS.manager });
  const deskId = await seedStaff(tablet, { name: 'Ho Ka Yan', pin: PINS.desk });
  const changeAt = Date.now() + 10 * MINUTE;
  await rosterShift(tablet, outgoingId, changeAt - 9 * 60 * MINUTE, changeAt);
  await rosterShift(tablet, incomingId, changeAt, changeAt + 9 * 60 * MINUTE);
  const duty = await startDuty(tablet.db, await makeWriteContext(tablet.db, outgoingId), { shiftId: 'day' });
  useSessionStore.getState().signIn(outgoingId, Date.now());
  return { tablet, outgoingId, incomingId, chiefId, managerId, deskId, dutyId: duty.id, changeAt };
}

/**
 * The handover prepared up to the signatures through the repositories: the outgoing person's
 * checklist and answer (H2, H10), the incoming person joined with their PIN (H1) and restating it
 * (H9), and their fitness attested (H11(d)). The building has no items, so the count is complete.
 */
export async function preparedDraft(desk: HandoverDesk, joinedAt?: number): Promise<string> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  const handover = await openHandover(desk.tablet.db, ctx, {
    outgoingDutyId: desk.dutyId,
    scheduledAt: desk.changeAt,
    kind: 'handover',
  });
  await updateHandover(desk.tablet.db, ctx, handover.id, {
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    anomalyAnswer: 'Lift 3 out of service, contractor booked',
  });
  const incoming = await makeWriteContext(desk.tablet.db, desk.incomingId, joinedAt ? () => joinedAt : undefined);
  const joined = await joinHandover(desk.tablet.db, incoming, handover.id);
  if (!joined.ok) throw new Error(joined.errors);
  await updateHandover(desk.tablet.db, incoming, handover.id, { synthesis: 'Quiet evening, lift 3 pending' });
  await updateHandover(desk.tablet.db, ctx, handover.id, { fitness: 'fit' });
  return handover.id;
}

/** The app's main area as far as these tests need it: the URL's section for the signed-in person. */
function Desk() {
  const staffId = useSessionStore((s) => s.staffId);
  const [location] = useLocation();
  if (!staffId) return null;
  return location === '/' ? (
    <LogScreen staffId={staffId} />
  ) : (
    <HandoverScreen
      staffId={staffId}
      renderCount={({ handoverId, staffId: counter }) => (
        <p>
          Count screen for {handoverId}, tapped by {counter}
        </p>
      )}
    />
  );
}

/** Renders the desk at `path` (the handover, unless a test names its step or another section). */
export function renderDesk(desk: HandoverDesk, path = '/handover') {
  act(() => navigate(path));
  return renderWithDb(<Desk />, desk.tablet.db);
}

/** signature_pad draws on a 2D context; jsdom has none, so every drawing call is a no-op here. */
export function fakeCanvasContext() {
  const fake = () =>
    new Proxy({} as Record<string | symbol, unknown>, {
      get: (target, key) => (key in target ? target[key] : () => undefined),
      set: (target, key, value) => {
        target[key] = value;
        return true;
      },
    });
  return vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(fake as never);
}

/** A stroke across the box, as a finger would make it (pointer events, primary button down). */
export function drawStroke(canvas: HTMLElement) {
  const at = (x: number, y: number, buttons: number) => ({
    pointerId: 7,
    pointerType: 'touch',
    buttons,
    clientX: x,
    clientY: y,
    pressure: 0.5,
  });
  fireEvent.pointerDown(canvas, at(20, 40, 1));
  fireEvent.pointerMove(canvas, at(60, 70, 1));
  fireEvent.pointerMove(canvas, at(120, 30, 1));
  fireEvent.pointerUp(canvas, at(120, 30, 0));
}

/**
 * Draws on the pad of `region` until the pad holds the strokes (it says so). A pad that has just
 * appeared takes its pointer listeners a moment later (signature_pad is attached in an effect), so
 * on a loaded machine a first stroke may fall on a pad not yet listening, and a Sign tapped then
 * would find it empty; a person would simply draw again.
 */
export async function drawSignature(region: HTMLElement, name: string): Promise<void> {
  await waitFor(
    () => {
      if (within(region).queryByText('Signed. Clear to sign again.')) return;
      drawStroke(within(region).getByRole('img', { name: `Signature of ${name}` }));
      expect(within(region).getByText('Signed. Clear to sign again.')).toBeInTheDocument();
    },
    { timeout: 10_000, interval: 100 },
  );
}

/** Types a PIN on the on-screen keypad. */
export async function typePin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole('button', { name: digit }));
}
