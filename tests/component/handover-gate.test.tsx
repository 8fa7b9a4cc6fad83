import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogKind, Severity } from '../../src/domain/entities';
import { amendLogEntry, createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { navigate } from 'wouter/use-browser-location';
import { useUiStore } from '../../src/client/state/ui-store';
import { renderDesk, seedHandoverDesk, type HandoverDesk } from './handover-fixture';

// Typing and IndexedDB live queries are slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 60_000 });

let desk: HandoverDesk;

beforeEach(async () => {
  desk = await seedHandoverDesk();
});

async function openEntry(cause: string, kind: LogKind, severity: Severity): Promise<string> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  const res = await createLogEntry(desk.tablet.db, ctx, {
    dutyId: desk.dutyId,
    fields: {
      kind,
      severity,
      status: 'open',
      cause,
      process: 'Called the fire brigade',
      result: '',
      party: '',
      contact: '',
      location: '12/F',
      // Now: the desk's duty has just begun, and an earlier time would need a reason (T1).
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
  if (!res.ok) throw new Error('seed entry refused');
  return res.value.id;
}

/** H1: the outgoing person opens the handover, then goes to the gate ("Check") step. */
async function startAndOpenGate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Start the handover' }));
  await user.click(await screen.findByRole('tab', { name: /Check/ }));
  return screen.findByRole('list', { name: 'The handover is not allowed yet:' });
}

describe('the handover gate (H11): no way around it', () => {
  it('H11(a): an open emergency blocks, its link opens it in the duty record, and resolving it clears the blocker', async () => {
    const user = userEvent.setup();
    const entryId = await openEntry('Smoke alarm on 12/F', 'emergency', 'emergency');
    renderDesk(desk);

    const blockers = await startAndOpenGate(user);
    const row = (await within(blockers).findByText('An emergency is not dealt with yet: Smoke alarm on 12/F')).closest(
      'li',
    );
    expect(row).not.toBeNull();
    // No override (H11): the way out is to deal with it; an emergency in progress cannot be referred.
    expect(
      within(row as HTMLElement).getByText('Deal with it and resolve it: an emergency in progress cannot be referred.'),
    ).toBeInTheDocument();
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

  it('H11: there is no override; a major matter shows its truthful ways out (resolve it or refer it) and links to its entry', async () => {
    const user = userEvent.setup();
    await openEntry('Lift 2 stuck between floors, contractor waiting for parts', 'repair', 'major');
    renderDesk(desk);
    const blockers = await startAndOpenGate(user);
    const row = (
      await within(blockers).findByText(
        'A major event is not dealt with yet: Lift 2 stuck between floors, contractor waiting for parts',
      )
    ).closest('li') as HTMLElement;
    expect(
      within(row).getByText('Resolve it, or refer it to the department that will deal with it (in the entry).'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Open in duty record: Lift 2 stuck between floors, contractor waiting for parts',
      }),
    ).toBeInTheDocument();
    // H1: the incoming person has not joined: that blocks too, and links to their step.
    const notJoined = (await within(blockers).findByText('The incoming person has not joined the handover.')).closest(
      'li',
    ) as HTMLElement;
    expect(within(notJoined).getByRole('button', { name: 'Go to Incoming person' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /override/i })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Who overrides' })).toBeNull();
  });
});
