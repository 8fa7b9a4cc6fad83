import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Duty } from '../../src/domain/entities';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { DutyRecordParts, seedDuty, seedEntry } from './log-fixtures';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;
let duty: Duty;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  duty = await seedDuty(tablet, staffId, Date.now() - 60 * 60_000);
});

const group = (name: string) => screen.getByRole('group', { name });
const entryList = () => screen.getByRole('list', { name: "This duty's entries" });

async function seedLiftFault() {
  return seedEntry(tablet, staffId, duty.id, {
    kind: 'repair',
    severity: 'major',
    cause: 'Lift 2 stuck at 5/F',
    process: 'Called the lift company',
    occurredAt: Date.now() - 30 * 60_000,
  });
}

async function openDetail(cause: RegExp) {
  const user = userEvent.setup();
  await user.click(await within(entryList()).findByRole('button', { name: cause }));
  return screen.findByRole('dialog', { name: /^Repair, / });
}

describe('referring a major matter (H4, H11(a))', () => {
  it('H4: refers an entry to a department: status referred and its pending work created in the same write', async () => {
    const user = userEvent.setup();
    const entry = await seedLiftFault();
    const counterBefore = (await tablet.db.meta.get('counter'))?.value as number;
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    const dialog = await openDetail(/Lift 2 stuck at 5\/F/);

    await user.click(within(dialog).getByRole('button', { name: 'Refer to a department' }));
    const form = within(dialog).getByRole('form', { name: 'Refer to a department' });
    await user.type(within(form).getByRole('textbox', { name: 'What was done' }), 'Parts ordered; ticket 4471');
    await user.click(within(form).getByRole('button', { name: 'Refer' }));
    // The department is asked for beside its field, and nothing is written meanwhile.
    const department = within(form).getByRole('textbox', { name: 'Referred to' });
    await waitFor(() => expect(department).toHaveAccessibleDescription(/^Referred to is required/));
    expect(within(form).getByRole('textbox', { name: 'What was done' })).toHaveValue('Parts ordered; ticket 4471');
    expect(await tablet.db.task.count()).toBe(0);
    expect((await tablet.db.meta.get('counter'))?.value).toBe(counterBefore);

    await user.type(department, 'Engineering');
    await user.click(within(form).getByRole('button', { name: 'Refer' }));

    // "Referred to Engineering" wherever the entry shows, and the referral among its amendments.
    expect(await within(dialog).findByText('Referred to Engineering')).toBeInTheDocument();
    // The amendments list is its own live query: it may render a moment after the entry's status.
    expect(
      await within(within(dialog).getByRole('list', { name: 'Amendments' })).findByText('Referred'),
    ).toBeInTheDocument();
    expect(
      await within(entryList()).findByRole('button', { name: /Referred to Engineering.*Lift 2 stuck/ }),
    ).toBeVisible();

    const stored = await tablet.db.logEntry.get(entry.id);
    expect(stored).toMatchObject({ status: 'referred', referredTo: 'Engineering' });
    const tasks = await tablet.db.task.toArray();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'unfinished',
      status: 'open',
      important: false,
      title: 'Lift 2 stuck at 5/F → Engineering',
      cause: 'Lift 2 stuck at 5/F',
      process: 'Called the lift company\n\nParts ordered; ticket 4471',
      sourceTable: 'logEntry',
      sourceId: entry.id,
      dutyId: duty.id,
      createdBy: staffId,
    });
    // One write: the amendment, the entry's patch and the task are queued one after another.
    const ops = await tablet.db.outbox.where('counter').above(counterBefore).sortBy('counter');
    expect(ops.map((op) => [op.counter - counterBefore, op.table, op.kind])).toEqual([
      [1, 'logAmendment', 'append'],
      [2, 'logEntry', 'patch'],
      [3, 'task', 'put'],
    ]);
    expect(ops[1]?.fields).toEqual({ status: 'referred', referredTo: 'Engineering' });
  });

  it('H4: when the pending work cannot be written, the referral is not written either (one transaction)', async () => {
    const user = userEvent.setup();
    const entry = await seedLiftFault();
    const counterBefore = (await tablet.db.meta.get('counter'))?.value as number;
    tablet.db.task.hook('creating', () => {
      throw new Error('disk failure while writing the task');
    });
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    const dialog = await openDetail(/Lift 2 stuck at 5\/F/);
    await user.click(within(dialog).getByRole('button', { name: 'Refer to a department' }));
    const form = within(dialog).getByRole('form', { name: 'Refer to a department' });
    await user.type(within(form).getByRole('textbox', { name: 'Referred to' }), 'Engineering');
    await user.type(within(form).getByRole('textbox', { name: 'What was done' }), 'Parts ordered');
    await user.click(within(form).getByRole('button', { name: 'Refer' }));

    expect(await within(form).findByRole('alert')).toBeInTheDocument();
    expect((await tablet.db.logEntry.get(entry.id))?.status).toBe('open');
    expect(await tablet.db.logAmendment.count()).toBe(0);
    expect(await tablet.db.task.count()).toBe(0);
    expect((await tablet.db.meta.get('counter'))?.value).toBe(counterBefore);
    // Nothing typed is lost: the referral can be sent again once the tablet can write.
    expect(within(form).getByRole('textbox', { name: 'Referred to' })).toHaveValue('Engineering');
  });

  it('H4: a new entry saved as Referred names its department and opens its pending work with it', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await screen.findByRole('heading', { name: 'New entry' });
    await user.click(within(group('Kind')).getByRole('radio', { name: 'Repair' }));
    await user.click(within(group('Severity')).getByRole('radio', { name: 'Major' }));
    await user.click(within(group('Status')).getByRole('radio', { name: 'Referred' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Car park gate motor burnt out');
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Gate left open, guard posted');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    const department = screen.getByRole('textbox', { name: 'Referred to' });
    await waitFor(() => expect(department).toHaveAccessibleDescription(/^Referred to is required/));
    expect(await tablet.db.logEntry.count()).toBe(0);

    await user.type(department, 'Security office');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(
      await within(entryList()).findByRole('button', { name: /Referred to Security office.*Car park gate motor/ }),
    ).toBeVisible();
    const [entry] = await tablet.db.logEntry.toArray();
    expect(entry).toMatchObject({ status: 'referred', referredTo: 'Security office' });
    const [task] = await tablet.db.task.toArray();
    expect(task).toMatchObject({ sourceTable: 'logEntry', sourceId: entry?.id, kind: 'unfinished', status: 'open' });
  });

  it('H11(a): an emergency is not offered Refer, and a referral chosen before it became an emergency is refused beside Status', async () => {
    const user = userEvent.setup();
    await seedEntry(tablet, staffId, duty.id, {
      kind: 'emergency',
      severity: 'emergency',
      cause: 'Smoke alarm on 12/F',
      process: 'Called the fire brigade',
      occurredAt: Date.now() - 10 * 60_000,
    });
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={staffId} />, tablet.db);
    await user.click(await within(entryList()).findByRole('button', { name: /Smoke alarm on 12\/F/ }));
    const dialog = await screen.findByRole('dialog', { name: /^Emergency, / });
    expect(within(dialog).getByRole('button', { name: 'Mark resolved' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Refer to a department' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    // In the form: Referred is chosen first, then the kind becomes Emergency.
    await user.click(within(group('Status')).getByRole('radio', { name: 'Referred' }));
    await user.click(within(group('Kind')).getByRole('radio', { name: 'Emergency' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Water pouring from 8/F ceiling');
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Main valve closed');
    await user.type(screen.getByRole('textbox', { name: 'Referred to' }), 'Engineering');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(() =>
      expect(group('Status')).toHaveAccessibleDescription(
        'An emergency still in progress cannot be referred; it is dealt with at the desk',
      ),
    );
    expect(await tablet.db.logEntry.count()).toBe(1);
    expect(await tablet.db.task.count()).toBe(0);
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('Water pouring from 8/F ceiling');

    // Once another status is chosen, an emergency is no longer offered Referred at all.
    await user.click(within(group('Status')).getByRole('radio', { name: 'Open' }));
    expect(within(group('Status')).queryByRole('radio', { name: 'Referred' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    await within(entryList()).findByRole('button', { name: /Water pouring from 8\/F ceiling/ });
    expect(await tablet.db.task.count()).toBe(0);
  });
});
