import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { amendLogEntry, createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { navigate } from 'wouter/use-browser-location';
import { useUiStore } from '../../src/client/state/ui-store';
import { PINS, renderDesk, seedHandoverDesk, typePin, type HandoverDesk } from './handover-fixture';

// Typing and IndexedDB live queries are slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 60_000 });

let desk: HandoverDesk;

beforeEach(async () => {
  desk = await seedHandoverDesk();
});

async function openEmergency(cause: string): Promise<string> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  const res = await createLogEntry(desk.tablet.db, ctx, {
    dutyId: desk.dutyId,
    fields: {
      kind: 'emergency',
      severity: 'emergency',
      status: 'open',
      cause,
      process: 'Called the fire brigade',
      result: '',
      party: '',
      contact: '',
      location: '12/F',
      occurredAt: Date.now() - 60_000,
    },
  });
  if (!res.ok) throw new Error('seed entry refused');
  return res.value.id;
}

/** H1: the outgoing person opens the handover, then goes to the gate ("Check") step. */
async function startAndOpenGate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Start the handover' }));
  await user.click(await screen.findByRole('tab', { name: /Check/ }));
  return screen.findByRole('list', { name: 'The handover is not allowed yet:' });
}

describe('the handover gate (H11)', () => {
  it('H11(a): an open emergency blocks, its link opens it in the duty record, and resolving it clears the blocker', async () => {
    const user = userEvent.setup();
    const entryId = await openEmergency('Smoke alarm on 12/F');
    renderDesk(desk);

    const blockers = await startAndOpenGate(user);
    const row = (await within(blockers).findByText('An emergency is not dealt with yet: Smoke alarm on 12/F')).closest(
      'li',
    );
    expect(row).not.toBeNull();
    // H11(c) is listed too, one line per missing checklist key, each linking to its step.
    expect(within(blockers).getByText('The duty record has not been reviewed.')).toBeInTheDocument();

    await user.click(
      within(row as HTMLElement).getByRole('button', { name: 'Open in duty record: Smoke alarm on 12/F' }),
    );
    expect(window.location.pathname).toBe('/');
    // The duty record shows the entry's detail and takes the focus (cleared once shown).
    const dialog = await screen.findByRole('dialog', { name: /^Emergency, / });
    expect(within(dialog).getByText('Smoke alarm on 12/F')).toBeInTheDocument();
    await waitFor(() => expect(useUiStore.getState().focus).toBeNull());

    const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
    const amended = await amendLogEntry(desk.tablet.db, ctx, {
      entryId,
      text: 'Fire brigade checked the floor',
      statusChange: 'resolved',
      result: 'False alarm, detector cleaned',
    });
    expect(amended.ok).toBe(true);

    act(() => navigate('/handover'));
    await user.click(await screen.findByRole('tab', { name: /Check/ }));
    const after = await screen.findByRole('list', { name: 'The handover is not allowed yet:' });
    await within(after).findByText('The duty record has not been reviewed.');
    expect(within(after).queryByText(/Smoke alarm on 12\/F/)).toBeNull();
  });

  it('H11: an override needs a reason and a chief or manager; a desk PIN and a wrong PIN are refused, nothing typed is lost', async () => {
    const user = userEvent.setup();
    await openEmergency('Water leak in the car park');
    renderDesk(desk);
    await startAndOpenGate(user);
    await user.click(screen.getByRole('button', { name: 'Override (section chief or manager)' }));

    const person = screen.getByRole('combobox', { name: 'Who overrides' });
    await within(person).findByRole('option', { name: 'Ho Ka Yan (Desk staff)' });
    await user.selectOptions(person, 'Ho Ka Yan (Desk staff)');
    await typePin(user, PINS.desk);
    await user.click(screen.getByRole('button', { name: 'Override' }));

    const reason = screen.getByRole('textbox', { name: 'Reason' });
    await waitFor(() => expect(reason).toHaveAccessibleDescription(/Write the reason \(at least 5 characters\)/));
    expect(person).toHaveAccessibleDescription(
      'Ho Ka Yan (Desk staff) may not override. Only a section chief or the office manager may.',
    );
    // The refusal was not about the PIN: the digits typed are still there.
    expect(screen.getByRole('status', { name: '4 of up to 8 digits entered' })).toBeInTheDocument();

    await user.type(reason, 'Leak isolated, plumber on site until 20:00');
    await user.click(screen.getByRole('button', { name: 'Override' }));
    // Still the desk person: refused again for the role, the reason kept.
    await waitFor(() => expect(person).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveValue('Leak isolated, plumber on site until 20:00');
    expect(reason).not.toHaveAttribute('aria-invalid');

    await user.selectOptions(person, 'Lee Mei Ling (Section chief)');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await typePin(user, '0000');
    await user.click(screen.getByRole('button', { name: 'Override' }));
    expect(await screen.findByText('Wrong PIN for Lee Mei Ling. 4 attempts left.')).toBeInTheDocument();
    expect(reason).toHaveValue('Leak isolated, plumber on site until 20:00');
    expect(person).toHaveValue(desk.chiefId);

    await typePin(user, PINS.chief);
    await user.click(screen.getByRole('button', { name: 'Override' }));
    expect(await screen.findByText(/^Overridden by Lee Mei Ling \(Section chief\) at /)).toBeInTheDocument();
    expect(screen.getByText('Leak isolated, plumber on site until 20:00')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Check/ })).toHaveAccessibleName('Check, done');
  });
});
