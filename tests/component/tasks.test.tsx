import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { createTask } from '../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { TasksScreen } from '../../src/client/features/tasks/tasks-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 30_000 });

// A fixed building time makes receipt times exact: 2030-03-18 06:05 UTC is 14:05 in Hong Kong.
const NOW = Date.UTC(2030, 2, 18, 6, 5);

let tablet: SeededTablet;
let deskId: string;
let chiefId: string;

beforeEach(async () => {
  vi.setSystemTime(NOW);
  tablet = await seedTablet();
  deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
  chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
});

afterEach(() => {
  vi.useRealTimers();
});

async function seedTask(
  by: string,
  role: Role,
  input: { kind: 'unfinished' | 'instruction'; title: string; important?: boolean },
) {
  const ctx = await makeWriteContext(tablet.db, by);
  const res = await createTask(
    tablet.db,
    ctx,
    { cause: 'Raised at the morning briefing', process: '', important: false, dutyId: null, ...input },
    role,
  );
  if (!res.ok) throw new Error('seed task refused');
  return res.value;
}

const dialog = (name: string) => screen.getByRole('dialog', { name });

async function openTask(title: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: new RegExp(title) }));
  return screen.findByRole('dialog', { name: title });
}

describe('carry-over register (H4, H6, H7)', () => {
  it('H6: a new task without a cause shows "Cause is required" beside the field and writes nothing', async () => {
    const user = userEvent.setup();
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'New task' }));
    const form = dialog('New task');
    await user.type(within(form).getByRole('textbox', { name: 'Title' }), 'Lobby door closer sticks');
    await user.click(within(form).getByRole('button', { name: 'Save task' }));

    await waitFor(() =>
      expect(within(form).getByRole('textbox', { name: 'Cause' })).toHaveAccessibleDescription('Cause is required'),
    );
    expect(within(form).getByRole('textbox', { name: 'Title' })).toHaveValue('Lobby door closer sticks');
    expect(await tablet.db.task.count()).toBe(0);
    expect(await tablet.db.outbox.count()).toBe(0);

    await user.type(within(form).getByRole('textbox', { name: 'Cause' }), 'Reported by the cleaner');
    // H4: a desk person cannot flag work important (it would block the handover).
    expect(within(form).queryByRole('checkbox', { name: /Important/ })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Save task' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Task saved.');
    expect(screen.queryByRole('list', { name: 'Important' })).toBeNull();
  });

  it('H4: a section chief flags new work important; it is listed first, under its own heading, and marked', async () => {
    const user = userEvent.setup();
    renderWithDb(<TasksScreen staffId={chiefId} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'New task' }));
    const form = dialog('New task');
    await user.type(within(form).getByRole('textbox', { name: 'Title' }), 'Lobby door closer sticks');
    await user.type(within(form).getByRole('textbox', { name: 'Cause' }), 'Reported by the cleaner');
    await user.click(within(form).getByRole('checkbox', { name: /Important/ }));
    await user.click(within(form).getByRole('button', { name: 'Save task' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Task saved.');
    const important = screen.getByRole('list', { name: 'Important' });
    expect(within(important).getByRole('button', { name: /Lobby door closer sticks/ })).toHaveTextContent('Important');
  });

  it('a progress note appears in the list, with who wrote it and when', async () => {
    const user = userEvent.setup();
    const task = await seedTask(deskId, 'desk', { kind: 'unfinished', title: 'Replace lift 2 notice' });
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);
    const detail = await openTask('Replace lift 2 notice');

    await user.click(within(detail).getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(within(detail).getByRole('textbox', { name: 'Note' })).toHaveAccessibleDescription(/^Note is required/),
    );

    await user.type(within(detail).getByRole('textbox', { name: 'Note' }), 'Printed, waiting for the frame');
    await user.click(within(detail).getByRole('button', { name: 'Add note' }));
    const notes = within(detail).getByRole('list', { name: 'Progress notes' });
    expect(await within(notes).findByText('Printed, waiting for the frame')).toBeInTheDocument();
    expect(within(notes).getByText('Chan Tai Man, 2030-03-18 14:05')).toBeInTheDocument();
    expect(within(detail).getByRole('textbox', { name: 'Note' })).toHaveValue('');

    // H4: only a chief or manager sets or clears "important": the desk person has no such control.
    expect(within(detail).queryByRole('button', { name: 'Mark important' })).toBeNull();
    expect((await tablet.db.task.get(task.id))?.important).toBe(false);
  });

  it('H4: for a section chief, flagging work important is a toggle that says its state', async () => {
    const user = userEvent.setup();
    const task = await seedTask(deskId, 'desk', { kind: 'unfinished', title: 'Replace lift 2 notice' });
    renderWithDb(<TasksScreen staffId={chiefId} />, tablet.db);
    const detail = await openTask('Replace lift 2 notice');
    const toggle = within(detail).getByRole('button', { name: 'Mark important' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'));
    expect((await tablet.db.task.get(task.id))?.important).toBe(true);
    expect((await tablet.db.outbox.toArray()).at(-1)).toMatchObject({
      actorStaffId: chiefId,
      fields: { important: true },
    });
  });

  it('H6: "Done" needs a result; with one the task leaves the open list for the Done filter', async () => {
    const user = userEvent.setup();
    const task = await seedTask(deskId, 'desk', { kind: 'unfinished', title: 'Return the spare radio' });
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);
    const detail = await openTask('Return the spare radio');

    await user.click(within(detail).getByRole('button', { name: 'Done' }));
    await waitFor(() =>
      expect(within(detail).getByRole('textbox', { name: 'Result' })).toHaveAccessibleDescription(
        /^Result is required/,
      ),
    );
    expect((await tablet.db.task.get(task.id))?.status).toBe('open');

    await user.type(within(detail).getByRole('textbox', { name: 'Result' }), 'Handed to the security office');
    await user.click(within(detail).getByRole('button', { name: 'Done' }));
    // Closed, the task takes no more actions; its result stays on show.
    await waitFor(() => expect(within(detail).queryByRole('button', { name: 'Done' })).not.toBeInTheDocument());
    expect(within(detail).getByText('Handed to the security office', { selector: 'dd' })).toBeInTheDocument();
    const stored = await tablet.db.task.get(task.id);
    expect(stored?.status).toBe('done');
    expect(stored?.result).toBe('Handed to the security office');

    await user.click(within(detail).getByRole('button', { name: 'Close' }));
    expect(await screen.findByText('Nothing is pending.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Done' }));
    expect(await screen.findByRole('button', { name: /Return the spare radio/ })).toBeInTheDocument();
  });

  it('H7: a desk person is not offered "instruction" and cannot withdraw or close one', async () => {
    const user = userEvent.setup();
    await seedTask(chiefId, 'chief', { kind: 'instruction', title: 'Check fire doors every shift' });
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);

    await user.click(await screen.findByRole('button', { name: 'New task' }));
    const form = dialog('New task');
    const kinds = within(form).getByRole('group', { name: 'Kind' });
    expect(within(kinds).getByRole('radio', { name: 'Unfinished work' })).toBeInTheDocument();
    expect(within(kinds).queryByRole('radio', { name: "Superior's instruction" })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));

    const detail = await openTask('Check fire doors every shift');
    expect(within(detail).getByRole('button', { name: 'Acknowledge' })).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Withdraw' })).not.toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
  });

  it('H7: a superior is offered "instruction" and may withdraw it', async () => {
    const user = userEvent.setup();
    const task = await seedTask(chiefId, 'chief', { kind: 'instruction', title: 'Escort all contractors' });
    renderWithDb(<TasksScreen staffId={chiefId} />, tablet.db);

    await user.click(await screen.findByRole('button', { name: 'New task' }));
    expect(within(dialog('New task')).getByRole('radio', { name: "Superior's instruction" })).toBeInTheDocument();
    await user.click(within(dialog('New task')).getByRole('button', { name: 'Cancel' }));

    const detail = await openTask('Escort all contractors');
    await user.click(within(detail).getByRole('button', { name: 'Withdraw' }));
    expect(await within(detail).findByText('Withdrawn')).toBeInTheDocument();
    expect((await tablet.db.task.get(task.id))?.status).toBe('withdrawn');
  });

  it('H7: an acknowledged instruction shows the read receipt with its time', async () => {
    const user = userEvent.setup();
    const task = await seedTask(chiefId, 'chief', { kind: 'instruction', title: 'Log every courier' });
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);
    const detail = await openTask('Log every courier');
    const receipts = within(detail).getByRole('list', { name: 'Read receipts' });
    expect(within(detail).getByText('Nobody has acknowledged this instruction yet.')).toBeInTheDocument();

    await user.click(within(detail).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(detail).findByRole('status')).toHaveTextContent('You acknowledged this at 2030-03-18 14:05.');
    expect(within(receipts).getByText('Chan Tai Man, 2030-03-18 14:05')).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    const stored = await tablet.db.acknowledgement.where('taskId').equals(task.id).toArray();
    expect(stored.map((a) => [a.staffId, a.recordedAt])).toEqual([[deskId, NOW]]);
  });

  it('H8: a follow-up opened by the count shows the item it concerns', async () => {
    const hlc = formatHlc({ wallMs: NOW, counter: 0, node: 'seed' });
    const base = { siteId: tablet.siteId, updatedAt: hlc, deleted: false, _versions: {} };
    const itemId = newId();
    await tablet.db.item.put({
      ...base,
      id: itemId,
      category: 'radio',
      label: 'Radio 3',
      code: 'R-03',
      expectedQuantity: 1,
      location: 'Desk drawer',
      active: true,
    });
    await tablet.db.task.put({
      ...base,
      id: newId(),
      kind: 'followUp',
      title: 'Radio 3 missing at the count',
      cause: 'Not at the desk at the 18:00 count',
      process: '',
      result: '',
      important: false,
      status: 'open',
      createdBy: deskId,
      createdAt: NOW,
      dutyId: null,
      sourceTable: 'countLine',
      sourceId: newId(),
      itemId,
      closedBy: null,
      closedAt: null,
    });
    renderWithDb(<TasksScreen staffId={deskId} />, tablet.db);
    const followUps = await screen.findByRole('list', { name: 'Follow-up' });
    expect(within(followUps).getByRole('button', { name: /Radio 3 missing/ })).toHaveTextContent(
      'Item: Radio 3 (R-03)',
    );
  });
});
