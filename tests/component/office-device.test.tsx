/**
 * Issue 8: an office PC's browser is enrolled as an office device and skips the desk screens: its
 * sign-in lists only the section chief, the manager and admins (a desk person is told to use the
 * desk tablet), its nav has neither the duty record nor the handover, and `/` goes to the role's
 * home. The admin's enrolment code says which kind it enrols. (The server's own refusal of an
 * office device's desk writes is in tests/unit/server/office-device.test.ts.)
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app';
import { getMeta, setMeta } from '../../src/client/db/meta';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { rememberProofKey } from '../../src/client/state/proof-keys';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let chiefId: string;
let adminId: string;

/** This browser as enrolled with an office code. */
async function makeOffice(db: SeededTablet['db']) {
  const device = await getMeta(db, 'device');
  if (!device) throw new Error('not enrolled');
  await setMeta(db, 'device', { ...device, kind: 'office' });
}

beforeEach(async () => {
  tablet = await seedTablet();
  await seedStaff(tablet, { name: '李嘉欣', pin: '1111' });
  chiefId = await seedStaff(tablet, { name: '陳國華', role: 'chief', pin: '7777' });
  await seedStaff(tablet, { name: '梁美玲', role: 'manager', pin: '8888' });
  adminId = await seedStaff(tablet, { name: '黃志強', role: 'admin', pin: '9999' });
});

const nav = () => screen.getByRole('navigation', { name: 'Sections' });
const path = () => window.location.pathname;

function openAt(at: string, staffId: string | null) {
  window.history.replaceState(null, '', at);
  if (staffId) act(() => useSessionStore.getState().signIn(staffId, Date.now()));
  return render(<App db={tablet.db} engine={fakeEngine()} />);
}

describe('an office device (issue 8)', () => {
  it('sign-in lists no desk staff and tells them to use the desk tablet; the manager lands on their home', async () => {
    const user = userEvent.setup();
    await makeOffice(tablet.db);
    openAt('/', null);
    expect(await screen.findByRole('button', { name: '梁美玲' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '陳國華' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '黃志強' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '李嘉欣' })).not.toBeInTheDocument();
    expect(screen.getByText('This is an office device. Desk staff sign in on the desk tablet.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '梁美玲' }));
    for (const d of '8888') await user.click(screen.getByRole('button', { name: d }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Approvals and reports', level: 1 })).toBeInTheDocument();
    expect(path()).toBe('/home');
    expect(screen.getByText('Office device')).toBeInTheDocument();
  });

  it('a desk tablet lists everyone, with no such hint', async () => {
    openAt('/', null);
    expect(await screen.findByRole('button', { name: '李嘉欣' })).toBeInTheDocument();
    expect(screen.queryByText(/This is an office device/)).not.toBeInTheDocument();
    expect(screen.queryByText('Office device')).not.toBeInTheDocument();
  });

  it.each(['/', '/handover', '/handover/count'])(
    'its nav has no duty record nor handover, and %s sends an admin to setup',
    async (at) => {
      const user = userEvent.setup();
      await makeOffice(tablet.db);
      openAt(at, adminId);
      expect(await screen.findByRole('button', { name: 'Create enrolment code' })).toBeInTheDocument();
      expect(path()).toBe('/admin');
      await user.click(within(nav()).getByRole('button', { name: 'More' }));
      const names = within(nav())
        .getAllByRole('link')
        .map((l) => l.textContent);
      expect(names).toContain('Record by day');
      expect(names).not.toContain('Duty record');
      expect(names).not.toContain('Handover');
    },
  );

  it('a chief opening `/` there goes to the review queue', async () => {
    await makeOffice(tablet.db);
    openAt('/', chiefId);
    await waitFor(() => expect(path()).toBe('/review'));
    expect(screen.queryByRole('heading', { name: 'No one is on duty' })).not.toBeInTheDocument();
  });
});

describe("the admin's enrolment code says which kind it enrols (issue 8)", () => {
  it('a code for an office device is asked for as such, and shown as such', async () => {
    const user = userEvent.setup();
    // Issue 9 §3: the code is asked for in the admin's name (proof headers), so their PIN was typed here.
    rememberProofKey(adminId, crypto.getRandomValues(new Uint8Array(32)));
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url) !== '/api/v1/enrolment-codes') return Response.json({ devices: [], serverTime: Date.now() });
      const body = JSON.parse(String(init?.body)) as { deviceKind: string };
      return Response.json(
        { code: 'ABCD2345', expiresAt: Date.UTC(2030, 0, 15, 2, 30), deviceKind: body.deviceKind },
        { status: 201 },
      );
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithDb(<AdminScreen staffId={adminId} />, tablet.db);
    const kinds = await screen.findByRole('group', { name: 'The code enrols' });
    expect(within(kinds).getByRole('radio', { name: 'A desk tablet' })).toBeChecked();
    await user.click(within(kinds).getByRole('radio', { name: 'An office device' }));
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    const shown = await within(screen.getByRole('region', { name: 'Enrol another tablet' })).findByRole('status');
    expect(shown).toHaveTextContent('ABCD-2345');
    expect(shown).toHaveTextContent('For an office device');
    const sent = fetchMock.mock.calls.find(([url]) => String(url) === '/api/v1/enrolment-codes');
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ deviceKind: 'office' });

    // Choosing the other kind hides the code shown, so nobody reads out a code of the wrong kind.
    await user.click(within(kinds).getByRole('radio', { name: 'A desk tablet' }));
    expect(screen.queryByText('ABCD-2345')).not.toBeInTheDocument();
  });
});
