import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { navigate } from 'wouter/use-browser-location';
import type { Item, ItemCategory } from '../../src/domain/entities';
import { lendItem, returnItem, saveItem } from '../../src/client/db/repos/item-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { ItemsScreen } from '../../src/client/features/keys/items-screen';
import { useUiStore } from '../../src/client/state/ui-store';
import { AppHeader } from '../../src/client/ui/app-header';
import { toLocalInput } from '../../src/client/ui/time';
import { SITE_SETTINGS, renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 60_000 });

const HOUR = 3_600_000;
const zone = SITE_SETTINGS.timeZone;

let tablet: SeededTablet;
let chiefId: string;
let deskId: string;
let key: Item;
let radio: Item;

async function addItem(category: ItemCategory, label: string, code: string): Promise<Item> {
  const ctx = await makeWriteContext(tablet.db, chiefId);
  const res = await saveItem(tablet.db, ctx, {
    category,
    label,
    code,
    expectedQuantity: 1,
    location: '',
    active: true,
  });
  if (!res.ok) throw new Error(`seed failed: ${JSON.stringify(res.errors)}`);
  return res.value;
}

beforeEach(async () => {
  tablet = await seedTablet();
  chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
  deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
  key = await addItem('key', 'Plant room key', 'K-101');
  radio = await addItem('radio', 'Radio 1', 'R-01');
});

const loanForm = () => screen.getByRole('form', { name: 'Lend a key or radio' });
const openLoans = () => screen.getByRole('list', { name: 'Out on loan' });

async function openLoansTab(user: ReturnType<typeof userEvent.setup>) {
  renderWithDb(<ItemsScreen staffId={deskId} />, tablet.db);
  await user.click(screen.getByRole('tab', { name: /^Loans/ }));
  // The item picker fills once the register has loaded.
  await within(loanForm()).findByRole('option', { name: 'Plant room key (K-101): 1 at the desk' });
}

describe('lending keys and radios (H8)', () => {
  it('H8: a loan past its due time is listed first as OVERDUE; a new loan is not; Returned, once confirmed, closes a loan', async () => {
    // A radio lent three hours ago, due back an hour ago (the tablet's clock then).
    const earlier = await makeWriteContext(tablet.db, deskId, () => Date.now() - 3 * HOUR);
    const old = await lendItem(tablet.db, earlier, {
      itemId: radio.id,
      quantity: 1,
      party: 'Wong Contractor Ltd',
      partyKind: 'contractor',
      contact: '2345 6789',
      reason: 'Lift repair',
      dueAt: Date.now() - HOUR,
      dutyId: null,
    });
    expect(old.ok).toBe(true);

    const user = userEvent.setup({ delay: null });
    await openLoansTab(user);
    expect(await screen.findByRole('tab', { name: 'Loans 1 overdue' })).toHaveAttribute('aria-selected', 'true');

    const form = loanForm();
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Item' }),
      'Plant room key (K-101): 1 at the desk',
    );
    await user.type(within(form).getByRole('textbox', { name: 'Borrower' }), 'Ho Siu Fung');
    await user.click(within(form).getByRole('radio', { name: 'Tenant' }));
    await user.type(within(form).getByRole('textbox', { name: 'Contact phone' }), '9123 4567');
    await user.type(within(form).getByRole('textbox', { name: 'Purpose' }), 'Check the plant room');
    fireEvent.change(within(form).getByLabelText('Due back'), {
      target: { value: toLocalInput(Date.now() + 2 * HOUR, zone) },
    });
    await user.click(within(form).getByRole('button', { name: 'Lend' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Plant room key was lent to Ho Siu Fung.');

    await waitFor(() => expect(within(openLoans()).getAllByRole('listitem')).toHaveLength(2));
    const [first, second] = within(openLoans()).getAllByRole('listitem');
    expect(first).toHaveTextContent('Radio 1');
    expect(first).toHaveTextContent('OVERDUE');
    expect(first).toHaveClass('is-overdue');
    expect(second).toHaveTextContent('Plant room key');
    expect(second).toHaveTextContent('Ho Siu Fung · Tenant · 9123 4567');
    expect(second).not.toHaveTextContent('OVERDUE');
    const lend = (await tablet.db.itemMovement.toArray()).find((m) => m.itemId === key.id);
    expect(lend).toMatchObject({ kind: 'lend', party: 'Ho Siu Fung', partyKind: 'tenant', staffId: deskId });

    await user.click(within(first!).getByRole('button', { name: 'Returned: Radio 1 from Wong Contractor Ltd' }));
    // Issue 7 §8: the return is recorded only once the person confirms it.
    const confirm = screen.getByRole('dialog', { name: 'Record the return?' });
    await user.click(within(confirm).getByRole('button', { name: 'Confirm return' }));
    await waitFor(() => expect(within(openLoans()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(openLoans()).getByRole('listitem')).toHaveTextContent('Plant room key');
    const recent = screen.getByRole('list', { name: 'Recent returns' });
    expect(await within(recent).findByText('Radio 1: back from Wong Contractor Ltd')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Loans' })).toBeInTheDocument();
    const returned = (await tablet.db.itemMovement.toArray()).find((m) => m.kind === 'return');
    expect(returned?.closesId).toBe(old.ok ? old.value.id : null);

    // The register shows where each item is now.
    await user.click(screen.getByRole('tab', { name: 'Register' }));
    const keys = await screen.findByRole('region', { name: 'Keys (1)' });
    expect(await within(keys).findByText('Lent to Ho Siu Fung (1)')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Two-way radios (1)' })).getByText('At the desk')).toBeVisible();
  });

  it('H8: a lend without a borrower shows the error beside the field, keeps what was typed and writes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    await openLoansTab(user);
    const form = loanForm();
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Item' }),
      'Plant room key (K-101): 1 at the desk',
    );
    await user.type(within(form).getByRole('textbox', { name: 'Contact phone' }), '9123 4567');
    await user.type(within(form).getByRole('textbox', { name: 'Purpose' }), 'Check the plant room');
    // A due time already past is refused too: a loan is due after it goes out.
    const due = within(form).getByLabelText('Due back');
    fireEvent.change(due, { target: { value: toLocalInput(Date.now() - HOUR, zone) } });
    await user.click(within(form).getByRole('button', { name: 'Lend' }));

    const borrower = within(form).getByRole('textbox', { name: 'Borrower' });
    await waitFor(() => expect(borrower).toHaveAccessibleDescription('Borrower is required'));
    expect(borrower).toHaveAttribute('aria-invalid', 'true');
    expect(due).toHaveAccessibleDescription(/^The due time must be later than now/);
    expect(within(form).getByRole('combobox', { name: 'Item' })).toHaveDisplayValue(
      'Plant room key (K-101): 1 at the desk',
    );
    expect(within(form).getByRole('textbox', { name: 'Contact phone' })).toHaveValue('9123 4567');
    expect(within(form).getByRole('textbox', { name: 'Purpose' })).toHaveValue('Check the plant room');
    expect(await tablet.db.itemMovement.count()).toBe(0);

    // No item chosen is said beside the picker, together with the other fields.
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Item' }), 'Choose an item');
    await user.click(within(form).getByRole('button', { name: 'Lend' }));
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Item' })).toHaveAccessibleDescription('Item is required'),
    );
    expect(borrower).toHaveAccessibleDescription('Borrower is required');
    expect(await tablet.db.itemMovement.count()).toBe(0);
  });

  it('a loan opened from another screen (focus, then /items) shows the Loans tab with that loan highlighted', async () => {
    const ctx = await makeWriteContext(tablet.db, deskId);
    const loan = await lendItem(tablet.db, ctx, {
      itemId: key.id,
      quantity: 1,
      party: 'Ho Siu Fung',
      partyKind: 'colleague',
      contact: 'ext. 201',
      reason: '',
      dueAt: Date.now() + HOUR,
      dutyId: null,
    });
    if (!loan.ok) throw new Error('seed failed');
    // What useOpenFocus('items', ...) does: the focus in the store, then the section's URL.
    useUiStore.getState().setFocus({ table: 'itemMovement', id: loan.value.id });
    navigate('/items');
    renderWithDb(<ItemsScreen staffId={deskId} />, tablet.db);

    await waitFor(() => expect(screen.getByRole('tab', { name: 'Loans' })).toHaveAttribute('aria-selected', 'true'));
    const list = await screen.findByRole('list', { name: 'Out on loan' });
    const row = await within(list).findByRole('listitem');
    expect(row).toHaveTextContent('Plant room key');
    expect(row).toHaveClass('is-focused');
  });
});

describe('overdue loans on every screen', () => {
  it('H8: the header shows how many loans are overdue next to Items, and nothing once they are back', async () => {
    const earlier = await makeWriteContext(tablet.db, deskId, () => Date.now() - 3 * HOUR);
    const lent = await lendItem(tablet.db, earlier, {
      itemId: key.id,
      quantity: 1,
      party: 'Wong Contractor Ltd',
      partyKind: 'contractor',
      contact: '2345 6789',
      reason: 'Plant room inspection',
      dueAt: Date.now() - HOUR,
      dutyId: null,
    });
    if (!lent.ok) throw new Error('lend failed');
    const desk = await tablet.db.staff.get(deskId);
    renderWithDb(
      <AppHeader siteName="Tower" staff={desk ?? null} section="log" onSignOut={() => undefined} />,
      tablet.db,
    );
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    const items = await within(nav).findByRole('link', { name: /^Items/ });
    await waitFor(() => expect(items).toHaveAccessibleName('Items 1 overdue'));
    // With loans overdue, the link opens Items on its Loans tab, where they come first.
    expect(items).toHaveAttribute('href', '/items/loans');

    await returnItem(tablet.db, await makeWriteContext(tablet.db, deskId), { loanId: lent.value.id, dutyId: null });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Items' })).toHaveAttribute('href', '/items'));
  });
});

describe('returning a key: confirmed, and undone within a minute (issue 7 §8)', () => {
  async function lentKey() {
    const lent = await lendItem(tablet.db, await makeWriteContext(tablet.db, deskId), {
      itemId: key.id,
      quantity: 1,
      party: 'Ho Siu Fung',
      partyKind: 'tenant',
      contact: '9123 4567',
      reason: 'Check the plant room',
      dueAt: Date.now() + 2 * HOUR,
      dutyId: null,
    });
    if (!lent.ok) throw new Error('lend failed');
    return lent.value;
  }

  it('asks first, naming the item and the borrower; Cancel records nothing', async () => {
    await lentKey();
    const user = userEvent.setup({ delay: null });
    await openLoansTab(user);
    await user.click(await screen.findByRole('button', { name: 'Returned: Plant room key from Ho Siu Fung' }));
    const confirm = screen.getByRole('dialog', { name: 'Record the return?' });
    expect(confirm).toHaveTextContent('Record that Ho Siu Fung returned Plant room key (K-101).');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(openLoans()).getByRole('listitem')).toHaveTextContent('Plant room key');
    expect((await tablet.db.itemMovement.toArray()).map((m) => m.kind)).toEqual(['lend']);
  });

  it('after the return, Undo with the seconds left reopens the loan by an op of its own, not a deletion', async () => {
    const lend = await lentKey();
    const user = userEvent.setup({ delay: null });
    await openLoansTab(user);
    await user.click(await screen.findByRole('button', { name: 'Returned: Plant room key from Ho Siu Fung' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Record the return?' })).getByRole('button', {
        name: 'Confirm return',
      }),
    );
    const notice = await screen.findByText('Returned: Plant room key from Ho Siu Fung.');
    expect(notice.closest('[role="status"]')).not.toBeNull();
    await waitFor(() => expect(within(openLoans()).queryAllByRole('listitem')).toHaveLength(0));

    // The seconds left are counted on the server-corrected clock, once its offset has loaded (T1).
    await user.click(await screen.findByRole('button', { name: /^Undo \(\d{1,2} s\)$/ }));
    expect(
      await screen.findByText('Return undone: Plant room key is on loan to Ho Siu Fung again.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
    await waitFor(() => expect(within(openLoans()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(openLoans()).getByRole('listitem')).toHaveTextContent('Plant room key');
    // The history keeps the return, marked undone, and the undo that names it.
    const recent = screen.getByRole('list', { name: 'Recent returns' });
    const row = within(recent).getByRole('listitem');
    expect(row).toHaveTextContent('Plant room key: back from Ho Siu Fung');
    expect(within(row).getByText('Undone')).toBeInTheDocument();
    const movements = await tablet.db.itemMovement.toArray();
    const ret = movements.find((m) => m.kind === 'return');
    expect(ret?.closesId).toBe(lend.id);
    expect(movements.find((m) => m.kind === 'returnUndone')).toMatchObject({ closesId: ret?.id, staffId: deskId });
    expect((await tablet.db.outbox.toArray()).map((o) => `${o.table}:${o.kind}`).slice(-2)).toEqual([
      'itemMovement:append',
      'itemMovement:append',
    ]);
  });
});
