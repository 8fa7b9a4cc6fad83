import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CountScreen } from '../../src/client/features/count/count-screen';
import { countFixture, putClosingRecord, putItem, putLoan, type CountFixture } from './count-fixtures';
import { renderWithDb } from './helpers';

// Typing through user-event and live queries over fake-indexeddb are slow on a loaded 2-core runner.
vi.setConfig({ testTimeout: 30_000 });

let f: CountFixture;

beforeEach(async () => {
  f = await countFixture();
});

const renderCount = () => renderWithDb(<CountScreen handoverId={f.handoverId} staffId={f.staffId} />, f.tablet.db);
const row = (label: string) => screen.getByRole('listitem', { name: label });
const stateOf = (label: string) => row(label).querySelector('.count-state')?.textContent;

describe('the count as compact rows (issue 7, H8)', () => {
  it('H8: each row is one "present" button named by label and code, stating the item in words', async () => {
    const user = userEvent.setup();
    const key = await putItem(f.tablet, { category: 'key', code: 'K-01', label: 'Plant room key' });
    await putItem(f.tablet, { category: 'key', code: 'K-02', label: 'Roof key' });
    await putClosingRecord(f, [{ item: key, state: 'present', quantity: 1, explanation: '' }]);
    renderCount();
    const present = await screen.findByRole('button', { name: 'Present: Plant room key (K-01)' });
    // The hint takes the row's second line; the state is still said to a screen reader.
    expect(present).toHaveAccessibleDescription('Not counted yet Last count: Present');
    expect(within(row('Roof key')).getByText('Not counted yet')).toBeVisible();
    // Missing or damaged is the row's one secondary control.
    expect(
      within(row('Plant room key'))
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Present: Plant room key (K-01)', 'Missing / damaged: Plant room key']);

    await user.click(present);
    await waitFor(() => expect(present).toHaveAccessibleDescription('Present'));
    expect(await f.tablet.db.countLine.count()).toBe(1);
    // A second tap on a present item adds nothing.
    await user.click(present);
    expect(await f.tablet.db.countLine.count()).toBe(1);
  });

  it('H8: "Missing / damaged" asks which; damaged keeps the item at the desk, opens a follow-up, and reopens as damaged', async () => {
    const user = userEvent.setup();
    const radio = await putItem(f.tablet, { category: 'radio', code: 'R-02', label: 'Radio 2' });
    renderCount();
    await user.click(await screen.findByRole('button', { name: 'Missing / damaged: Radio 2' }));
    let dialog = await screen.findByRole('dialog', { name: 'Missing / damaged: Radio 2' });
    const what = within(dialog).getByRole('group', { name: 'What is wrong' });
    await user.click(within(what).getByRole('radio', { name: 'Damaged' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Explanation' }), 'Aerial snapped off');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(stateOf('Radio 2')).toBe('Damaged'));
    expect(within(row('Radio 2')).getByText('Explanation: Aerial snapped off')).toBeInTheDocument();
    expect(await f.tablet.db.countLine.toArray()).toMatchObject([
      { itemId: radio.id, state: 'damaged', quantity: 1, explanation: 'Aerial snapped off' },
    ]);
    expect(await f.tablet.db.task.toArray()).toMatchObject([{ kind: 'followUp', status: 'open', itemId: radio.id }]);

    // Opened again, the dialog starts from what the count already says.
    await user.click(screen.getByRole('button', { name: 'Missing / damaged: Radio 2' }));
    dialog = await screen.findByRole('dialog', { name: 'Missing / damaged: Radio 2' });
    expect(within(dialog).getByRole('radio', { name: 'Damaged' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Explanation' })).toHaveValue('Aerial snapped off');
  });

  it('H8: for several of an item, the quantity follows the choice until the person sets it', async () => {
    const user = userEvent.setup();
    const chargers = await putItem(f.tablet, {
      category: 'commEquipment',
      code: 'C-02',
      label: 'Radio charger',
      expectedQuantity: 3,
    });
    renderCount();
    await user.click(await screen.findByRole('button', { name: 'Missing / damaged: Radio charger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Missing / damaged: Radio charger' });
    const here = within(dialog).getByRole('group', { name: 'How many are at the desk' });
    // Missing: at least one is gone. Damaged: all three are still here.
    expect(within(here).getByText('2 of 3')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Damaged' }));
    expect(within(here).getByText('3 of 3')).toBeInTheDocument();
    // Once the person sets the number, switching back keeps it.
    await user.click(within(here).getByRole('button', { name: 'Fewer' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Missing' }));
    expect(within(here).getByText('2 of 3')).toBeInTheDocument();
    await user.click(within(here).getByRole('button', { name: 'Fewer' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Explanation' }), 'Two sent for repair');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stateOf('Radio charger')).toBe('Missing, 1 of 3 here'));
    expect(await f.tablet.db.countLine.where('itemId').equals(chargers.id).toArray()).toMatchObject([
      { state: 'missing', quantity: 1 },
    ]);
  });

  it('H8: lent and custody items say their state on the row: borrower, overdue, whose property', async () => {
    const radios = await putItem(f.tablet, { category: 'radio', code: 'R-ALL', label: 'Radios', expectedQuantity: 3 });
    await putLoan(f.tablet, f.staffId, { itemId: radios.id, party: 'Guard Wong', dueAt: Date.now() - 60_000 });
    const bag = await putItem(f.tablet, { category: 'custody', code: 'C-01', label: 'Parcel' });
    await putLoan(f.tablet, f.staffId, {
      itemId: bag.id,
      kind: 'custodyIn',
      party: 'Unit 12A',
      partyKind: null,
      dueAt: null,
    });
    renderCount();
    // Partly lent: the rest are counted on the same row, with the loan beside them.
    const partly = await screen.findByRole('button', { name: 'Present: Radios (R-ALL)' });
    expect(partly).toHaveAccessibleDescription('Not counted yet 1 lent to Guard Wong Overdue');
    expect(within(row('Radios')).getByText('2 of 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Present: Parcel (C-01)' })).toHaveAccessibleDescription(
      'Not counted yet Kept for Unit 12A',
    );
  });
});
