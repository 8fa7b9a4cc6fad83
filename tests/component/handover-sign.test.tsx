import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../src/client/state/session-store';
import {
  drawSignature,
  fakeCanvasContext,
  PINS,
  preparedDraft,
  renderDesk,
  seedHandoverDesk,
  typePin,
  type HandoverDesk,
} from './handover-fixture';

vi.setConfig({ testTimeout: 60_000 });

let desk: HandoverDesk;
let canvasContext: ReturnType<typeof fakeCanvasContext>;

beforeEach(async () => {
  canvasContext = fakeCanvasContext();
  desk = await seedHandoverDesk();
  // Everything before the signatures is done (H1, H2, H9, H10, H11(d)), so the screen opens on the last step.
  await preparedDraft(desk);
});

afterEach(() => canvasContext.mockRestore());

const pinDots = (count: number) => screen.getByRole('status', { name: `${count} of up to 8 digits entered` });

/** The outgoing person signs (H3). */
async function signOutgoing(user: ReturnType<typeof userEvent.setup>) {
  const outgoing = await screen.findByRole('region', { name: 'Outgoing: Chan Tai Man' });
  await drawSignature(outgoing, 'Chan Tai Man');
  await typePin(user, PINS.outgoing);
  await user.click(within(outgoing).getByRole('button', { name: 'Sign as outgoing' }));
  await screen.findByText(/^Handed over by Chan Tai Man at \d{2}:\d{2}$/);
  return screen.findByRole('region', { name: 'Incoming: Wong Siu Ming' });
}

describe('signing the handover (H3)', () => {
  it('issue 7 §8: the outgoing signature given survives the screen going away (a reload, a closed tab) until the record is signed', async () => {
    const user = userEvent.setup();
    const first = renderDesk(desk);
    await signOutgoing(user);
    // Kept on the tablet, not in memory only: wait until it is stored, then the screen goes away.
    await waitFor(async () => expect(await desk.tablet.db.formDraft.count()).toBeGreaterThan(0));
    first.unmount();
    renderDesk(desk);
    expect(await screen.findByText(/^Handed over by Chan Tai Man at \d{2}:\d{2}$/)).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Incoming: Wong Siu Ming' })).toBeInTheDocument();
  });

  it('refuses an empty signature and a wrong PIN of the incoming person, keeps what was entered, then signs and locks', async () => {
    const user = userEvent.setup();
    renderDesk(desk);
    expect(await screen.findByRole('tab', { name: /Signatures/, selected: true })).toBeInTheDocument();
    expect(await screen.findByText(/^Scheduled \d{2}:\d{2}, now \d{2}:\d{2}: \d+ min early\.$/)).toBeInTheDocument();
    // There is no way around the check: no override anywhere (H11).
    expect(screen.queryByRole('button', { name: /override/i })).toBeNull();

    // H3: a signature with no strokes is refused; the PIN typed stays.
    const outgoing = screen.getByRole('region', { name: 'Outgoing: Chan Tai Man' });
    await typePin(user, PINS.outgoing);
    await user.click(within(outgoing).getByRole('button', { name: 'Sign as outgoing' }));
    expect(await within(outgoing).findByRole('alert')).toHaveTextContent('Sign in the box');
    expect(pinDots(4)).toBeInTheDocument();

    await drawSignature(outgoing, 'Chan Tai Man');
    await user.click(within(outgoing).getByRole('button', { name: 'Sign as outgoing' }));
    const incoming = await screen.findByRole('region', { name: 'Incoming: Wong Siu Ming' });
    expect(screen.getByText(/^Handed over by Chan Tai Man at \d{2}:\d{2}$/)).toBeInTheDocument();

    // The PIN of another person (here the outgoing one's) does not count for the incoming one.
    await drawSignature(incoming, 'Wong Siu Ming');
    await typePin(user, PINS.outgoing);
    await user.click(within(incoming).getByRole('button', { name: 'Sign and take over' }));
    expect(await within(incoming).findByRole('alert')).toHaveTextContent(
      'Wrong PIN for Wong Siu Ming. 4 attempts left.',
    );
    // The drawn signature is kept; only the wrong PIN is cleared, and nothing was signed.
    expect(within(incoming).getByText('Signed. Clear to sign again.')).toBeInTheDocument();
    expect(within(incoming).getByRole('button', { name: 'Clear signature' })).toBeEnabled();
    expect(pinDots(0)).toBeInTheDocument();
    expect(await desk.tablet.db.handoverRecord.count()).toBe(0);

    await typePin(user, PINS.incoming);
    await user.click(within(incoming).getByRole('button', { name: 'Sign and take over' }));

    // Signed: the tablet is the incoming person's, and the locked record shows.
    await waitFor(() => expect(useSessionStore.getState().staffId).toBe(desk.incomingId));
    const record = await screen.findByRole('region', { name: 'Signed handover' });
    expect(within(record).getByText('Locked')).toBeInTheDocument();
    expect(within(record).getByText('Chan Tai Man handed over to Wong Siu Ming.')).toBeInTheDocument();
    const [saved] = await desk.tablet.db.handoverRecord.toArray();
    expect(saved?.signatures.map((s) => s.staffId)).toEqual([desk.outgoingId, desk.incomingId]);
    expect(within(record).getByText(`${saved?.hash.slice(0, 12)}…`)).toBeInTheDocument();
    expect(within(record).getByRole('img', { name: 'Signature of Chan Tai Man' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\/svg\+xml/),
    );
    expect(within(record).getByRole('img', { name: 'Signature of Wong Siu Ming' })).toBeInTheDocument();
    expect(within(record).getByText('Lift 3 out of service, contractor booked')).toBeInTheDocument();
    // H11(d): who attested the fitness is on the record.
    expect(within(record).getByText('Fitness attested by').nextSibling).toHaveTextContent('Chan Tai Man');
    expect((await desk.tablet.db.duty.get(desk.dutyId))?.endedAt).not.toBeNull();
  });

  it('issue 7 §8: five wrong PINs at the incoming signature lock them out; a chief unlocks with their PIN and the outgoing signature is kept', async () => {
    const user = userEvent.setup();
    renderDesk(desk);
    const incoming = await signOutgoing(user);
    await drawSignature(incoming, 'Wong Siu Ming');
    await within(incoming).findByText('Signed. Clear to sign again.');
    for (let i = 0; i < 5; i++) {
      await typePin(user, '0000');
      await user.click(within(incoming).getByRole('button', { name: 'Sign and take over' }));
      if (i < 4) await within(incoming).findByText(`Wrong PIN for Wong Siu Ming. ${4 - i} attempts left.`);
    }
    const help = await within(incoming).findByRole('region', { name: 'Wong Siu Ming is locked out' });
    // The way forward: the wait, with the time left, or an unlock by a chief or manager.
    expect(within(help).getByRole('status')).toHaveTextContent(
      /Wong Siu Ming can try again in [45]:\d{2} \(at \d{2}:\d{2}\)/,
    );
    expect(within(incoming).getByRole('button', { name: 'Sign and take over' })).toBeDisabled();
    // The outgoing signature already given is kept.
    expect(screen.getByText(/^Handed over by Chan Tai Man at \d{2}:\d{2}$/)).toBeInTheDocument();

    const who = within(help).getByRole('combobox', { name: 'Who unlocks' });
    await within(who).findByRole('option', { name: 'Lee Mei Ling (Section chief)' });
    // A desk person is not offered: only a section chief or the manager unlocks.
    expect(within(who).queryByRole('option', { name: /Ho Ka Yan/ })).toBeNull();
    await user.selectOptions(who, 'Lee Mei Ling (Section chief)');
    const chiefPad = within(help).getByRole('group', { name: 'PIN of Lee Mei Ling' });
    for (const digit of PINS.chief) await user.click(within(chiefPad).getByRole('button', { name: digit }));
    await user.click(within(help).getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(within(incoming).queryByRole('region', { name: 'Wong Siu Ming is locked out' })).toBeNull(),
    );
    const unlocked = await desk.tablet.db.pinAttempts.get(desk.incomingId);
    expect(unlocked?.unlocks).toEqual([{ by: desk.chiefId, at: expect.any(Number) }]);

    // The step is redone: the drawn signature is still there, the right PIN signs.
    expect(within(incoming).getByText('Signed. Clear to sign again.')).toBeInTheDocument();
    await typePin(user, PINS.incoming);
    await user.click(within(incoming).getByRole('button', { name: 'Sign and take over' }));
    await waitFor(() => expect(useSessionStore.getState().staffId).toBe(desk.incomingId));
    const [saved] = await desk.tablet.db.handoverRecord.toArray();
    expect(saved?.signatures.map((s) => s.staffId)).toEqual([desk.outgoingId, desk.incomingId]);
  });
});
