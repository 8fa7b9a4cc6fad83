/**
 * Issue 9 §3: admin changes happen only online. Offline the screen says so and its buttons are off
 * (no queued admin op); a failed request says what to do: try again (network), sign in again (the
 * server cannot prove the admin's PIN), or wait until the lockout ends (building time).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { forgetProofKeys } from '../../src/client/state/proof-keys';
import { useSessionStore } from '../../src/client/state/session-store';
import { adminFixture, apiError, goOffline, serverStaff, writes } from './admin-fixtures';
import { renderWithDb, seedStaff } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('admin: online only (issue 9 §3)', () => {
  it('offline, the screen says admin changes need the network, every submit is off and nothing is sent or queued', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    await seedStaff(f.tablet, { name: 'Lee Mei Ling' });
    goOffline();
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);

    expect(screen.getByText(/^This tablet is offline\. Admin changes are made on the server/)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ho Chui Yee');
    await user.type(within(form).getByLabelText('PIN'), '4321');
    await user.type(within(form).getByLabelText('Confirm PIN'), '4321');
    expect(within(form).getByRole('button', { name: 'Add person' })).toBeDisabled();
    await user.type(within(form).getByLabelText('Confirm PIN'), '{Enter}');
    expect(screen.getByRole('button', { name: 'Create enrolment code' })).toBeDisabled();
    const list = screen.getByRole('region', { name: 'Staff' });
    expect(await within(list).findByRole('button', { name: 'Deactivate Lee Mei Ling' })).toBeDisabled();
    expect(within(list).getByRole('button', { name: 'Reset PIN for Lee Mei Ling' })).toBeDisabled();
    expect(within(list).getByRole('button', { name: 'Change role of Lee Mei Ling' })).toBeDisabled();
    const settings = await screen.findByRole('form', { name: 'Building settings' });
    expect(within(settings).getByRole('button', { name: 'Save settings' })).toBeDisabled();

    expect(f.calls).toEqual([]);
    expect(await f.tablet.db.outbox.count()).toBe(0);
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Ho Chui Yee');
  });

  it('a network failure says nothing was changed and offers to try again, which sends the request again', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const leeId = await seedStaff(f.tablet, { name: 'Lee Mei Ling' });
    let attempts = 0;
    f.on(`PATCH /api/v1/admin/staff/${leeId}`, () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch');
      return Response.json({
        staff: serverStaff(f.tablet, { id: leeId, name: 'Lee Mei Ling', role: 'desk', active: false }),
        serverTime: Date.now(),
      });
    });
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const list = screen.getByRole('region', { name: 'Staff' });
    await user.click(await within(list).findByRole('button', { name: 'Deactivate Lee Mei Ling' }));
    const alert = await within(list).findByRole('alert');
    expect(alert).toHaveTextContent('The server could not be reached, so nothing was changed.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(list).findByRole('status')).toHaveTextContent('Lee Mei Ling was deactivated.');
    expect(within(list).queryByRole('alert')).not.toBeInTheDocument();
    expect(writes(f.calls).map((c) => c.body)).toEqual([{ active: false }, { active: false }]);
  });

  it('actor_unproven asks the admin to sign in again, and the button signs them out', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    f.on('POST /api/v1/enrolment-codes', () => apiError(403, 'actor_unproven'));
    useSessionStore.getState().signIn(f.adminId, Date.now());
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    const panel = screen.getByRole('region', { name: 'Enrol another tablet' });
    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('The server needs your PIN again before an admin change.');
    await user.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    expect(useSessionStore.getState().staffId).toBeNull();
  });

  it('after a reload (no proof key in this page) nothing is sent and the admin is asked to sign in again', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    forgetProofKeys();
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    const panel = screen.getByRole('region', { name: 'Enrol another tablet' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Sign in again');
    expect(f.calls).toEqual([]);
  });

  it('locked_out says until when, in the building time zone', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const lockedUntil = Date.UTC(2030, 0, 15, 2, 35);
    f.on('POST /api/v1/admin/staff', () => apiError(429, 'locked_out', { lockedUntil }));
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ho Chui Yee');
    await user.type(within(form).getByLabelText('PIN'), '4321');
    await user.type(within(form).getByLabelText('Confirm PIN'), '4321');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    // Asia/Hong_Kong is UTC+8.
    await waitFor(() =>
      expect(within(form).getByRole('alert')).toHaveTextContent(
        'Too many wrong PINs for your name. Admin changes are refused until 2030-01-15 10:35.',
      ),
    );
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Ho Chui Yee');
  });
});
