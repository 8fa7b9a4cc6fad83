/**
 * Issue 8, "A home for each role": after sign-in each role lands on its home (the desk person on
 * the duty record, the chief on the review queue, the manager on their approvals and reports, the
 * admin on setup), the nav shows each role its sections in its order with the rest under "More",
 * and a section a role may not open sends that person home.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/domain/entities';
import { App } from '../../src/client/app';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, seedStaff, seedTablet, signInByPin, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
const ids: Record<Role, string> = { desk: '', chief: '', manager: '', admin: '' };
const NAMES: Record<Role, string> = { desk: '李嘉欣', chief: '陳國華', manager: '梁美玲', admin: '黃志強' };

beforeEach(async () => {
  tablet = await seedTablet();
  for (const role of ['desk', 'chief', 'manager', 'admin'] as const) {
    ids[role] = await seedStaff(tablet, { name: NAMES[role], role, pin: '2468' });
  }
});

const nav = () => screen.getByRole('navigation', { name: 'Sections' });
const path = () => window.location.pathname;
const linkNames = (within_: HTMLElement) =>
  within(within_)
    .getAllByRole('link')
    .map((l) => l.textContent);

/** Opens the app at `/` (nobody signed in) and signs `role`'s person in with their PIN. */
async function signInAs(role: Role, user: ReturnType<typeof userEvent.setup>) {
  window.history.replaceState(null, '', '/');
  render(<App db={tablet.db} engine={fakeEngine()} />);
  await user.click(await screen.findByRole('button', { name: NAMES[role] }));
  for (const d of '2468') await user.click(screen.getByRole('button', { name: d }));
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByText(`Signed in: ${NAMES[role]}`);
}

/** Opens the app at `at` with `role`'s person already signed in (a reload or a typed link). */
function openAt(at: string, role: Role) {
  window.history.replaceState(null, '', at);
  act(() => useSessionStore.getState().signIn(ids[role], Date.now()));
  return render(<App db={tablet.db} engine={fakeEngine()} />);
}

describe('each role lands on its home after sign-in (issue 8)', () => {
  it.each([
    ['desk', '/', 'Duty record'],
    ['chief', '/review', 'Review'],
    ['manager', '/home', 'Home'],
    ['admin', '/admin', 'Admin'],
  ] as const)('%s lands on %s, marked in the nav as the current page (%s)', async (role, home, label) => {
    const user = userEvent.setup();
    await signInAs(role, user);
    await waitFor(() => expect(path()).toBe(home));
    expect(within(nav()).getByRole('link', { current: 'page' })).toHaveTextContent(label);
  });

  it("the manager's home lists their approvals and escalations and leads to the reports", async () => {
    const user = userEvent.setup();
    await signInAs('manager', user);
    expect(await screen.findByRole('heading', { name: 'Approvals and reports', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Swaps and covers awaiting your approval' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Escalations sent to you' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Daily reports and per-person figures' })).toHaveAttribute(
      'href',
      '/reports',
    );
    expect(screen.getByRole('link', { name: 'The record by day' })).toHaveAttribute('href', '/day');
  });

  it('the home replaces the sign-in entry, so Back does not return to a screen that would send them home again', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/rota');
    window.history.pushState(null, '', '/');
    await signInAs('manager', user);
    await screen.findByRole('heading', { name: 'Approvals and reports', level: 1 });
    await act(async () => window.history.back());
    await waitFor(() => expect(path()).toBe('/rota'));
  });
});

describe('the nav per role (issue 8)', () => {
  it.each([
    [
      'desk',
      ['Duty record', 'Handover', 'Pending', 'Items', 'Rota', 'Record by day'],
      ['Registers', 'Search', 'Handover history'],
    ],
    [
      'chief',
      ['Review', 'Escalations', 'Record by day', 'Registers', 'Reports'],
      ['Search', 'Handover history', 'Rota', 'Items', 'Pending', 'Record check', 'Duty record', 'Handover'],
    ],
    [
      'manager',
      ['Home', 'Escalations', 'Reports', 'Registers', 'Search'],
      ['Handover history', 'Record by day', 'Rota', 'Record check', 'Duty record'],
    ],
    [
      'admin',
      ['Admin', 'Review', 'Escalations', 'Record by day', 'Registers'],
      ['Reports', 'Search', 'Handover history', 'Rota', 'Items', 'Pending', 'Record check', 'Duty record', 'Handover'],
    ],
  ] as const)('%s sees its sections in its order, the rest under More', async (role, primary, more) => {
    const user = userEvent.setup();
    openAt('/day', role);
    await screen.findByRole('heading', { name: 'Record by day' });
    expect(linkNames(nav())).toEqual(primary);
    // Record by day is under the manager's More, which then names it.
    const button = within(nav()).getByRole('button', { name: role === 'manager' ? 'More: Record by day' : 'More' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(linkNames(nav())).toEqual([...primary, ...more]);
  });

  it('More opens by keyboard, closes on Escape with the focus back on it, and closes on a choice', async () => {
    const user = userEvent.setup();
    openAt('/', 'desk');
    await screen.findByRole('heading', { name: 'No one is on duty' });
    const button = within(nav()).getByRole('button', { name: 'More' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(within(nav()).getByRole('link', { name: 'Registers' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(within(nav()).queryByRole('link', { name: 'Registers' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    // A chief: Rota is under More; once opened, the button says so and the link is the current page.
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Who is signing in?' });
    // Issue 9: the sign-out forgot the keys; the chief types their PIN.
    await signInByPin(tablet, ids.chief, '2468');
    await screen.findByRole('navigation', { name: 'Sections' });
    // Signed out at `/`: the chief is on the duty record, which is under their More.
    await user.click(within(nav()).getByRole('button', { name: 'More: Duty record' }));
    await user.click(within(nav()).getByRole('link', { name: 'Rota' }));
    expect(await screen.findByRole('heading', { name: 'Rota' })).toBeInTheDocument();
    expect(path()).toBe('/rota');
    const current = within(nav()).getByRole('button', { name: 'More: Rota' });
    expect(current).toHaveAttribute('aria-expanded', 'false');
    await user.click(current);
    expect(within(nav()).getByRole('link', { name: 'Rota' })).toHaveAttribute('aria-current', 'page');
  });

  it("a chief opens the duty record on purpose from the nav and stays there; the building's name leads home", async () => {
    const user = userEvent.setup();
    openAt('/day', 'chief');
    await screen.findByRole('heading', { name: 'Record by day' });
    await user.click(within(nav()).getByRole('button', { name: 'More' }));
    await user.click(within(nav()).getByRole('link', { name: 'Duty record' }));
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(path()).toBe('/');
    await user.click(screen.getByRole('link', { name: /Harbour View Tower/ }));
    await waitFor(() => expect(path()).toBe('/review'));
  });
});

describe('a section a role may not open sends that person home (issue 8)', () => {
  it.each([
    ['desk', '/admin', '/'],
    ['desk', '/review', '/'],
    ['desk', '/integrity', '/'],
    ['desk', '/home', '/'],
    ['manager', '/review', '/home'],
    ['chief', '/admin', '/review'],
  ] as const)('%s at %s is sent to %s', async (role, at, home) => {
    openAt(at, role);
    await waitFor(() => expect(path()).toBe(home));
    expect(screen.queryByRole('button', { name: 'Create enrolment code' })).not.toBeInTheDocument();
  });

  it('a desk person lands on the duty record from a forbidden section, and the nav never offers it', async () => {
    openAt('/review', 'desk');
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Review' })).not.toBeInTheDocument();
  });
});
