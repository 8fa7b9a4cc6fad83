import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EntryDetail } from '../../src/client/features/log/entry-detail';
import { EntryForm } from '../../src/client/features/log/entry-form';
import { toLocalInput } from '../../src/client/ui/time';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { seedDuty, seedEntry, ZONE } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;
let dutyId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  dutyId = (await seedDuty(tablet, staffId, Date.now() - 3_600_000)).id;
});

const group = (name: string) => screen.getByRole('group', { name });

describe('F1, F2: the entry form asks what the registers need', () => {
  it('F1, F2: call/visit, owner/tenant and unit for an owner’s or tenant’s matter; assignee and completion for a repair only', async () => {
    const user = userEvent.setup();
    renderWithDb(
      <EntryForm dutyId={dutyId} staffId={staffId} timeZone={ZONE} correctedNow={() => Date.now()} />,
      tablet.db,
    );
    await screen.findByRole('heading', { name: 'New entry' });
    // An enquiry (the default kind) is an owner's or tenant's matter.
    expect(group('Call or visit')).toBeInTheDocument();
    expect(group('Owner or tenant')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Unit' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Assigned to' })).not.toBeInTheDocument();

    await user.click(within(group('Kind')).getByRole('radio', { name: 'Anomaly' }));
    expect(screen.queryByRole('group', { name: 'Call or visit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Unit' })).not.toBeInTheDocument();

    await user.click(within(group('Kind')).getByRole('radio', { name: 'Repair' }));
    await user.click(within(group('Call or visit')).getByRole('radio', { name: 'Call' }));
    await user.click(within(group('Owner or tenant')).getByRole('radio', { name: 'Tenant' }));
    await user.type(screen.getByRole('textbox', { name: 'Unit' }), '1203');
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), '12樓男洗手間水龍頭漏水');
    await user.type(screen.getByRole('textbox', { name: 'Assigned to' }), '工程部');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));

    await waitFor(async () => expect(await tablet.db.logEntry.count()).toBe(1));
    const [row] = await tablet.db.logEntry.toArray();
    expect(row).toMatchObject({
      kind: 'repair',
      channel: 'call',
      partyType: 'tenant',
      unit: '1203',
      assignedTo: '工程部',
      completedAt: null,
    });
  });

  it('F2: a completion time before the repair occurred is refused beside the field', async () => {
    const user = userEvent.setup();
    renderWithDb(
      <EntryForm dutyId={dutyId} staffId={staffId} timeZone={ZONE} correctedNow={() => Date.now()} />,
      tablet.db,
    );
    await screen.findByRole('heading', { name: 'New entry' });
    await user.click(within(group('Kind')).getByRole('radio', { name: 'Repair' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), '大堂燈管閃爍');
    await user.type(screen.getByRole('textbox', { name: 'Assigned to' }), '工程部');
    const completed = screen.getByLabelText('Completed at');
    await user.type(completed, '2020-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() =>
      expect(completed).toHaveAccessibleDescription(
        expect.stringContaining('A repair cannot be completed before it was reported'),
      ),
    );
    expect(await tablet.db.logEntry.count()).toBe(0);
  });
});

describe('F1, F2 on the entry detail', () => {
  it('F1: a paid-service order is attached with its amount as money and moved to paid', async () => {
    const user = userEvent.setup();
    const entry = await seedEntry(tablet, staffId, dutyId, {
      kind: 'help',
      severity: 'routine',
      cause: '租戶要求更換冷氣隔塵網',
      occurredAt: Date.now() - 60_000,
      channel: 'visit',
      partyType: 'tenant',
      unit: '1203',
    });
    renderWithDb(<EntryDetail entryId={entry.id} staffId={staffId} timeZone={ZONE} onClose={() => {}} />, tablet.db);
    const panel = await screen.findByRole('region', { name: 'Paid-service orders' });
    expect(await within(panel).findByText('No paid-service order.')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Add a paid-service order' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Order number' }), 'A-001');
    await user.type(within(panel).getByRole('textbox', { name: 'Service' }), '更換冷氣隔塵網');
    await user.type(within(panel).getByRole('textbox', { name: /Amount/ }), '350.5x');
    await user.click(within(panel).getByRole('button', { name: 'Issue order' }));
    expect(await within(panel).findByText('Type an amount such as 350.00')).toBeInTheDocument();
    const amount = within(panel).getByRole('textbox', { name: /Amount/ });
    await user.clear(amount);
    await user.type(amount, '350.50');
    await user.click(within(panel).getByRole('button', { name: 'Issue order' }));

    const order = await within(panel).findByRole('listitem', { name: 'Order A-001' });
    expect(order).toHaveTextContent('350.50');
    expect(order).toHaveTextContent('Issued');
    // F1: issued → done → paid; no step straight to paid.
    expect(within(order).queryByRole('button', { name: 'Mark paid' })).not.toBeInTheDocument();
    await user.click(within(order).getByRole('button', { name: 'Mark done' }));
    await user.click(await within(order).findByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(order).toHaveTextContent('Paid'));
    // Nothing leaves paid.
    expect(within(order).queryByRole('button')).not.toBeInTheDocument();
    const [stored] = await tablet.db.serviceOrder.toArray();
    expect(stored).toMatchObject({ number: 'A-001', amountCents: 35_050, status: 'paid', entryId: entry.id });
  });

  it('F2: a repair’s assignee and completion time are recorded later from its detail', async () => {
    const user = userEvent.setup();
    const entry = await seedEntry(tablet, staffId, dutyId, {
      kind: 'repair',
      severity: 'routine',
      cause: '12樓男洗手間水龍頭漏水',
      occurredAt: Date.now() - 30 * 60_000,
    });
    renderWithDb(<EntryDetail entryId={entry.id} staffId={staffId} timeZone={ZONE} onClose={() => {}} />, tablet.db);
    const panel = await screen.findByRole('region', { name: 'Repair progress' });
    const completed = within(panel).getByLabelText(/Completed at/);
    await user.type(completed, '2099-01-01T10:00');
    await user.type(within(panel).getByRole('textbox', { name: /Assigned to/ }), '承辦商 陳師傅');
    await user.click(within(panel).getByRole('button', { name: 'Save progress' }));
    expect(await within(panel).findByText('This time is in the future')).toBeInTheDocument();
    expect((await tablet.db.logEntry.get(entry.id))?.assignedTo).toBe('');

    const doneAt = Date.now() - 10 * 60_000;
    await user.clear(completed);
    await user.type(completed, toLocalInput(doneAt, ZONE));
    await user.click(within(panel).getByRole('button', { name: 'Save progress' }));
    expect(await within(panel).findByText('Progress saved.')).toBeInTheDocument();
    const stored = await tablet.db.logEntry.get(entry.id);
    expect(stored?.assignedTo).toBe('承辦商 陳師傅');
    expect(Math.abs((stored?.completedAt ?? 0) - doneAt)).toBeLessThan(60_000);
  });
});
