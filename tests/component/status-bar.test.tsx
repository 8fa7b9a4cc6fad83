import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { startDuty } from '../unit/client/duty-fixture';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { setMeta } from '../../src/client/db/meta';
import { StatusBar } from '../../src/client/ui/status-bar';
import { fakeEngine, renderWithDb, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

describe('status bar and sync panel', () => {
  it('shows how many changes are not yet on the server, and the sync panel lists a refused change with its reason', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
    const ctx = await makeWriteContext(tablet.db, staffId);
    const duty = await startDuty(tablet.db, ctx, { shiftId: 'day' });
    await createLogEntry(tablet.db, ctx, {
      dutyId: duty.id,
      fields: {
        kind: 'enquiry',
        severity: 'routine',
        status: 'open',
        cause: 'Asked for the car park rates',
        process: '',
        result: '',
        party: '',
        contact: '',
        location: '',
        occurredAt: Date.now(),
        referredTo: '',
        operationEndedAt: null,
        backdateReason: '',
        channel: null,
        partyType: null,
        unit: '',
        assignedTo: '',
        completedAt: null,
      },
    });
    // A change the server refused, as the sync engine stores it.
    await tablet.db.syncError.put({
      id: newId(),
      siteId: tablet.siteId,
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'server' }),
      deleted: false,
      deviceId: tablet.deviceId,
      counter: 7,
      table: 'logEntry',
      rowId: newId(),
      opKind: 'put',
      code: 'forbidden_role',
      message: 'role desk may not write staff',
      actorStaffId: staffId,
      fields: { kind: 'complaint', cause: 'Noise from the 12th floor', process: 'Called the tenant' },
      recordedAt: Date.now(),
      issues: [],
      dismissedAt: null,
      dismissedBy: null,
      _versions: {},
    });
    const engine = fakeEngine({ pushed: 2, pulled: 5 });
    renderWithDb(<StatusBar />, tablet.db, engine);

    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(await within(bar).findByText('2 changes not yet on the server')).toBeInTheDocument();
    expect(within(bar).getByText('Not synced yet')).toBeInTheDocument();
    expect(within(bar).getByText('1 refused')).toBeInTheDocument();

    await user.click(within(bar).getByRole('button', { name: 'Sync details' }));
    const panel = screen.getByRole('dialog', { name: 'Sync' });
    const refused = within(panel).getByRole('region', { name: 'Refused changes' });
    const item = await within(refused).findByRole('listitem', { name: 'Duty record entry' });
    expect(item).toHaveTextContent('The person who made this change is not allowed to');
    // Issue 7 §8: the server's own text is kept, behind "Details", never as the main message.
    expect(within(item).getByText('role desk may not write staff').closest('details')).not.toBeNull();
    // Nothing is dropped silently: what the refused entry said is still on screen.
    expect(item).toHaveTextContent('Cause: Noise from the 12th floor What was done: Called the tenant');
    expect(item).toHaveTextContent(/Refused \d{4}-\d{2}-\d{2} \d{2}:\d{2} · By Chan Tai Man/);

    await user.click(within(panel).getByRole('button', { name: 'Sync now' }));
    expect(engine.syncNow).toHaveBeenCalledTimes(1);
    expect(await within(panel).findByRole('status')).toHaveTextContent('Sent 2, received 5, refused 0.');

    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('T1: warns when the tablet clock is off, and shows offline after a sync found no network', async () => {
    const tablet = await seedTablet({ clockOffsetMs: 10 * 60_000 });
    await setMeta(tablet.db, 'syncStatus', {
      lastSyncAt: Date.now() - 60_000,
      lastAttemptAt: Date.now(),
      lastError: 'offline',
    });
    renderWithDb(<StatusBar />, tablet.db);
    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(
      await within(bar).findByText("This tablet's clock is off by 10 min; records use server time"),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(bar).getByText('Offline')).toBeInTheDocument());
    expect(
      within(bar).getByText(/^Last sync \d{2}:\d{2}$|^Last sync \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    ).toBeInTheDocument();
    expect(within(bar).getByText('All changes are on the server')).toBeInTheDocument();
  });

  it('offline, "Sync now" says nothing can be sent and the changes wait on the tablet, never "sent 0"', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    await setMeta(tablet.db, 'syncStatus', { lastSyncAt: null, lastAttemptAt: Date.now(), lastError: 'offline' });
    const engine = fakeEngine({ pushed: 0, pulled: 0 });
    renderWithDb(<StatusBar />, tablet.db, engine);
    const bar = screen.getByRole('region', { name: 'Sync status' });
    await waitFor(() => expect(within(bar).getByText('Offline')).toBeInTheDocument());
    await user.click(within(bar).getByRole('button', { name: 'Sync details' }));
    const panel = screen.getByRole('dialog', { name: 'Sync' });
    await user.click(within(panel).getByRole('button', { name: 'Sync now' }));
    expect(await within(panel).findByRole('status')).toHaveTextContent(
      'Offline: nothing can be sent now. Every change is kept on this tablet and is sent by itself when the network is back.',
    );
    expect(within(panel).queryByText(/^Sent 0/)).not.toBeInTheDocument();
  });
});
