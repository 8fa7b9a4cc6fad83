import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startDuty } from '../unit/client/duty-fixture';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;
let dutyId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  const duty = await startDuty(tablet.db, await makeWriteContext(tablet.db, staffId), { shiftId: 'day' });
  dutyId = duty.id;
});

const group = (name: string) => screen.getByRole('group', { name });

describe('duty record entry form (F3, D1, H6)', () => {
  it('H6: an emergency without a cause shows "Cause is required" beside the field and keeps everything typed', async () => {
    const user = userEvent.setup();
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    await screen.findByRole('heading', { name: 'New entry' });

    await user.click(within(group('Kind')).getByRole('radio', { name: 'Emergency' }));
    // D2/H11(a): choosing the emergency kind selects severity emergency.
    expect(within(group('Severity')).getByRole('radio', { name: 'Emergency' })).toBeChecked();
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Called the fire brigade');
    await user.type(screen.getByRole('textbox', { name: 'Tenant or unit' }), 'Unit 12A');
    await user.type(screen.getByRole('textbox', { name: 'Contact' }), '9123 4567');
    await user.type(screen.getByRole('textbox', { name: 'Location' }), 'Lift lobby 12/F');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));

    const cause = screen.getByRole('textbox', { name: 'Cause' });
    await waitFor(() => expect(cause).toHaveAccessibleDescription('Cause is required'));
    expect(cause).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Cause is required');
    expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveValue('Called the fire brigade');
    expect(screen.getByRole('textbox', { name: 'Tenant or unit' })).toHaveValue('Unit 12A');
    expect(screen.getByRole('textbox', { name: 'Contact' })).toHaveValue('9123 4567');
    expect(screen.getByRole('textbox', { name: 'Location' })).toHaveValue('Lift lobby 12/F');
    expect(within(group('Kind')).getByRole('radio', { name: 'Emergency' })).toBeChecked();
    expect(await tablet.db.logEntry.count()).toBe(0);

    await user.type(cause, 'Smoke alarm on 12/F');
    expect(cause).not.toHaveAccessibleDescription('Cause is required');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));

    const list = await screen.findByRole('list', { name: "This duty's entries" });
    expect(await within(list).findByRole('button', { name: /Smoke alarm on 12\/F/ })).toBeInTheDocument();
    expect(await tablet.db.logEntry.count()).toBe(1);
    // The form is cleared for the next matter once saved.
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('');
  });

  it('a created entry appears in the list and the kind, severity and status filters work', async () => {
    const user = userEvent.setup();
    const ctx = await makeWriteContext(tablet.db, staffId);
    const base = {
      process: '',
      result: '',
      party: 'Unit 3B',
      contact: '',
      location: 'Lobby',
      // T1: after the duty began (an earlier time would need its reason).
      occurredAt: Date.now(),
      referredTo: '',
      operationEndedAt: null,
      backdateReason: '',
      channel: null,
      partyType: null,
      unit: '',
      assignedTo: '',
      completedAt: null,
    };
    const seeded = await createLogEntry(tablet.db, ctx, {
      dutyId,
      fields: { ...base, kind: 'complaint', severity: 'routine', status: 'open', cause: 'Noise from renovation' },
    });
    expect(seeded.ok).toBe(true);
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    const list = await screen.findByRole('list', { name: "This duty's entries" });
    await within(list).findByRole('button', { name: /Noise from renovation/ });

    // A second entry through the form: a resolved repair.
    await user.click(within(group('Kind')).getByRole('radio', { name: 'Repair' }));
    await user.click(within(group('Status')).getByRole('radio', { name: 'Resolved' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Lobby light flickering');
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Replaced the tube');
    await user.type(screen.getByRole('textbox', { name: 'Result' }), 'Light works');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await within(list).findByRole('button', { name: /Lobby light flickering/ });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    await user.click(within(group('Filter by kind')).getByRole('radio', { name: 'Complaint' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByRole('button', { name: /Noise from renovation/ })).toBeInTheDocument();

    await user.click(within(group('Filter by kind')).getByRole('radio', { name: 'All' }));
    await user.click(within(group('Filter by status')).getByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByRole('button', { name: /Lobby light flickering/ })).toBeInTheDocument();

    await user.click(within(group('Filter by severity')).getByRole('radio', { name: 'Major' }));
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();
    expect(within(list).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('D5: the detail view appends amendments (oldest first) and H6 resolving asks for the result', async () => {
    const user = userEvent.setup();
    const ctx = await makeWriteContext(tablet.db, staffId);
    await createLogEntry(tablet.db, ctx, {
      dutyId,
      fields: {
        kind: 'help',
        severity: 'routine',
        status: 'open',
        cause: 'Tenant locked out of office',
        process: '',
        result: '',
        party: 'Unit 8C',
        contact: '',
        location: '8/F',
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
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: /Tenant locked out of office/ }));
    const dialog = await screen.findByRole('dialog', { name: /^Help request, / });

    await user.type(within(dialog).getByRole('textbox', { name: 'Amendment' }), 'Called the tenant manager');
    await user.click(within(dialog).getByRole('button', { name: 'Add amendment' }));
    const amendments = within(dialog).getByRole('list', { name: 'Amendments' });
    await within(amendments).findByText('Called the tenant manager');
    expect(within(dialog).getByRole('textbox', { name: 'Amendment' })).toHaveValue('');

    await user.type(within(dialog).getByRole('textbox', { name: 'Amendment' }), 'Spare key handed over');
    await user.click(within(dialog).getByRole('button', { name: 'Mark resolved' }));
    const result = within(dialog).getByRole('textbox', { name: 'Result' });
    await waitFor(() => expect(result).toHaveAccessibleDescription('Result is required'));
    expect(within(dialog).getByRole('textbox', { name: 'Amendment' })).toHaveValue('Spare key handed over');

    await user.type(result, 'Tenant back in the office');
    await user.click(within(dialog).getByRole('button', { name: 'Mark resolved' }));
    await within(amendments).findByText('Spare key handed over');
    const items = within(amendments).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Called the tenant manager'),
      expect.stringContaining('Spare key handed over'),
    ]);
    expect(items[0]).toHaveTextContent('Chan Tai Man');
    await waitFor(async () => expect((await tablet.db.logEntry.toArray())[0]?.status).toBe('resolved'));
    expect(within(dialog).getByRole('button', { name: 'Reopen' })).toBeInTheDocument();
  });
});
