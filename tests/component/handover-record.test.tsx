import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { setMeta } from '../../src/client/db/meta';
import { openHandover } from '../../src/client/db/repos/handover-repo';
import { addCorrection, signHandover } from '../../src/client/db/repos/sign-repo';
import type * as SignRepo from '../../src/client/db/repos/sign-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { HandoverReminder } from '../../src/client/features/handover/handover-reminder';
import { useSessionStore } from '../../src/client/state/session-store';
import { renderWithDb } from './helpers';
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

// The real repository throughout; one test has it refuse a signature once (see below).
vi.mock('../../src/client/db/repos/sign-repo', async (importOriginal) => {
  const real = await importOriginal<typeof SignRepo>();
  return { ...real, addCorrection: vi.fn(real.addCorrection) };
});

let desk: HandoverDesk;
let canvasContext: ReturnType<typeof fakeCanvasContext>;

beforeEach(async () => {
  canvasContext = fakeCanvasContext();
  desk = await seedHandoverDesk();
});

afterEach(() => canvasContext.mockRestore());

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M 1,1 L 9,9"/></svg>';

describe('the H1 reminder', () => {
  it('asks to prepare from 15 minutes before the end, then expects the incoming person as an alert', async () => {
    const user = userEvent.setup();
    renderWithDb(<HandoverReminder staffId={desk.outgoingId} />, desk.tablet.db);
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Prepare the handover now: your shift ends at \d{2}:\d{2}\./,
    );

    await user.click(screen.getByRole('button', { name: 'Go to the handover' }));
    expect(window.location.pathname).toBe('/handover');

    // The shift now ends in 3 minutes: within the incoming lead time (5 min), so it escalates.
    const soon = Date.now() + 3 * 60_000;
    await desk.tablet.db.rotaShift.where('staffId').equals(desk.outgoingId).modify({ endsAt: soon });
    expect(await screen.findByRole('alert')).toHaveTextContent(/^The incoming person is expected now\./);
  });

  it('T1: compares the end of the shift with server-corrected time, not the tablet clock', async () => {
    // The tablet runs 20 minutes slow: by the server the shift (ending in 10 tablet minutes) is over.
    await setMeta(desk.tablet.db, 'clock', { offsetMs: 20 * 60_000, rttMs: null, learnedAt: Date.now() });
    renderWithDb(<HandoverReminder staffId={desk.outgoingId} />, desk.tablet.db);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^The handover is due since \d{2}:\d{2}\./);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

/** Signs the desk's handover through the repository, then shows the record to the incoming person. */
async function signAndShowRecord(): Promise<string> {
  const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
  // H1: the incoming person joined 7 minutes after they were due (5 minutes before the change).
  const handoverId = await preparedDraft(desk, desk.changeAt + 2 * 60_000);
  const signed = await signHandover(desk.tablet.db, ctx, {
    handoverId,
    signatures: [
      { role: 'outgoing', staffId: desk.outgoingId, signedAt: Date.now(), svg: SVG },
      { role: 'incoming', staffId: desk.incomingId, signedAt: Date.now(), svg: SVG },
    ],
    blockersSeen: [],
  });
  if (!signed.ok) throw new Error(`signing refused: ${signed.errors}`);
  useSessionStore.getState().signIn(desk.incomingId, Date.now());
  renderDesk(desk);
  return signed.value.record.id;
}

describe('the signed record (H3)', () => {
  it('shows the locked record to the incoming person and adds a correction signed by both', async () => {
    const user = userEvent.setup();
    const recordId = await signAndShowRecord();

    const record = await screen.findByRole('region', { name: 'Signed handover' });
    expect(within(record).getByText('Locked')).toBeInTheDocument();
    // H1: the arrival, measured from the join against the rota (5 minutes before the change).
    expect(within(record).getByText('Incoming person joined').nextSibling).toHaveTextContent(
      /, 7 min late \(due \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/,
    );
    await user.click(within(record).getByRole('button', { name: 'Add a correction' }));
    const dialog = await screen.findByRole('dialog', { name: 'Correct the signed handover' });

    const outgoing = within(dialog).getByRole('region', { name: 'Outgoing: Chan Tai Man' });
    await drawSignature(outgoing, 'Chan Tai Man');
    await typePin(user, PINS.outgoing);
    await user.click(within(outgoing).getByRole('button', { name: 'Sign the correction' }));
    const incoming = await within(dialog).findByRole('region', { name: 'Incoming: Wong Siu Ming' });
    await drawSignature(incoming, 'Wong Siu Ming');
    await typePin(user, PINS.incoming);
    await user.click(within(incoming).getByRole('button', { name: 'Sign the correction' }));

    // No note: refused beside the field, the two signatures kept for the retry.
    const note = within(dialog).getByRole('textbox', { name: 'What the correction says' });
    await waitFor(() => expect(note).toHaveAccessibleDescription(/What the correction says is required/), {
      timeout: 10_000,
    });
    await user.type(note, 'Radio R2 was counted twice; one radio at the desk');
    await user.click(within(dialog).getByRole('button', { name: 'Save the correction' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await within(record).findByText('Radio R2 was counted twice; one radio at the desk')).toBeInTheDocument();
    const records = await desk.tablet.db.handoverRecord.toArray();
    expect(records.filter((r) => r.correctsId === recordId).map((r) => r.note)).toEqual([
      'Radio R2 was counted twice; one radio at the desk',
    ]);
  });

  it('keeps the note and both signatures when a signature is refused, and says so (H3)', async () => {
    const user = userEvent.setup();
    const recordId = await signAndShowRecord();
    // What the repository answers when a signature fails its check (e.g. strokes too large).
    vi.mocked(addCorrection).mockResolvedValueOnce({ ok: false, errors: 'signatureMissing' });

    const record = await screen.findByRole('region', { name: 'Signed handover' });
    await user.click(within(record).getByRole('button', { name: 'Add a correction' }));
    const dialog = await screen.findByRole('dialog', { name: 'Correct the signed handover' });
    const note = within(dialog).getByRole('textbox', { name: 'What the correction says' });
    await user.type(note, 'The spare key K9 was at the desk');
    const outgoing = within(dialog).getByRole('region', { name: 'Outgoing: Chan Tai Man' });
    await drawSignature(outgoing, 'Chan Tai Man');
    await typePin(user, PINS.outgoing);
    await user.click(within(outgoing).getByRole('button', { name: 'Sign the correction' }));
    const incoming = await within(dialog).findByRole('region', { name: 'Incoming: Wong Siu Ming' });
    await drawSignature(incoming, 'Wong Siu Ming');
    await typePin(user, PINS.incoming);
    await user.click(within(incoming).getByRole('button', { name: 'Sign the correction' }));

    // Waits for this refusal itself: a pad's own hint may be the alert shown for a moment before.
    const refusal = await within(dialog).findByText('Each person must sign, with their own PIN.');
    expect(refusal.closest('[role="alert"]')).not.toBeNull();
    // Nothing is lost: the note and both signatures stay, ready for the retry.
    expect(note).toHaveValue('The spare key K9 was at the desk');
    expect(within(dialog).getByRole('img', { name: 'Signature of Chan Tai Man' })).toBeInTheDocument();
    expect(within(dialog).getByRole('img', { name: 'Signature of Wong Siu Ming' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('region', { name: 'Outgoing: Chan Tai Man' })).toBeNull();
    expect(await desk.tablet.db.handoverRecord.filter((r) => r.correctsId === recordId).count()).toBe(0);

    await user.click(within(dialog).getByRole('button', { name: 'Save the correction' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const records = await desk.tablet.db.handoverRecord.toArray();
    expect(records.filter((r) => r.correctsId === recordId).map((r) => r.note)).toEqual([
      'The spare key K9 was at the desk',
    ]);
  });
});

describe('a handover accepted on another tablet', () => {
  it('shows that the server refused this signature as handover_taken', async () => {
    const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
    const handover = await openHandover(desk.tablet.db, ctx, {
      outgoingDutyId: desk.dutyId,
      scheduledAt: desk.changeAt,
      kind: 'handover',
    });
    // What the sync leaves when the server refuses this tablet's record (the record itself is undone).
    await desk.tablet.db.syncError.put({
      id: newId(),
      siteId: desk.tablet.siteId,
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'server' }),
      deleted: false,
      deviceId: desk.tablet.deviceId,
      counter: 7,
      table: 'handoverRecord',
      rowId: newId(),
      opKind: 'put',
      code: 'handover_taken',
      message: 'duty already handed over',
      actorStaffId: desk.outgoingId,
      fields: { handoverId: handover.id, outgoingStaffId: desk.outgoingId, incomingStaffId: desk.incomingId },
      recordedAt: Date.now(),
      issues: [],
      dismissedAt: null,
      dismissedBy: null,
      _versions: {},
    });
    renderDesk(desk);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This handover was already accepted on another tablet.');
    expect(alert).toHaveTextContent(/The server refused this signature at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });
});

describe('a signed record the server refused for a rule (issue 7: gate_blocked, duty_rule)', () => {
  it('says why in the UI language, and that the next attempt starts from what was given', async () => {
    const ctx = await makeWriteContext(desk.tablet.db, desk.outgoingId);
    const handover = await openHandover(desk.tablet.db, ctx, {
      outgoingDutyId: desk.dutyId,
      scheduledAt: desk.changeAt,
      kind: 'handover',
    });
    await desk.tablet.db.syncError.put({
      id: newId(),
      siteId: desk.tablet.siteId,
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'server' }),
      deleted: false,
      deviceId: desk.tablet.deviceId,
      counter: 9,
      table: 'handoverRecord',
      rowId: newId(),
      opKind: 'put',
      code: 'gate_blocked',
      message: 'gate_blocked: majorOpen',
      actorStaffId: desk.outgoingId,
      fields: { handoverId: handover.id, outgoingStaffId: desk.outgoingId, incomingStaffId: desk.incomingId },
      recordedAt: Date.now(),
      issues: [],
      dismissedAt: null,
      dismissedBy: null,
      _versions: {},
    });
    renderDesk(desk);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server found something that forbids this handover.');
    expect(alert).toHaveTextContent('The handover was signed while something that forbids it was still open');
    expect(alert).toHaveTextContent('the answers and the count are carried into the new attempt');
    // The raw message of the server is not shown as such.
    expect(alert).not.toHaveTextContent('majorOpen');
  });
});
