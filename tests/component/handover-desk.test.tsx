/**
 * One duty at a time at the desk (H3, S1) and the incoming person acting for themselves (H1, H8,
 * H11(d)): what each person finds on the handover and duty-record screens, the join with a PIN,
 * the substitute's approval, opening and closing the desk.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { joinHandover } from '../../src/client/db/repos/desk-repo';
import { openHandover, updateHandover } from '../../src/client/db/repos/handover-repo';
import { createTask } from '../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { useSessionStore } from '../../src/client/state/session-store';
import { PINS, renderDesk, rosterShift, seedHandoverDesk, typePin, type HandoverDesk } from './handover-fixture';

vi.setConfig({ testTimeout: 60_000 });

let desk: HandoverDesk;

beforeEach(async () => {
  desk = await seedHandoverDesk();
});

const signInAs = (staffId: string) => act(() => useSessionStore.getState().signIn(staffId, Date.now()));

/** The outgoing person's draft, prepared, as the repositories leave it (H2, H10). */
async function draft(): Promise<string> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  const h = await openHandover(desk.tablet.db, ctx, {
    outgoingDutyId: desk.dutyId,
    scheduledAt: desk.changeAt,
    kind: 'handover',
  });
  await updateHandover(desk.tablet.db, ctx, h.id, {
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
  });
  return h.id;
}

describe('the incoming person joins and acts for themselves (H1, H8)', () => {
  it('H1: joins with their own PIN; the arrival is shown against the rota; from then on the count is theirs', async () => {
    const user = userEvent.setup();
    const handoverId = await draft();
    renderDesk(desk);
    // H8: the count waits for the incoming person, who counts every item.
    await user.click(await screen.findByRole('tab', { name: /^Count/ }));
    expect(await screen.findByText(/^The incoming person counts every item/)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: /^Incoming person/ }));
    const who = await screen.findByRole('group', { name: 'Who takes over?' });
    // The one rostered for the next shift is chosen already.
    expect(within(who).getByRole('radio', { name: /^Wong Siu Ming, rostered/ })).toBeChecked();
    await typePin(user, PINS.outgoing);
    await user.click(screen.getByRole('button', { name: 'Join the handover' }));
    expect(await screen.findByText('Wrong PIN for Wong Siu Ming. 4 attempts left.')).toBeInTheDocument();
    expect((await desk.tablet.db.handover.get(handoverId))?.joinedAt).toBeNull();

    await typePin(user, PINS.incoming);
    await user.click(screen.getByRole('button', { name: 'Join the handover' }));
    expect(
      await screen.findByText(
        /^Wong Siu Ming joined at \d{2}:\d{2}, \d+ min early \(expected at the desk by \d{2}:\d{2}\)\.$/,
      ),
    ).toBeInTheDocument();
    const joined = await desk.tablet.db.handover.get(handoverId);
    expect(joined).toMatchObject({ incomingStaffId: desk.incomingId, joinedAt: expect.any(Number) });
    const op = (await desk.tablet.db.outbox.toArray()).find((o) => o.kind === 'patch' && 'joinedAt' in o.fields);
    expect(op?.actorStaffId).toBe(desk.incomingId);

    // H11(d): the outgoing person attests fitness; the count is then tapped as the incoming person.
    await user.click(
      within(screen.getByRole('group', { name: 'Is Wong Siu Ming fit to take over?' })).getByRole('radio', {
        name: 'Fit',
      }),
    );
    await waitFor(async () =>
      expect((await desk.tablet.db.handover.get(handoverId))?.fitnessAttestedBy).toBe(desk.outgoingId),
    );
    await user.click(screen.getByRole('tab', { name: /^Count/ }));
    expect(await screen.findByText(`Count screen for ${handoverId}, tapped by ${desk.incomingId}`)).toBeInTheDocument();
  });

  it('H4: the desk people see no "important" control on pending work; the incoming person acknowledges instructions once joined', async () => {
    const user = userEvent.setup();
    const chief = await makeWriteContext(desk.tablet.db, desk.chiefId);
    await createTask(
      desk.tablet.db,
      chief,
      { kind: 'unfinished', title: 'Lift 2 parts', cause: 'Ordered', process: '', important: false, dutyId: null },
      'chief',
    );
    await createTask(
      desk.tablet.db,
      chief,
      {
        kind: 'instruction',
        title: 'Check fire doors hourly',
        cause: 'Drill',
        process: '',
        important: false,
        dutyId: null,
      },
      'chief',
    );
    const handoverId = await draft();
    renderDesk(desk);
    await user.click(await screen.findByRole('tab', { name: /^Carry-over/ }));
    const pending = await screen.findByRole('region', { name: 'Pending work' });
    await within(pending).findByText('Lift 2 parts');
    expect(within(pending).queryByRole('button', { name: 'Important: Lift 2 parts' })).toBeNull();
    const instructions = screen.getByRole('region', { name: "Superiors' instructions" });
    expect(
      within(instructions).getByText('The incoming person acknowledges each instruction once they have joined.'),
    ).toBeInTheDocument();
    expect(within(instructions).getByRole('button', { name: 'Acknowledge: Check fire doors hourly' })).toBeDisabled();

    await joinHandover(desk.tablet.db, await makeWriteContext(desk.tablet.db, desk.incomingId), handoverId);
    const ack = await within(instructions).findByRole('button', { name: 'Acknowledge: Check fire doors hourly' });
    await waitFor(() => expect(ack).toBeEnabled());
    await user.click(ack);
    expect(await within(instructions).findByText(/^Acknowledged by Wong Siu Ming at \d{2}:\d{2}$/)).toBeInTheDocument();
    const [receipt] = await desk.tablet.db.acknowledgement.toArray();
    expect(receipt).toMatchObject({ staffId: desk.incomingId, handoverId });
  });
});

describe('the substitute is a cover (H11(d), S1)', () => {
  it('the chief confirms and the manager approves on the spot with their PINs; then the substitute takes over', async () => {
    const user = userEvent.setup();
    const handoverId = await draft();
    await joinHandover(desk.tablet.db, await makeWriteContext(desk.tablet.db, desk.incomingId), handoverId);
    renderDesk(desk);
    await user.click(await screen.findByRole('tab', { name: /^Incoming person/ }));
    const fitness = await screen.findByRole('group', { name: 'Is Wong Siu Ming fit to take over?' });
    await user.click(within(fitness).getByRole('radio', { name: 'Not fit (signs of drinking, not clear-headed)' }));
    const substitute = await screen.findByRole('group', { name: 'Substitute who takes over instead' });
    await user.click(within(substitute).getByRole('radio', { name: 'Ho Ka Yan' }));

    const approval = await screen.findByRole('region', { name: 'Approval of the cover (S1)' });
    expect(screen.queryByText('Ho Ka Yan takes over and signs.')).toBeNull();
    // The only chief is chosen already; a wrong PIN is refused and counts towards their lockout.
    await within(approval).findByRole('group', { name: 'PIN of Lee Mei Ling' });
    await typePin(user, '0000');
    await user.click(within(approval).getByRole('button', { name: 'Confirm the cover' }));
    expect(await within(approval).findByText('Wrong PIN for Lee Mei Ling. 4 attempts left.')).toBeInTheDocument();
    await typePin(user, PINS.chief);
    await user.click(within(approval).getByRole('button', { name: 'Confirm the cover' }));
    expect(await within(approval).findByText(/^Confirmed by Lee Mei Ling at \d{2}:\d{2}$/)).toBeInTheDocument();

    await within(approval).findByRole('group', { name: 'PIN of Leung Ka Wai' });
    await typePin(user, PINS.manager);
    await user.click(within(approval).getByRole('button', { name: 'Approve the cover' }));
    expect(await within(approval).findByText(/^Approved by Leung Ka Wai at \d{2}:\d{2}$/)).toBeInTheDocument();
    expect(await screen.findByText('Ho Ka Yan takes over and signs.')).toBeInTheDocument();
    expect((await desk.tablet.db.handover.get(handoverId))?.substituteApproval).toMatchObject({
      swapRequestId: null,
      chiefStaffId: desk.chiefId,
      managerStaffId: desk.managerId,
    });
  });
});

describe('one duty at a time (H3, S1)', () => {
  it('the duty record has no "Start duty" or "End duty": the person on duty hands over or closes; anyone else is told who is on duty', async () => {
    const user = userEvent.setup();
    renderDesk(desk, '/');
    expect(await screen.findByRole('button', { name: 'Hand over or close the desk' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Start|End) duty/ })).toBeNull();

    signInAs(desk.deskId);
    expect(await screen.findByRole('heading', { name: 'Chan Tai Man is on duty' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New entry' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Start duty|Open the desk/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Go to the handover' }));
    expect(window.location.pathname).toBe('/handover');
    expect(await screen.findByText(/^Chan Tai Man has not started the handover yet\./)).toBeInTheDocument();

    // Once the handover is being prepared, the next person is offered to join it, never a duty of their own.
    await draft();
    expect(await screen.findByText(/^Chan Tai Man is preparing the handover\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join the handover' })).toBeInTheDocument();
  });

  it('H3: with no shift to follow, the outgoing person closes the desk: count, check and signature, no incoming person', async () => {
    const user = userEvent.setup();
    await desk.tablet.db.rotaShift.where('staffId').equals(desk.incomingId).delete();
    renderDesk(desk);
    expect(await screen.findByRole('heading', { name: 'Close the desk' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Start (the handover|early)$/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Close (the desk|early)$/ }));
    expect(await screen.findByRole('heading', { name: 'Closing the desk' })).toBeInTheDocument();
    const tabs = screen.getByRole('tablist', { name: 'Handover steps' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['1Preparation', '2Count', '3Carry-over', '4Check', '5Signatures']);
    const [closing] = await desk.tablet.db.handover.toArray();
    expect(closing).toMatchObject({ kind: 'closing', outgoingDutyId: desk.dutyId, incomingStaffId: null });
    // The closing is the person's own to cancel (the duty then goes on).
    await user.click(screen.getByRole('button', { name: 'Cancel this closing' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, cancel' }));
    await waitFor(async () => expect((await desk.tablet.db.handover.get(closing!.id))?.status).toBe('abandoned'));
    expect(await screen.findByRole('heading', { name: 'Close the desk' })).toBeInTheDocument();
  });

  it('S1: with no duty open, the person rostered now opens the desk; others are told who may', async () => {
    const user = userEvent.setup();
    const duty = await desk.tablet.db.duty.get(desk.dutyId);
    await desk.tablet.db.duty.put({ ...duty!, endedAt: Date.now() - 60_000 }); // closed earlier
    await rosterShift(desk.tablet, desk.deskId, Date.now() - 60 * 60_000, Date.now() + 8 * 60 * 60_000);

    signInAs(desk.incomingId);
    renderDesk(desk);
    expect(await screen.findByRole('heading', { name: 'No one is on duty' })).toBeInTheDocument();
    // The outgoing person's shift is not over yet either (they closed early).
    expect(
      await screen.findByText('The desk is closed. Rostered now, and may open it: Chan Tai Man, Ho Ka Yan.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Open the desk' })).toBeNull();

    signInAs(desk.deskId);
    await user.click(await screen.findByRole('button', { name: 'Open the desk' }));
    expect(await screen.findByRole('heading', { name: 'Opening the desk' })).toBeInTheDocument();
    const tabs = screen.getByRole('tablist', { name: 'Handover steps' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['1Count', '2Check', '3Signatures']);
    const [opening] = await desk.tablet.db.handover.where('status').equals('preparing').toArray();
    expect(opening).toMatchObject({ kind: 'opening', outgoingDutyId: null, incomingStaffId: desk.deskId });
    expect(await screen.findByText(`Count screen for ${opening!.id}, tapped by ${desk.deskId}`)).toBeInTheDocument();
  });
});
