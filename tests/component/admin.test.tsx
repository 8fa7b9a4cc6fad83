import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyPin } from '../../src/domain/pin';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { renderWithDb, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('admin', () => {
  it('adds a person with a role and a hashed PIN, offline, and can deactivate them', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
    renderWithDb(<AdminScreen staffId={adminId} />, tablet.db);

    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Name is required');
    expect(within(form).getByLabelText('PIN')).toHaveAccessibleDescription(/^A PIN has 4 to 8 digits/);

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Lee Mei Ling');
    await user.click(within(form).getByRole('radio', { name: 'Section chief' }));
    await user.type(within(form).getByLabelText('PIN'), '8642');
    await user.type(within(form).getByLabelText('Confirm PIN'), '8642');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Lee Mei Ling was added.');

    const stored = (await tablet.db.staff.toArray()).find((s) => s.name === 'Lee Mei Ling');
    expect(stored?.role).toBe('chief');
    expect(stored && (await verifyPin('8642', stored.pinHash))).toBe(true);

    const list = screen.getByRole('region', { name: 'Staff' });
    expect(within(list).queryByRole('button', { name: 'Deactivate Wong Siu Ming' })).not.toBeInTheDocument();
    await user.click(await within(list).findByRole('button', { name: 'Deactivate Lee Mei Ling' }));
    await within(list).findByRole('button', { name: 'Reactivate Lee Mei Ling' });
    expect((await tablet.db.staff.get(stored?.id ?? ''))?.active).toBe(false);
  });

  it('creating an enrolment code offline says the server is needed', async () => {
    const user = userEvent.setup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const tablet = await seedTablet();
    const adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
    renderWithDb(<AdminScreen staffId={adminId} />, tablet.db);
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Creating a code needs the server. Connect to the network and try again.',
      ),
    );
  });

  it('shows a created enrolment code large, grouped, with its expiry in building time', async () => {
    const user = userEvent.setup();
    const expiresAt = Date.UTC(2030, 0, 15, 2, 30);
    const fetchMock = vi.fn(async () => Response.json({ code: 'ABCD2345', expiresAt }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const tablet = await seedTablet();
    const adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
    renderWithDb(<AdminScreen staffId={adminId} />, tablet.db);
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    const shown = await screen.findByRole('status');
    expect(shown).toHaveTextContent('ABCD-2345');
    // Asia/Hong_Kong is UTC+8.
    expect(shown).toHaveTextContent('Use it once, before 2030-01-15 10:30.');
  });
});
