import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { recordCountTap } from '../../src/client/db/repos/count-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { ItemsScreen } from '../../src/client/features/keys/items-screen';
import { countFixture, putClosingRecord, putItem } from './count-fixtures';
import { renderWithDb } from './helpers';

// Live queries over fake-indexeddb are slow on a loaded 2-core runner.
vi.setConfig({ testTimeout: 30_000 });

describe('the register follows the latest count (issue 7, H8)', () => {
  it('H8: an item the last signed count found damaged or missing is not "at the desk"; a count in progress overtakes it', async () => {
    const f = await countFixture();
    const radio = await putItem(f.tablet, { category: 'radio', code: 'R-01', label: 'Radio 1' });
    const key = await putItem(f.tablet, { category: 'key', code: 'K-01', label: 'Plant room key' });
    const chargers = await putItem(f.tablet, {
      category: 'commEquipment',
      code: 'C-02',
      label: 'Radio charger',
      expectedQuantity: 3,
    });
    await putItem(f.tablet, { category: 'key', code: 'K-02', label: 'Roof key' });
    await putClosingRecord(f, [
      { item: radio, state: 'damaged', quantity: 1, explanation: 'Aerial snapped off' },
      { item: key, state: 'missing', quantity: 0, explanation: 'With the night guard' },
      { item: chargers, state: 'present', quantity: 2, explanation: 'One at the car park booth' },
    ]);
    renderWithDb(<ItemsScreen staffId={f.staffId} />, f.tablet.db);

    const radios = await screen.findByRole('region', { name: 'Two-way radios (1)' });
    expect(await within(radios).findByText('Damaged at the latest count')).toBeInTheDocument();
    expect(within(radios).queryByText('At the desk')).not.toBeInTheDocument();
    const keys = screen.getByRole('region', { name: 'Keys (2)' });
    const rowOf = (label: string): HTMLElement => {
      const li = within(keys).getByText(label).closest('li');
      if (!li) throw new Error(`no register row for ${label}`);
      return li;
    };
    expect(within(rowOf('Plant room key')).getByText('Missing at the latest count')).toBeInTheDocument();
    expect(within(rowOf('Plant room key')).queryByText('At the desk')).not.toBeInTheDocument();
    // Never found wrong: at the desk as before.
    expect(within(rowOf('Roof key')).getByText('At the desk')).toBeInTheDocument();
    const comms = screen.getByRole('region', { name: 'Communication equipment (1)' });
    expect(within(comms).getByText('Fewer at the latest count: 2 of 3 here')).toBeInTheDocument();

    // The count in progress finds the key back and the radio now missing: the register follows.
    const ctx = await makeWriteContext(f.tablet.db, f.staffId);
    const tap = (itemId: string, state: 'present' | 'missing', quantity: number, explanation = '') =>
      recordCountTap(f.tablet.db, ctx, { handoverId: f.handoverId, itemId, state, quantity, explanation });
    expect((await tap(key.id, 'present', 1)).ok).toBe(true);
    expect((await tap(radio.id, 'missing', 0, 'Not in the charging rack')).ok).toBe(true);
    await waitFor(() => expect(within(rowOf('Plant room key')).getByText('At the desk')).toBeInTheDocument());
    expect(within(keys).queryByText('Missing at the latest count')).not.toBeInTheDocument();
    expect(await within(radios).findByText('Missing at the latest count')).toBeInTheDocument();
    expect(within(radios).queryByText('Damaged at the latest count')).not.toBeInTheDocument();
  });
});
