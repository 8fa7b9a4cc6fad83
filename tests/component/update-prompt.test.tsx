import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startDuty } from '../unit/client/duty-fixture';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { usePwaStore } from '../../src/client/state/pwa-store';
import { UpdatePrompt } from '../../src/client/ui/update-prompt';
import { renderWithDb, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

describe('update prompt', () => {
  it('never reloads over an unsaved entry: Reload waits until the entry is saved or discarded', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
    await startDuty(tablet.db, await makeWriteContext(tablet.db, staffId), { shiftId: null });
    renderWithDb(
      <>
        <UpdatePrompt />
        <LogScreen staffId={staffId} />
      </>,
      tablet.db,
    );
    expect(screen.queryByText('A new version is ready')).not.toBeInTheDocument();

    const apply = vi.fn();
    act(() => usePwaStore.getState().offerUpdate(apply));
    expect(screen.getByText('A new version is ready')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeEnabled();

    await user.type(await screen.findByRole('textbox', { name: 'Cause' }), 'Courier waiting at the lobby');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeDisabled();
    expect(screen.getByText('Save or discard your entry first')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Discard entry' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reload' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(apply).toHaveBeenCalledTimes(1);
  });
});
