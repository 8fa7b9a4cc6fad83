import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHandover, updateHandover } from '../../src/client/db/repos/handover-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { useSessionStore } from '../../src/client/state/session-store';
import {
  drawStroke,
  fakeCanvasContext,
  PINS,
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
  // Everything before the signatures is done (H2, H10, H11(d)), so the screen opens on step 6.
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  const handover = await openHandover(desk.tablet.db, ctx, { outgoingDutyId: desk.dutyId, scheduledAt: desk.changeAt });
  await updateHandover(desk.tablet.db, ctx, handover.id, {
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    anomalyAnswer: 'Lift 3 out of service, contractor booked',
    synthesis: 'Quiet evening, lift 3 pending',
    incomingStaffId: desk.incomingId,
    fitness: 'fit',
  });
});

afterEach(() => canvasContext.mockRestore());

const pinDots = (count: number) => screen.getByRole('status', { name: `${count} of up to 8 digits entered` });

describe('signing the handover (H3)', () => {
  it('refuses an empty signature and a wrong PIN of the incoming person, keeps what was entered, then signs and locks', async () => {
    const user = userEvent.setup();
    renderDesk(desk);
    expect(await screen.findByRole('tab', { name: /Signatures/, selected: true })).toBeInTheDocument();
    expect(await screen.findByText(/^Scheduled \d{2}:\d{2}, now \d{2}:\d{2}: \d+ min early\.$/)).toBeInTheDocument();

    // H3: a signature with no strokes is refused; the PIN typed stays.
    const outgoing = screen.getByRole('region', { name: 'Outgoing: Chan Tai Man' });
    await typePin(user, PINS.outgoing);
    await user.click(within(outgoing).getByRole('button', { name: 'Sign as outgoing' }));
    expect(await within(outgoing).findByRole('alert')).toHaveTextContent('Sign in the box');
    expect(pinDots(4)).toBeInTheDocument();

    drawStroke(within(outgoing).getByRole('img', { name: 'Signature of Chan Tai Man' }));
    await user.click(within(outgoing).getByRole('button', { name: 'Sign as outgoing' }));
    const incoming = await screen.findByRole('region', { name: 'Incoming: Wong Siu Ming' });
    expect(screen.getByText(/^Handed over by Chan Tai Man at \d{2}:\d{2}$/)).toBeInTheDocument();

    // The PIN of another person (here the outgoing one's) does not count for the incoming one.
    drawStroke(within(incoming).getByRole('img', { name: 'Signature of Wong Siu Ming' }));
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
    expect((await desk.tablet.db.duty.get(desk.dutyId))?.endedAt).not.toBeNull();
  });
});
