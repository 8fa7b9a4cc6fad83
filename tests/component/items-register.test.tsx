import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemCategory } from '../../src/domain/entities';
import { saveItem } from '../../src/client/db/repos/item-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { ItemsScreen } from '../../src/client/features/keys/items-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  vi.restoreAllMocks();
});

/** Registers items as the chief would, through the repository. */
async function seedItems(
  tablet: SeededTablet,
  chiefId: string,
  items: { category: ItemCategory; label: string; code: string; expectedQuantity?: number }[],
) {
  const ctx = await makeWriteContext(tablet.db, chiefId);
  for (const i of items) {
    const res = await saveItem(tablet.db, ctx, {
      location: 'Key cabinet',
      active: true,
      expectedQuantity: 1,
      ...i,
    });
    expect(res.ok).toBe(true);
  }
}

describe('item register (H8)', () => {
  it('H8: a chief adds an item; a duplicate code is refused beside the Code field and nothing is written', async () => {
    const user = userEvent.setup({ delay: null });
    const tablet = await seedTablet();
    const chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
    renderWithDb(<ItemsScreen staffId={chiefId} />, tablet.db);

    expect(screen.getByRole('tab', { name: 'Register' })).toHaveAttribute('aria-selected', 'true');
    await user.click(await screen.findByRole('button', { name: 'Add item' }));
    let form = screen.getByRole('form', { name: 'Add an item' });
    await user.click(within(form).getByRole('radio', { name: 'Keys' }));
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Plant room key');
    await user.type(within(form).getByRole('textbox', { name: 'Code' }), 'K-101');
    await user.type(within(form).getByRole('textbox', { name: 'Location' }), 'Key cabinet A');
    await user.click(within(form).getByRole('button', { name: 'Save item' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Plant room key was saved.');
    const keys = await screen.findByRole('region', { name: 'Keys (1)' });
    expect(within(keys).getByText('Plant room key')).toBeInTheDocument();
    expect(within(keys).getByText('K-101')).toBeInTheDocument();
    expect(within(keys).getByText('Key cabinet A')).toBeInTheDocument();
    expect(within(keys).getByText('At the desk')).toBeInTheDocument();
    expect(await tablet.db.item.count()).toBe(1);

    // The same code again (case and spaces do not make it another code): refused beside the field.
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    form = screen.getByRole('form', { name: 'Add an item' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Spare plant room key');
    await user.type(within(form).getByRole('textbox', { name: 'Code' }), 'k-101 ');
    await user.click(within(form).getByRole('button', { name: 'Save item' }));
    const code = within(form).getByRole('textbox', { name: 'Code' });
    await waitFor(() => expect(code).toHaveAccessibleDescription(/^Another item already has this code/));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Spare plant room key');
    expect(code).toHaveValue('k-101 ');
    expect(await tablet.db.item.count()).toBe(1);

    // Editing the existing item keeps its code and changes its place.
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Edit Plant room key' }));
    form = screen.getByRole('form', { name: 'Edit Plant room key' });
    const location = within(form).getByRole('textbox', { name: 'Location' });
    await user.clear(location);
    await user.type(location, 'Key cabinet B');
    await user.click(within(form).getByRole('button', { name: 'Save item' }));
    expect(await within(screen.getByRole('region', { name: 'Keys (1)' })).findByText('Key cabinet B')).toBeVisible();
    const [stored] = await tablet.db.item.toArray();
    expect(stored).toMatchObject({ code: 'K-101', location: 'Key cabinet B', category: 'key', active: true });
  });

  it('H8: a desk person sees the register read-only', async () => {
    const tablet = await seedTablet();
    const chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
    await seedItems(tablet, chiefId, [
      { category: 'key', label: 'Plant room key', code: 'K-101' },
      { category: 'radio', label: 'Radio set', code: 'R-SET', expectedQuantity: 4 },
    ]);
    renderWithDb(<ItemsScreen staffId={deskId} />, tablet.db);

    expect(await screen.findByText('Only the section chief or an administrator changes the register.')).toBeVisible();
    const radios = await screen.findByRole('region', { name: 'Two-way radios (1)' });
    expect(within(radios).getByText('Radio set')).toBeInTheDocument();
    expect(within(radios).getByText('4')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Keys (1)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add item' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit / })).not.toBeInTheDocument();
    // Printing labels is open to everyone.
    expect(screen.getByRole('button', { name: 'Print QR labels' })).toBeEnabled();
  });

  it('H8: the label sheet renders one QR code per selected item with its code in text, and prints', async () => {
    const user = userEvent.setup({ delay: null });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const tablet = await seedTablet();
    const chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
    await seedItems(tablet, chiefId, [
      { category: 'key', label: 'Plant room key', code: 'K-101' },
      { category: 'key', label: 'Roof door key', code: 'K-102' },
      { category: 'radio', label: 'Radio 1', code: 'R-01' },
    ]);
    renderWithDb(<ItemsScreen staffId={chiefId} />, tablet.db);
    await screen.findByRole('region', { name: 'Keys (2)' });
    await user.click(screen.getByRole('button', { name: 'Print QR labels' }));

    const sheet = screen.getByRole('dialog', { name: 'QR labels' });
    const labels = () => within(sheet).getAllByRole('img', { name: /^QR code / });
    expect(labels()).toHaveLength(3);
    for (const label of labels()) expect(label.querySelectorAll('svg')).toHaveLength(1);

    await user.click(within(sheet).getByRole('radio', { name: 'Keys' }));
    expect(labels().map((l) => l.getAttribute('aria-label'))).toEqual(['QR code K-101', 'QR code K-102']);
    const list = within(sheet).getByRole('list', { name: 'QR labels' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Plant room keyK-101');
    expect(items[1]).toHaveTextContent('Roof door keyK-102');
    // Each code is its own QR pattern, not one image repeated.
    const paths = labels().map((l) => l.querySelector('path')?.getAttribute('d'));
    expect(paths[0]).toBeTruthy();
    expect(paths[0]).not.toEqual(paths[1]);
    expect(within(sheet).getByText('2 labels')).toBeInTheDocument();

    await user.click(within(sheet).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    await user.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'QR labels' })).not.toBeInTheDocument();
  });
});
