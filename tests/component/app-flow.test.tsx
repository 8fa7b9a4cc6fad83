import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

describe('enrolled app', () => {
  it('signs in as an admin onto setup (issue 8: each role lands on its home), opens the duty record from the nav and finds the desk closed (no Start duty: H3), and signs out', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin', pin: '2580' });
    const onEnrolled = vi.fn();
    render(<App db={tablet.db} engine={fakeEngine()} onEnrolled={onEnrolled} />);

    await user.click(await screen.findByRole('button', { name: 'Wong Siu Ming' }));
    for (const d of '2580') await user.click(screen.getByRole('button', { name: d }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // The admin's home is setup.
    expect(await screen.findByRole('button', { name: 'Create enrolment code' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/admin');
    expect(screen.getByText('Signed in: Wong Siu Ming')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Sync status' })).toBeInTheDocument();
    expect(onEnrolled).toHaveBeenCalledTimes(1);
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');

    // The duty record stays reachable on purpose, under More.
    await user.click(within(nav).getByRole('button', { name: 'More' }));
    await user.click(within(nav).getByRole('link', { name: 'Duty record' }));
    // A duty begins only by a handover or by opening the desk, which needs a rostered shift now (S1).
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(screen.getByText('The desk is closed and nobody is rostered now.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Start duty|Open the desk/ })).toBeNull();
    expect(window.location.pathname).toBe('/');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(useSessionStore.getState().staffId).toBeNull();
  });

  it('desk staff see no Admin section', async () => {
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man' });
    act(() => useSessionStore.getState().signIn(deskId, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('signs out a session idle longer than the building allows (10 min here)', async () => {
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man' });
    act(() => useSessionStore.getState().signIn(deskId, Date.now() - 11 * 60_000));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(useSessionStore.getState().staffId).toBeNull();
  });

  it('signs out a person deactivated meanwhile (e.g. from another tablet)', async () => {
    const tablet = await seedTablet();
    await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man' });
    act(() => useSessionStore.getState().signIn(deskId, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    // Issue 9 §3: the admin deactivated the person on the server; the pull brings the row.
    await tablet.db.staff.update(deskId, { active: false });
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    await waitFor(() => expect(useSessionStore.getState().staffId).toBeNull());
  });
});
