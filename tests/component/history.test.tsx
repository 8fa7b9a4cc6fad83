/**
 * The handover history (issue 8, point 3, O1): every signed handover, opening and closing listed
 * newest first with its kind, people, lateness (H1), discrepancies (H8), corrections and review
 * flags (T1, H3), filtered by building days and kind, and read in full with its count and
 * signatures. Everyone signed in may read it, the desk included.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandoverRecord } from '../../src/domain/handover-entities';
import { App } from '../../src/client/app';
import { HistoryScreen } from '../../src/client/features/history/history-screen';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { countLine, flagDeskOpened, hk, seedRecord } from './history-fixture';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let lee: string;
let cheung: string;
let handover: HandoverRecord;
let opening: HandoverRecord;

beforeEach(async () => {
  tablet = await seedTablet();
  lee = await seedStaff(tablet, { name: '李嘉欣' });
  cheung = await seedStaff(tablet, { name: '張偉明' });
  // H1: the change was at 18:00, so 張偉明 was due at 17:55 and joined at 18:02: 7 minutes late.
  handover = await seedRecord(tablet, {
    outgoingStaffId: lee,
    incomingStaffId: cheung,
    scheduledAt: hk('2025-03-14', '18:00'),
    joinedAt: hk('2025-03-14', '18:02'),
    signedAt: hk('2025-03-14', '18:09'),
    count: [
      countLine('K1', 'Main door key'),
      countLine('R2', 'Radio', { state: 'missing', quantity: 0, explanation: 'Taken by the contractor, not returned' }),
      countLine('D3', 'Torch', { state: 'damaged', expected: 2, quantity: 2 }),
      countLine('K4', 'Car park key', { expected: 2, quantity: 1, lent: 1, borrowers: ['Cleaner Ho'] }),
    ],
  });
  opening = await seedRecord(tablet, { kind: 'opening', incomingStaffId: cheung, signedAt: hk('2025-03-15', '09:03') });
  await flagDeskOpened(tablet, opening);
  await seedRecord(tablet, { kind: 'closing', outgoingStaffId: lee, signedAt: hk('2025-03-10', '22:00') });
  // A correction of the handover, signed by both the next morning (H3: an addendum, never an edit).
  await seedRecord(tablet, {
    outgoingStaffId: lee,
    incomingStaffId: cheung,
    handoverId: handover.handoverId,
    correctsId: handover.id,
    signedAt: hk('2025-03-15', '10:00'),
    note: 'The radio R2 was found in the store room',
  });
});

function openAt(path: string) {
  window.history.replaceState(null, '', path);
  return renderWithDb(<HistoryScreen />, tablet.db);
}

/** The list's body rows, as text, newest first. */
async function listRows(): Promise<HTMLElement[]> {
  const table = await screen.findByRole('table');
  return within(table).getAllByRole('row').slice(1);
}

describe('the list of signed records', () => {
  it('shows each record newest first with kind, day and time, people, lateness (H1), discrepancies (H8), corrections and flags', async () => {
    openAt('/history');
    const rows = await listRows();
    expect(rows).toHaveLength(3);
    const [first, second, third] = rows as [HTMLElement, HTMLElement, HTMLElement];
    // The opening: the desk opened without a handover is flagged for the chief (H3).
    expect(first).toHaveTextContent('Desk opened');
    expect(first).toHaveTextContent('2025-03-15 09:03');
    expect(first).toHaveTextContent('Opened by 張偉明');
    expect(first).toHaveTextContent('Not measured');
    expect(first).toHaveTextContent('Opened without a handover');
    // The handover: joined 7 minutes after 17:55; R2 missing, D3 damaged, K4 one lent and accounted for.
    expect(second).toHaveTextContent('Handover');
    expect(second).toHaveTextContent('2025-03-14 18:09');
    expect(second).toHaveTextContent('李嘉欣 to 張偉明');
    expect(second).toHaveTextContent('7 min late');
    expect(second).toHaveTextContent('2 of 4');
    expect(second).toHaveTextContent('1 correction');
    expect(third).toHaveTextContent('Desk closed');
    expect(third).toHaveTextContent('Closed by 李嘉欣');
    expect(third).toHaveTextContent('0 of 0');
    // The addendum is under its record, not a row of its own.
    expect(screen.queryByText(/2025-03-15 10:00/)).toBeNull();
  });

  it('filters by kind, kept in the URL', async () => {
    const user = userEvent.setup();
    openAt('/history');
    await listRows();
    await user.click(screen.getByRole('radio', { name: 'Desk opened' }));
    await waitFor(async () => expect(await listRows()).toHaveLength(1));
    expect((await listRows())[0]).toHaveTextContent('Opened by 張偉明');
    expect(window.location.search).toBe('?kind=opening');
  });

  it('filters by a range of building days, the end day included', async () => {
    openAt('/history?from=2025-03-11&to=2025-03-14');
    await waitFor(async () => expect(await listRows()).toHaveLength(1));
    expect((await listRows())[0]).toHaveTextContent('李嘉欣 to 張偉明');

    // The building's day, not UTC's: 09:03 on 15 March in Hong Kong is 01:03 UTC, still the 15th.
    fireEvent.change(screen.getByLabelText('From (building day)'), { target: { value: '2025-03-15' } });
    fireEvent.change(screen.getByLabelText('To (building day)'), { target: { value: '2025-03-15' } });
    expect(window.location.search).toBe('?from=2025-03-15&to=2025-03-15');
    await waitFor(async () => {
      const rows = await listRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toHaveTextContent('Opened by 張偉明');
    });
  });

  it('says beside the field when a date in the URL is malformed, and lists without it', async () => {
    openAt('/history?from=2025-02-30');
    const from = await screen.findByLabelText('From (building day)');
    await waitFor(() => expect(from).toHaveAccessibleDescription(/^Not a date: write it as yyyy-mm-dd/));
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(await listRows()).toHaveLength(3);
  });

  it('says beside the end when the range ends before it starts, and a kind it does not know', async () => {
    openAt('/history?from=2025-03-15&to=2025-03-01&kind=shift');
    const to = await screen.findByLabelText('To (building day)');
    await waitFor(() => expect(to).toHaveAccessibleDescription(/The end of the range is before its start\./));
    expect(screen.getByRole('group', { name: 'Kind' })).toHaveAccessibleDescription(/^Not a kind of record/);
    expect(await listRows()).toHaveLength(3);
  });

  it('says so when nothing matches the filters', async () => {
    openAt('/history?from=2024-01-01&to=2024-01-31');
    expect(await screen.findByText('No signed record matches these filters.')).toBeInTheDocument();
  });

  it('pages through a long history through the signedAt index', async () => {
    const start = hk('2024-01-01', '18:09');
    for (let i = 0; i < 60; i++) {
      await seedRecord(tablet, { outgoingStaffId: lee, incomingStaffId: cheung, signedAt: start + i * 86_400_000 });
    }
    const user = userEvent.setup();
    openAt('/history');
    // Sixty rows through fake-indexeddb on a loaded runner: more time, same check.
    await waitFor(async () => expect(await listRows()).toHaveLength(50), { timeout: 20_000 });
    expect(screen.getByText('The newest 50 records; older ones follow')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show older records' }));
    await waitFor(async () => expect(await listRows()).toHaveLength(63), { timeout: 20_000 });
    expect(screen.queryByRole('button', { name: 'Show older records' })).toBeNull();
  });
});

describe('reading one record', () => {
  it('shows its count line by line, both signatures as images and the correction under it', async () => {
    const user = userEvent.setup();
    openAt('/history?kind=handover');
    await listRows();
    await user.click(screen.getByRole('button', { name: 'Open the record signed 2025-03-14 18:09' }));
    expect(window.location.pathname).toBe(`/history/${handover.id}`);

    const record = await screen.findByRole('article', { name: /^Handover · 2025-03-14 18:09$/ });
    expect(within(record).getByText('Incoming person joined').nextSibling).toHaveTextContent(
      /^2025-03-14 18:02, 7 min late \(due 2025-03-14 17:55\)$/,
    );
    const count = within(record).getByRole('table', { name: 'Final count' });
    const lines = within(count).getAllByRole('row').slice(1);
    expect(lines.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^K1 Main door key1Present1—/),
      expect.stringMatching(/^R2 Radio1Missing0—Taken by the contractor, not returned/),
      expect.stringMatching(/^D3 Torch2Damaged2—/),
      expect.stringMatching(/^K4 Car park key2Present11 \(Cleaner Ho\)/),
    ]);

    // H3: each signature is an image of its strokes, never SVG markup in the page.
    const signed = within(record).getByRole('region', { name: 'Signatures' });
    const outgoing = within(signed).getByRole('img', { name: /Signature of 李嘉欣/ });
    expect(within(signed).getByRole('img', { name: /Signature of 張偉明/ })).toBeInTheDocument();
    expect(outgoing.getAttribute('src')).toMatch(/^data:image\/svg\+xml;/);
    expect(record.querySelector('svg')).toBeNull();

    // The addendum, with its note and both signatures, under the record it corrects.
    const addenda = within(record).getByRole('region', { name: 'Corrections (addenda)' });
    expect(within(addenda).getByText('The radio R2 was found in the store room')).toBeInTheDocument();
    expect(within(addenda).getByText('Correction signed 2025-03-15 10:00')).toBeInTheDocument();
    expect(within(addenda).getAllByRole('img', { name: /^Signature of / })).toHaveLength(2);
    expect(within(record).getByRole('region', { name: 'Hash chain' })).toHaveTextContent(handover.hash);

    // Back to the list, its filter kept.
    await user.click(within(record).getByRole('button', { name: /Back to the history/ }));
    expect(`${window.location.pathname}${window.location.search}`).toBe('/history?kind=handover');
  });

  it('prints the record with the browser (the A4 layout is in print-history.css)', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const user = userEvent.setup();
    openAt(`/history/${opening.id}`);
    const record = await screen.findByRole('article', { name: /^Desk opened · 2025-03-15 09:03$/ });
    expect(within(record).getByText('Harbour View Tower: Desk opened, 2025-03-15')).toBeInTheDocument();
    expect(within(record).getByRole('img', { name: /Signature of 張偉明/ })).toBeInTheDocument();
    expect(within(record).getByText(/Desk opened by 張偉明 at .* without a handover/)).toBeInTheDocument();
    await user.click(within(record).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("opens the record an addendum corrects from the addendum's id, and says when a record is not here", async () => {
    const addendum = (await tablet.db.handoverRecord.toArray()).find((r) => r.correctsId === handover.id);
    const view = openAt(`/history/${addendum?.id}`);
    expect(await screen.findByRole('article', { name: /^Handover · 2025-03-14 18:09$/ })).toBeInTheDocument();
    view.unmount();
    openAt('/history/0190a1b2-0000-7000-8000-000000000000');
    expect(await screen.findByRole('alert')).toHaveTextContent('This record is not on this tablet.');
  });
});

describe('who may read it', () => {
  it('a desk person signed in opens /history and reads the records (nothing there writes)', async () => {
    window.history.replaceState(null, '', '/history');
    act(() => useSessionStore.getState().signIn(lee, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'Handover history' })).toBeInTheDocument();
    expect(await listRows()).toHaveLength(3);
  });
});
