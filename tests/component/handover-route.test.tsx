/**
 * The handover's step is in the URL (issue 7, point 8): `/handover` opens the first step not done
 * and names it in the URL, a move to another step is a history entry (Back returns to the step
 * before), a reload reopens the step it was on, and the duty record opened from a blocker returns
 * to the Check step on Back.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handover } from '../../src/domain/handover-entities';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { openHandover } from '../../src/client/db/repos/handover-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { renderDesk, seedHandoverDesk, type HandoverDesk } from './handover-fixture';

vi.setConfig({ testTimeout: 60_000 });

let desk: HandoverDesk;

beforeEach(async () => {
  desk = await seedHandoverDesk();
});

async function prepareHandover(): Promise<Handover> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  return openHandover(desk.tablet.db, ctx, {
    kind: 'handover',
    outgoingDutyId: desk.dutyId,
    scheduledAt: desk.changeAt,
  });
}

const path = () => window.location.pathname;
/** The step shown: the one selected tab of the stepper (its name may end in ", done"). */
const selectedStep = () =>
  within(screen.getByRole('tablist', { name: 'Handover steps' })).getByRole('tab', { selected: true });
const stepTab = (name: string) => screen.getByRole('tab', { name: new RegExp(`^${name}`) });

describe('the handover step in the URL (issue 7, point 8)', () => {
  it('/handover opens the first step not done and names it in the URL, without a history entry', async () => {
    await prepareHandover();
    const entries = window.history.length;
    renderDesk(desk);
    await waitFor(() => expect(path()).toBe('/handover/prepare'));
    expect(selectedStep()).toHaveTextContent('Preparation');
    // renderDesk's own navigation to /handover is the one entry added; the step replaced it.
    expect(window.history.length).toBe(entries + 1);
  });

  it('each step moved to is a history entry: Back and Forward walk the steps seen', async () => {
    const user = userEvent.setup();
    await prepareHandover();
    renderDesk(desk);
    await waitFor(() => expect(path()).toBe('/handover/prepare'));

    await user.click(stepTab('Count'));
    // H8: the incoming person counts, so until they join the step sends there.
    expect(await screen.findByRole('button', { name: 'Go to Incoming person' })).toBeInTheDocument();
    expect(path()).toBe('/handover/count');
    await user.click(screen.getByRole('button', { name: 'Next: Carry-over' }));
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Carry-over'));
    expect(path()).toBe('/handover/carry');

    await act(async () => window.history.back());
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Count'));
    expect(path()).toBe('/handover/count');
    await act(async () => window.history.back());
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Preparation'));
    await act(async () => window.history.forward());
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Count'));
    expect(screen.getByRole('button', { name: 'Go to Incoming person' })).toBeInTheDocument();
    expect(path()).toBe(`/handover/count`);
  });

  it('a reload reopens the step in the URL, not the first one not done', async () => {
    await prepareHandover();
    const first = renderDesk(desk, '/handover/incoming');
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Incoming person'));
    first.unmount();
    renderDesk(desk, path());
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Incoming person'));
    expect(path()).toBe('/handover/incoming');
  });

  it('a step that does not exist is replaced by the first step not done', async () => {
    await prepareHandover();
    renderDesk(desk, '/handover/nonsense');
    await waitFor(() => expect(path()).toBe('/handover/prepare'));
    expect(selectedStep()).toHaveTextContent('Preparation');
  });

  it('a step left in the URL by an earlier handover does not carry into the next one', async () => {
    const user = userEvent.setup();
    renderDesk(desk, '/handover/sign');
    // No handover being prepared: the step goes from the URL, and a new one opens on step 1.
    await waitFor(() => expect(path()).toBe('/handover'));
    await user.click(await screen.findByRole('button', { name: /^(Start the handover|Start early)$/ }));
    await waitFor(() => expect(path()).toBe('/handover/prepare'));
    expect(selectedStep()).toHaveTextContent('Preparation');
  });

  it("H11(a): a blocker's entry opens in the duty record as a new screen; Back returns to the Check step", async () => {
    const user = userEvent.setup();
    await prepareHandover();
    const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
    const entry = await createLogEntry(desk.tablet.db, ctx, {
      dutyId: desk.dutyId,
      fields: {
        kind: 'emergency',
        severity: 'emergency',
        status: 'open',
        cause: 'Smoke alarm on 12/F',
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
    if (!entry.ok) throw new Error('seed entry refused');
    renderDesk(desk, '/handover/gate');
    const blockers = await screen.findByRole('list', { name: 'The handover is not allowed yet:' });
    await user.click(await within(blockers).findByRole('button', { name: 'Open in duty record: Smoke alarm on 12/F' }));
    expect(await screen.findByRole('dialog', { name: /^Emergency, / })).toBeInTheDocument();
    expect(path()).toBe('/');

    await act(async () => window.history.back());
    await waitFor(() => expect(selectedStep()).toHaveTextContent('Check'));
    expect(path()).toBe('/handover/gate');
  });
});
