/**
 * Issue 7, "Nothing typed is lost": a half-written form is a draft kept in IndexedDB for the person
 * who typed it. It comes back after the form goes away (a screen switch), after a sign-out and
 * sign-in of the same person, and is never shown to someone else; it goes once saved or discarded.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app';
import { startDuty } from '../unit/client/duty-fixture';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { ItemsScreen } from '../../src/client/features/keys/items-screen';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { TasksScreen } from '../../src/client/features/tasks/tasks-screen';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, renderWithDb, seedStaff, seedTablet, signInByPin, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let chan: string;

beforeEach(async () => {
  tablet = await seedTablet();
  chan = await seedStaff(tablet, { name: 'Chan Tai Man' });
  await startDuty(tablet.db, await makeWriteContext(tablet.db, chan), { shiftId: 'day' });
});

/** Fails if "Draft restored" shows up within a while: a restore is a read of IndexedDB, not instant. */
async function expectNoRestore(container: HTMLElement) {
  await expect(within(container).findByText('Draft restored', {}, { timeout: 750 })).rejects.toThrow();
}

/** Resolves once the draft of `formId` for `staffId` is stored with `cause` (the write is debounced). */
async function storedDraft(staffId: string, formId: string) {
  let value: unknown;
  await waitFor(async () => {
    value = (await tablet.db.formDraft.get([staffId, formId]))?.value;
    expect(value).toBeDefined();
  });
  return value as Record<string, unknown>;
}

describe('drafts of half-written forms (issue 7)', () => {
  it('a half-written entry is restored after the form goes away and comes back; Discard draft clears it', async () => {
    const user = userEvent.setup();
    const first = renderWithDb(<LogScreen staffId={chan} />, tablet.db);
    await user.click(within(await screen.findByRole('group', { name: 'Kind' })).getByRole('radio', { name: 'Repair' }));
    await user.type(screen.getByRole('textbox', { name: 'Cause' }), 'Lift 3 stuck at 7/F');
    await user.type(screen.getByRole('textbox', { name: 'Location' }), 'Lift lobby');
    // Leaving the screen (another section, or a sign-out) unmounts the form mid-sentence.
    first.unmount();
    expect(await storedDraft(chan, 'log-entry')).toMatchObject({ cause: 'Lift 3 stuck at 7/F', kind: 'repair' });
    expect(await tablet.db.logEntry.count()).toBe(0);

    renderWithDb(<LogScreen staffId={chan} />, tablet.db);
    expect(await screen.findByText('Draft restored')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('Lift 3 stuck at 7/F');
    expect(screen.getByRole('textbox', { name: 'Location' })).toHaveValue('Lift lobby');
    expect(within(screen.getByRole('group', { name: 'Kind' })).getByRole('radio', { name: 'Repair' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('');
    expect(screen.queryByText('Draft restored')).not.toBeInTheDocument();
    await waitFor(async () => expect(await tablet.db.formDraft.count()).toBe(0));
  });

  it('a saved entry leaves no draft behind, and the next entry starts blank', async () => {
    const user = userEvent.setup();
    const first = renderWithDb(<LogScreen staffId={chan} />, tablet.db);
    await user.type(await screen.findByRole('textbox', { name: 'Cause' }), 'Parcel for 12A');
    await storedDraft(chan, 'log-entry');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(await screen.findByText('Entry saved.')).toBeInTheDocument();
    await waitFor(async () => expect(await tablet.db.formDraft.count()).toBe(0));
    first.unmount();

    renderWithDb(<LogScreen staffId={chan} />, tablet.db);
    expect(await screen.findByRole('textbox', { name: 'Cause' })).toHaveValue('');
    await expectNoRestore(document.body);
    expect(await tablet.db.logEntry.count()).toBe(1);
  });

  it('survives a sign-out and sign-in of the same person, and is not shown to another person', async () => {
    const user = userEvent.setup();
    const lee = await seedStaff(tablet, { name: 'Lee Ka Yan' });
    await startDuty(tablet.db, await makeWriteContext(tablet.db, lee), { shiftId: 'day' });
    act(() => useSessionStore.getState().signIn(chan, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    await user.type(await screen.findByRole('textbox', { name: 'Cause' }), 'Smell of gas on 3/F');

    // The idle sign-out (or the Sign out button) ends the session with the entry half-written.
    act(() => useSessionStore.getState().signOut());
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(await storedDraft(chan, 'log-entry')).toMatchObject({ cause: 'Smell of gas on 3/F' });

    // Issue 9: a sign-out forgot the keys; the next person types their PIN.
    await signInByPin(tablet, lee);
    expect(await screen.findByText('Signed in: Lee Ka Yan')).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'Cause' })).toHaveValue('');
    await expectNoRestore(document.body);
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('');
    act(() => useSessionStore.getState().signOut());
    await screen.findByRole('heading', { name: 'Who is signing in?' });

    await signInByPin(tablet, chan);
    expect(await screen.findByText('Draft restored')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Cause' })).toHaveValue('Smell of gas on 3/F');
    // Lee's blank form left nothing; Chan's draft is still the only one.
    expect((await tablet.db.formDraft.toArray()).map((d) => d.staffId)).toEqual([chan]);
  });

  it('a half-written task keeps its text when its dialog is closed and opened again', async () => {
    const user = userEvent.setup();
    renderWithDb(<TasksScreen staffId={chan} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'New task' }));
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Fire door 5/F');
    await user.type(within(dialog).getByRole('textbox', { name: 'Cause' }), 'Does not close by itself');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await storedDraft(chan, 'tasks-new')).toMatchObject({ title: 'Fire door 5/F' });

    await user.click(screen.getByRole('button', { name: 'New task' }));
    const again = await screen.findByRole('dialog', { name: 'New task' });
    expect(await within(again).findByText('Draft restored')).toBeInTheDocument();
    expect(within(again).getByRole('textbox', { name: 'Title' })).toHaveValue('Fire door 5/F');
    expect(within(again).getByRole('textbox', { name: 'Cause' })).toHaveValue('Does not close by itself');
  });

  it('a half-typed loan comes back on the Loans tab after switching screens', async () => {
    const user = userEvent.setup();
    const first = renderWithDb(<ItemsScreen staffId={chan} />, tablet.db);
    await user.click(await screen.findByRole('tab', { name: /^Loans/ }));
    const form = screen.getByRole('form', { name: 'Lend a key or radio' });
    await user.type(within(form).getByRole('textbox', { name: 'Borrower' }), 'ABC Cleaning, Mr Lam');
    await user.type(within(form).getByRole('textbox', { name: 'Contact phone' }), '9123 4567');
    first.unmount();
    expect(await storedDraft(chan, 'register-lend')).toMatchObject({ party: 'ABC Cleaning, Mr Lam' });

    renderWithDb(<ItemsScreen staffId={chan} />, tablet.db);
    await user.click(await screen.findByRole('tab', { name: /^Loans/ }));
    const again = screen.getByRole('form', { name: 'Lend a key or radio' });
    expect(await within(again).findByText('Draft restored')).toBeInTheDocument();
    expect(within(again).getByRole('textbox', { name: 'Borrower' })).toHaveValue('ABC Cleaning, Mr Lam');
    expect(within(again).getByRole('textbox', { name: 'Contact phone' })).toHaveValue('9123 4567');
    expect(await tablet.db.itemMovement.count()).toBe(0);
  });

  it("an amendment's draft belongs to its entry: another entry's form opens blank", async () => {
    const user = userEvent.setup();
    const ctx = await makeWriteContext(tablet.db, chan);
    const duty = await tablet.db.duty.toArray();
    const fields = (cause: string) => ({
      kind: 'help' as const,
      severity: 'routine' as const,
      status: 'open' as const,
      cause,
      process: '',
      result: '',
      party: '',
      contact: '',
      location: '',
      // At the duty's start at the earliest: an earlier time would need a reason (T1).
      occurredAt: Math.max(Date.now() - 60_000, duty[0]?.startedAt ?? 0),
      referredTo: '',
      operationEndedAt: null,
      backdateReason: '',
      channel: null,
      partyType: null,
      unit: '',
      assignedTo: '',
      completedAt: null,
    });
    await createLogEntry(tablet.db, ctx, { dutyId: duty[0]?.id ?? '', fields: fields('Tenant locked out') });
    await createLogEntry(tablet.db, ctx, { dutyId: duty[0]?.id ?? '', fields: fields('Lost wallet') });
    renderWithDb(<LogScreen staffId={chan} />, tablet.db);

    await user.click(await screen.findByRole('button', { name: /Tenant locked out/ }));
    let dialog = await screen.findByRole('dialog', { name: /^Help request, / });
    await user.type(within(dialog).getByRole('textbox', { name: 'Amendment' }), 'Called the tenant manager');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: /Lost wallet/ }));
    dialog = await screen.findByRole('dialog', { name: /^Help request, / });
    await expectNoRestore(dialog);
    expect(within(dialog).getByRole('textbox', { name: 'Amendment' })).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    await user.click(screen.getByRole('button', { name: /Tenant locked out/ }));
    dialog = await screen.findByRole('dialog', { name: /^Help request, / });
    expect(await within(dialog).findByText('Draft restored')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Amendment' })).toHaveValue('Called the tenant manager');
    expect(await tablet.db.logAmendment.count()).toBe(0);
  });
});
