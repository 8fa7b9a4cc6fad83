/**
 * Sections are URLs (issue 7, point 8): each path opens its screen, the nav links move through the
 * browser's history (jsdom's real one) so Back and Forward stay in the app, a reload at a path
 * keeps the screen, Admin is for admins only, and signing out returns to `/`.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let deskId: string;
let adminId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  deskId = await seedStaff(tablet, { name: 'Chan Tai Man', pin: '2468' });
  adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
});

/** Opens the app at `path` (as a reload or a deep link would) with `staffId` signed in. */
function openAt(path: string, staffId: string | null) {
  window.history.replaceState(null, '', path);
  if (staffId) act(() => useSessionStore.getState().signIn(staffId, Date.now()));
  return render(<App db={tablet.db} engine={fakeEngine()} />);
}

const nav = () => screen.getByRole('navigation', { name: 'Sections' });
const path = () => window.location.pathname;

describe('sections are URLs (issue 7, point 8)', () => {
  it.each([
    ['/', 'Duty record', () => screen.findByRole('heading', { name: 'No one is on duty' })],
    ['/handover', 'Handover', () => screen.findByRole('heading', { name: 'No one is on duty' })],
    ['/tasks', 'Pending', () => screen.findByRole('heading', { name: 'Pending work and instructions' })],
    ['/items', 'Items', () => screen.findByRole('tab', { name: 'Register', selected: true })],
    ['/items/custody', 'Items', () => screen.findByRole('tab', { name: 'Custody', selected: true })],
    ['/rota', 'Rota', () => screen.findByRole('heading', { name: 'Rota' })],
    ['/day', 'Record by day', () => screen.findByRole('heading', { name: 'Record by day' })],
  ])('%s opens its screen, marked in the nav as the current page (%s)', async (at, section, screenShown) => {
    openAt(at, deskId);
    expect(await screenShown()).toBeInTheDocument();
    await waitFor(() => expect(within(nav()).getByRole('link', { current: 'page' })).toHaveTextContent(section));
    expect(path()).toBe(at);
  });

  it('/day/<day> shows that day; the day picked goes into the URL, so a reload keeps it', async () => {
    const user = userEvent.setup();
    const view = openAt('/day/2025-03-14', deskId);
    await waitFor(() => expect(screen.getByLabelText('Day')).toHaveValue('2025-03-14'));
    await user.click(screen.getByRole('button', { name: 'Previous day' }));
    await waitFor(() => expect(path()).toBe('/day/2025-03-13'));
    view.unmount();
    openAt(path(), deskId);
    await waitFor(() => expect(screen.getByLabelText('Day')).toHaveValue('2025-03-13'));
    // Today is plain /day, which follows the date past midnight.
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(path()).toBe('/day'));
  });

  it('a path the app does not know is replaced by the duty record', async () => {
    openAt('/handover/count/extra', deskId);
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
  });

  it('Back and Forward move between the sections opened, inside the app', async () => {
    const user = userEvent.setup();
    openAt('/', deskId);
    await screen.findByRole('heading', { name: 'No one is on duty' });
    await user.click(within(nav()).getByRole('link', { name: 'Items' }));
    await screen.findByRole('tab', { name: 'Register', selected: true });
    await user.click(within(nav()).getByRole('link', { name: 'Pending' }));
    await screen.findByRole('heading', { name: 'Pending work and instructions' });
    expect(path()).toBe('/tasks');

    await act(async () => window.history.back());
    expect(await screen.findByRole('tab', { name: 'Register', selected: true })).toBeInTheDocument();
    expect(path()).toBe('/items');
    expect(screen.queryByRole('heading', { name: 'Pending work and instructions' })).not.toBeInTheDocument();

    await act(async () => window.history.forward());
    expect(await screen.findByRole('heading', { name: 'Pending work and instructions' })).toBeInTheDocument();
    expect(path()).toBe('/tasks');

    await act(async () => window.history.back());
    await screen.findByRole('tab', { name: 'Register', selected: true });
    await act(async () => window.history.back());
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(path()).toBe('/');
  });

  it('a tab of Items is kept in the URL without a history entry of its own, so Back leaves Items in one step', async () => {
    const user = userEvent.setup();
    openAt('/', deskId);
    await screen.findByRole('heading', { name: 'No one is on duty' });
    await user.click(within(nav()).getByRole('link', { name: 'Items' }));
    await user.click(await screen.findByRole('tab', { name: 'Loans' }));
    await waitFor(() => expect(path()).toBe('/items/loans'));
    await user.click(screen.getByRole('tab', { name: 'Custody' }));
    await waitFor(() => expect(path()).toBe('/items/custody'));

    await act(async () => window.history.back());
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(path()).toBe('/');
    await act(async () => window.history.forward());
    expect(await screen.findByRole('tab', { name: 'Custody', selected: true })).toBeInTheDocument();
  });

  it('Admin is for admins only: anyone else at /admin is sent to the duty record', async () => {
    openAt('/admin', deskId);
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
    expect(screen.queryByRole('button', { name: 'Create enrolment code' })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('an admin at /admin gets the admin screen', async () => {
    openAt('/admin', adminId);
    expect(await screen.findByRole('button', { name: 'Create enrolment code' })).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
    expect(path()).toBe('/admin');
  });

  it('signing out returns to /; the next person signs in on the duty record', async () => {
    const user = userEvent.setup();
    openAt('/items/loans', adminId);
    await screen.findByRole('tab', { name: 'Loans', selected: true });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));

    await user.click(screen.getByRole('button', { name: 'Chan Tai Man' }));
    for (const d of '2468') await user.click(screen.getByRole('button', { name: d }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(path()).toBe('/');
  });

  it('an idle sign-out also returns to /', async () => {
    window.history.replaceState(null, '', '/items/loans');
    // Idle for longer than the building allows (10 minutes in the seeded settings).
    act(() => useSessionStore.getState().signIn(deskId, Date.now() - 11 * 60_000));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
  });

  it('a deep link opened with nobody signed in shows sign-in at /', async () => {
    openAt('/rota', null);
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe('/'));
  });
});
