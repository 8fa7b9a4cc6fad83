import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ItemsScreen } from '../../src/client/features/keys/items-screen';
import { renderWithDb, seedStaff, seedTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 60_000 });

describe('custody of property of others (H8)', () => {
  it('H8: a desk person takes an umbrella into custody, then gives it out to the owner, checked', async () => {
    const user = userEvent.setup({ delay: null });
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
    renderWithDb(<ItemsScreen staffId={deskId} />, tablet.db);
    await user.click(screen.getByRole('tab', { name: 'Custody' }));

    const form = await screen.findByRole('form', { name: 'Take property into custody' });
    await user.type(within(form).getByRole('textbox', { name: 'What' }), 'Black umbrella');
    await user.type(within(form).getByRole('textbox', { name: 'Received from' }), 'Cleaner Ah Fat');
    await user.type(within(form).getByRole('textbox', { name: 'Why the desk keeps it' }), 'Left in the lift lobby');
    await user.type(within(form).getByRole('textbox', { name: 'Kept at' }), 'Back office shelf');
    await user.click(within(form).getByRole('button', { name: 'Take in' }));
    // Whose it is must be said; nothing is written until it is.
    const whose = within(form).getByRole('textbox', { name: 'Whose property' });
    await waitFor(() => expect(whose).toHaveAccessibleDescription('Whose property is required'));
    expect(within(form).getByRole('textbox', { name: 'What' })).toHaveValue('Black umbrella');
    expect(await tablet.db.itemMovement.count()).toBe(0);

    await user.type(whose, 'Ms Wong, 12/F');
    await user.type(within(form).getByRole('textbox', { name: "Owner's contact" }), '9876 5432');
    await user.click(within(form).getByRole('button', { name: 'Take in' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Black umbrella was taken into custody.');
    expect(within(form).getByRole('textbox', { name: 'What' })).toHaveValue('');

    const held = screen.getByRole('list', { name: 'Held by the desk' });
    const row = await within(held).findByRole('listitem');
    expect(row).toHaveTextContent('Black umbrella');
    expect(row).toHaveTextContent('Ms Wong, 12/F');
    expect(row).toHaveTextContent('Cleaner Ah Fat');
    expect(row).toHaveTextContent('Left in the lift lobby');
    expect(row).toHaveTextContent('Back office shelf');
    expect(await screen.findByRole('tab', { name: 'Custody 1 held' })).toBeInTheDocument();
    const [item] = await tablet.db.item.toArray();
    expect(item).toMatchObject({ category: 'custody', label: 'Black umbrella', active: true });

    // Give out: the owner is proposed; how they were checked is required.
    await user.click(within(row).getByRole('button', { name: 'Give out Black umbrella' }));
    const dialog = screen.getByRole('form', { name: 'Give out Black umbrella' });
    expect(within(dialog).getByRole('textbox', { name: 'Given to' })).toHaveValue('Ms Wong, 12/F');
    await user.click(within(dialog).getByRole('button', { name: 'Give out' }));
    const checked = within(dialog).getByRole('textbox', { name: 'How the receiver was checked' });
    await waitFor(() => expect(checked).toHaveAccessibleDescription(/^How the receiver was checked is required/));
    await user.type(checked, 'Staff card of 12/F tenant seen');
    await user.click(within(dialog).getByRole('button', { name: 'Give out' }));

    expect(await screen.findByText('Black umbrella was given to Ms Wong, 12/F.')).toHaveRole('status');
    await waitFor(() => expect(within(held).queryAllByRole('listitem')).toHaveLength(0));
    expect(screen.getByText('The desk holds no property of others.')).toBeVisible();
    const recent = screen.getByRole('list', { name: 'Given out recently' });
    expect(
      await within(recent).findByText('Black umbrella to Ms Wong, 12/F, checked: Staff card of 12/F tenant seen'),
    ).toBeInTheDocument();
    const movements = await tablet.db.itemMovement.toArray();
    const intake = movements.find((m) => m.kind === 'custodyIn');
    expect(movements.find((m) => m.kind === 'custodyOut')).toMatchObject({
      closesId: intake?.id,
      party: 'Ms Wong, 12/F',
      checkedHow: 'Staff card of 12/F tenant seen',
      staffId: deskId,
    });
    expect((await tablet.db.item.get(item!.id))?.active).toBe(false);
  });

  it('H8: property held shows in the register under custody with the time it came in', async () => {
    const user = userEvent.setup({ delay: null });
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
    renderWithDb(<ItemsScreen staffId={deskId} />, tablet.db);
    await user.click(screen.getByRole('tab', { name: 'Custody' }));
    const form = await screen.findByRole('form', { name: 'Take property into custody' });
    await user.type(within(form).getByRole('textbox', { name: 'What' }), 'Parcel');
    await user.type(within(form).getByRole('textbox', { name: 'Whose property' }), 'Unit 3B');
    await user.type(within(form).getByRole('textbox', { name: 'Received from' }), 'Courier');
    await user.type(within(form).getByRole('textbox', { name: 'Why the desk keeps it' }), 'Tenant out');
    await user.click(within(form).getByRole('button', { name: 'Take in' }));
    await within(form).findByRole('status');

    await user.click(screen.getByRole('tab', { name: 'Register' }));
    const custody = await screen.findByRole('region', { name: 'Property in custody (1)' });
    expect(within(custody).getByText('Parcel')).toBeInTheDocument();
    expect(await within(custody).findByText(/^Held since \d\d:\d\d$/)).toBeInTheDocument();
  });
});
