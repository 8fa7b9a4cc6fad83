import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Duty } from '../../src/domain/entities';
import { toLocalInput } from '../../src/client/ui/time';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { DutyRecordParts, seedDuty, seedEntry, ZONE } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

// The building is in Hong Kong (UTC+8); only Date is faked, so IndexedDB and timers run as usual.
const hk = (local: string) => new Date(`${local}+08:00`).getTime();
const NOW = hk('2025-03-15T11:00:00');

let tablet: SeededTablet;
let staffId: string;
let duty: Duty;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  // The duty began at 09:00:35, building time.
  duty = await seedDuty(tablet, staffId, hk('2025-03-15T09:00:35'));
});

afterEach(() => {
  vi.useRealTimers();
});

const group = (name: string) => screen.getByRole('group', { name });
const entryList = () => screen.getByRole('list', { name: "This duty's entries" });

describe('an equipment operation has a start and an end (H11(b))', () => {
  it('H11(b): shows "In progress since" until the end is recorded, and refuses to resolve before it', async () => {
    const user = userEvent.setup();
    const entry = await seedEntry(tablet, staffId, duty.id, {
      kind: 'equipmentOp',
      severity: 'major',
      cause: 'Fire pump test run',
      process: 'Contractor started the pump',
      occurredAt: hk('2025-03-15T10:15:00'),
    });
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await user.click(
      await within(entryList()).findByRole('button', { name: /In progress since 10:15.*Fire pump test run/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Equipment start/stop, 2025-03-15 10:15' });

    // Resolving before the end is recorded is refused where the end is recorded; nothing is written.
    await user.type(within(dialog).getByRole('textbox', { name: 'Amendment' }), 'Pump stopped');
    await user.type(within(dialog).getByRole('textbox', { name: 'Result' }), 'Pressure normal');
    await user.click(within(dialog).getByRole('button', { name: 'Mark resolved' }));
    const endPanel = within(dialog).getByRole('region', { name: 'Record the end' });
    expect(await within(endPanel).findByRole('alert')).toHaveTextContent(
      'Record the end of the operation before closing it',
    );
    expect((await tablet.db.logEntry.get(entry.id))?.status).toBe('open');
    expect(await tablet.db.logAmendment.count()).toBe(0);

    // "Record the end" offers now (T1: server-corrected), editable; here 10:55 is typed.
    await user.click(within(endPanel).getByRole('button', { name: 'Record the end' }));
    const endField = within(endPanel).getByLabelText('Operation ended at');
    expect(endField).toHaveValue(toLocalInput(NOW, ZONE));
    fireEvent.change(endField, { target: { value: '2025-03-15T10:55' } });
    await user.click(within(endPanel).getByRole('button', { name: 'Save the end' }));
    await waitFor(async () =>
      expect((await tablet.db.logEntry.get(entry.id))?.operationEndedAt).toBe(hk('2025-03-15T10:55:00')),
    );
    expect(await within(dialog).findByText('2025-03-15 10:55')).toBeInTheDocument();
    expect(within(dialog).queryByText(/In progress since/)).not.toBeInTheDocument();
    expect(within(entryList()).queryByText(/In progress since/)).not.toBeInTheDocument();
    const patch = (await tablet.db.outbox.toArray()).at(-1);
    expect(patch).toMatchObject({
      table: 'logEntry',
      kind: 'patch',
      fields: { operationEndedAt: hk('2025-03-15T10:55:00') },
    });

    // Now it may be resolved; what was typed is still there.
    expect(within(dialog).getByRole('textbox', { name: 'Amendment' })).toHaveValue('Pump stopped');
    await user.click(within(dialog).getByRole('button', { name: 'Mark resolved' }));
    await waitFor(async () => expect((await tablet.db.logEntry.get(entry.id))?.status).toBe('resolved'));
  });

  it('H11(b): in the form, an operation saved as resolved needs its end; "Record the end" fills it with now', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await screen.findByRole('heading', { name: 'New entry' });
    await user.click(within(group('Kind')).getByRole('radio', { name: 'Equipment start/stop' }));
    await user.click(within(group('Status')).getByRole('radio', { name: 'Resolved' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Chiller 2 restarted');
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Restarted after the power dip');
    await user.type(screen.getByRole('textbox', { name: 'Result' }), 'Running normally');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(await screen.findByText('Record the end of the operation before closing it')).toBeInTheDocument();
    expect(await tablet.db.logEntry.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Record the end' }));
    expect(screen.getByLabelText('Operation ended at')).toHaveValue(toLocalInput(NOW, ZONE));
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await within(entryList()).findByRole('button', { name: /Chiller 2 restarted/ });
    const [entry] = await tablet.db.logEntry.toArray();
    // Not edited: occurred-at and end both mean "now" at the save.
    expect(entry).toMatchObject({ kind: 'equipmentOp', status: 'resolved', occurredAt: NOW, operationEndedAt: NOW });
  });
});

describe('a time before the duty began needs its reason (T1)', () => {
  it('T1: an occurred-at before the duty asks for the reason beside the field, refuses without it, saves with it', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await screen.findByRole('heading', { name: 'New entry' });
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Courier left a parcel for 12/F');
    const occurredAt = screen.getByLabelText('Occurred at');

    // 09:00, the minute the duty began (09:00:35): not before the duty, no reason asked.
    fireEvent.change(occurredAt, { target: { value: '2025-03-15T09:00' } });
    expect(screen.queryByRole('textbox', { name: 'Why it is recorded now' })).not.toBeInTheDocument();

    // 08:40, before the duty: the reason is asked for, with the duty's start.
    fireEvent.change(occurredAt, { target: { value: '2025-03-15T08:40' } });
    const reason = await screen.findByRole('textbox', { name: 'Why it is recorded now' });
    expect(
      screen.getByText('This time is before your duty began (2025-03-15 09:00). Say why it is recorded now.'),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription('Why it is recorded now is required'));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(await tablet.db.logEntry.count()).toBe(0);
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('Courier left a parcel for 12/F');

    await user.type(reason, 'Night shift took it in; found the note at 10:50');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await within(entryList()).findByRole('button', { name: /Courier left a parcel/ });
    const [entry] = await tablet.db.logEntry.toArray();
    expect(entry).toMatchObject({
      occurredAt: hk('2025-03-15T08:40:00'),
      backdateReason: 'Night shift took it in; found the note at 10:50',
    });
  });

  it('T1: the minute the duty began counts as its start, so no reason is stored for it', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await screen.findByRole('heading', { name: 'New entry' });
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Handover of the spare key noted');
    fireEvent.change(screen.getByLabelText('Occurred at'), { target: { value: '2025-03-15T09:00' } });
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await within(entryList()).findByRole('button', { name: /Handover of the spare key noted/ });
    const [entry] = await tablet.db.logEntry.toArray();
    expect(entry).toMatchObject({ occurredAt: duty.startedAt, backdateReason: '' });
  });
});
