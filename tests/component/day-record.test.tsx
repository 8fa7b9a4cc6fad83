import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Duty, LogEntry, LogEntryFields } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { App } from '../../src/client/app';
import { startDuty } from '../unit/client/duty-fixture';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { DayRecordScreen } from '../../src/client/features/log/day-record';
import { useSessionStore } from '../../src/client/state/session-store';
import { fakeEngine, renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

// The building is in Hong Kong (UTC+8, no daylight saving): helpers' SITE_SETTINGS.
const hk = (local: string) => new Date(`${local}+08:00`).getTime();
const NOW = hk('2025-03-15T20:00:00');

let tablet: SeededTablet;
let chanId: string;
let leeId: string;
let nightDuty: Duty;

const base: Omit<LogEntryFields, 'kind' | 'cause' | 'occurredAt'> = {
  severity: 'routine',
  status: 'open',
  process: '',
  result: '',
  party: '',
  contact: '',
  location: 'Lobby',
  referredTo: '',
  operationEndedAt: null,
  backdateReason: '',
  channel: null,
  partyType: null,
  unit: '',
  assignedTo: '',
  completedAt: null,
};

/** A row as a pull from another tablet leaves it: written there, synced here. */
async function pulledDuty(staffId: string, startedAt: number, endedAt: number | null): Promise<Duty> {
  const duty: Duty = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: startedAt, counter: 0, node: 'other-tablet' }),
    deleted: false,
    staffId,
    deviceId: newId(),
    shiftId: null,
    handoverId: null,
    startedAt,
    endedAt,
  };
  await tablet.db.duty.put({ ...duty, _versions: {} });
  return duty;
}

async function pulledEntry(
  dutyId: string,
  staffId: string,
  fields: Pick<LogEntryFields, 'kind' | 'cause' | 'occurredAt'> & Partial<LogEntryFields>,
): Promise<LogEntry> {
  const entry: LogEntry = {
    ...base,
    ...fields,
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: fields.occurredAt, counter: 0, node: 'other-tablet' }),
    deleted: false,
    dutyId,
    staffId,
    recordedAt: fields.occurredAt,
    deviceTime: fields.occurredAt,
  };
  await tablet.db.logEntry.put({ ...entry, _versions: {} });
  return entry;
}

beforeEach(async () => {
  // Only Date is faked: "today" in the building is fixed, while IndexedDB and timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(hk('2025-03-15T09:00:00'));
  tablet = await seedTablet();
  chanId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  leeId = await seedStaff(tablet, { name: 'Lee Siu Ming' });
  // Chan starts the day duty on this tablet at 09:00 and writes two entries during the day.
  const dayDuty = await startDuty(tablet.db, await makeWriteContext(tablet.db, chanId), { shiftId: 'day' });
  vi.setSystemTime(NOW);
  const ctx = await makeWriteContext(tablet.db, chanId);
  for (const fields of [
    { ...base, kind: 'complaint', cause: 'Noise from renovation', occurredAt: hk('2025-03-15T10:15:00') },
    {
      ...base,
      kind: 'repair',
      status: 'resolved',
      cause: 'Lobby light flickering',
      process: 'Replaced the tube',
      result: 'Light works',
      occurredAt: hk('2025-03-15T14:00:00'),
    },
  ] satisfies LogEntryFields[]) {
    expect((await createLogEntry(tablet.db, ctx, { dutyId: dayDuty.id, fields })).ok).toBe(true);
  }
  // Lee's night duty on another tablet, 14 March 18:00 to 15 March 09:00 (building time).
  nightDuty = await pulledDuty(leeId, hk('2025-03-14T18:00:00'), hk('2025-03-15T09:00:00'));
  // 23:30 in Hong Kong is 15:30 UTC on the 14th: the building's 14 March.
  await pulledEntry(nightDuty.id, leeId, {
    kind: 'anomaly',
    cause: 'Water leak in car park B2',
    occurredAt: hk('2025-03-14T23:30:00'),
  });
  // 00:30 in Hong Kong is 16:30 UTC, still the 14th in UTC, but the building's 15 March.
  await pulledEntry(nightDuty.id, leeId, {
    kind: 'enquiry',
    cause: 'Late visitor signed in',
    occurredAt: hk('2025-03-15T00:30:00'),
  });
  // An entry whose duty has not reached this tablet (yet).
  await pulledEntry(newId(), leeId, {
    kind: 'enquiry',
    cause: 'Courier asked for 18/F',
    occurredAt: hk('2025-03-15T12:00:00'),
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const list = (name: RegExp | string) => screen.getByRole('list', { name });
const causesIn = (name: RegExp | string) =>
  within(list(name))
    .getAllByRole('button')
    .map((b) => b.querySelector('.record-line')?.textContent);
const dayInput = () => screen.getByLabelText('Day');

async function renderDay() {
  renderWithDb(<DayRecordScreen staffId={chanId} />, tablet.db);
  await screen.findByRole('heading', { name: 'Record by day' });
  await screen.findByRole('list', { name: /^Chan Tai Man/ });
}

describe('record by day (F3, D5, H9)', () => {
  it('F3/H9: shows every duty of the building day, each under its person, newest first; "Other" for an unknown duty', async () => {
    await renderDay();
    expect(dayInput()).toHaveValue('2025-03-15');
    expect(screen.getByRole('button', { name: 'Next day' })).toBeDisabled();

    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual([
      'Chan Tai Man, from 09:00, still on duty',
      'Lee Siu Ming, 2025-03-14 18:00–09:00',
      'Other',
    ]);
    expect(causesIn(/^Chan Tai Man/)).toEqual(['Lobby light flickering', 'Noise from renovation']);
    expect(causesIn(/^Lee Siu Ming/)).toEqual(['Late visitor signed in']);
    expect(causesIn('Other')).toEqual(['Courier asked for 18/F']);
    expect(screen.getByText('4 entries')).toBeInTheDocument();
  });

  it('T1: the day boundary is midnight in the building zone (Asia/Hong_Kong), not UTC or the tablet zone', async () => {
    const user = userEvent.setup();
    await renderDay();
    // 23:30 HK on the 14th (15:30 UTC) is not on the 15th; 00:30 HK on the 15th (16:30 UTC on the 14th) is.
    expect(screen.queryByRole('button', { name: /Water leak in car park B2/ })).not.toBeInTheDocument();
    expect(within(list(/^Lee Siu Ming/)).getByRole('button', { name: /00:30.*Late visitor signed in/ })).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Previous day' }));
    await waitFor(() => expect(dayInput()).toHaveValue('2025-03-14'));
    const lee = await screen.findByRole('list', { name: /^Lee Siu Ming/ });
    expect(await within(lee).findByRole('button', { name: /23:30.*Water leak in car park B2/ })).toBeVisible();
    expect(screen.queryByRole('button', { name: /Late visitor signed in/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: /^Chan Tai Man/ })).not.toBeInTheDocument();
    expect(screen.getByText('1 entry')).toBeInTheDocument();

    // Back to today; the date input reaches any earlier day, and never a future one.
    await user.click(screen.getByRole('button', { name: 'Next day' }));
    await screen.findByRole('list', { name: /^Chan Tai Man/ });
    expect(screen.getByRole('button', { name: 'Next day' })).toBeDisabled();
    fireEvent.change(dayInput(), { target: { value: '2025-03-13' } });
    expect(await screen.findByText('No entries on this day.')).toBeInTheDocument();
    fireEvent.change(dayInput(), { target: { value: '2025-03-16' } });
    expect(dayInput()).toHaveValue('2025-03-13');
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(dayInput()).toHaveValue('2025-03-15'));
  });

  it('the kind, severity and status filters narrow the whole day', async () => {
    const user = userEvent.setup();
    await renderDay();
    const group = (name: string) => screen.getByRole('group', { name });

    await user.click(within(group('Filter by kind')).getByRole('radio', { name: 'Enquiry' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: /^Chan Tai Man/ })).not.toBeInTheDocument());
    expect(causesIn(/^Lee Siu Ming/)).toEqual(['Late visitor signed in']);
    expect(causesIn('Other')).toEqual(['Courier asked for 18/F']);

    await user.click(within(group('Filter by kind')).getByRole('radio', { name: 'All' }));
    await user.click(within(group('Filter by status')).getByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: /^Lee Siu Ming/ })).not.toBeInTheDocument());
    expect(causesIn(/^Chan Tai Man/)).toEqual(['Lobby light flickering']);
    expect(screen.queryByRole('list', { name: 'Other' })).not.toBeInTheDocument();

    await user.click(within(group('Filter by severity')).getByRole('radio', { name: 'Major' }));
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });

  it('live: an entry pulled from another tablet appears under its duty without a reload', async () => {
    await renderDay();
    const hoId = await seedStaff(tablet, { name: 'Ho Ka Yan' });
    const hoDuty = await pulledDuty(hoId, hk('2025-03-15T12:00:00'), null);
    await act(async () => {
      await pulledEntry(hoDuty.id, hoId, {
        kind: 'help',
        cause: 'Wheelchair to lift 3',
        occurredAt: hk('2025-03-15T15:00:00'),
      });
    });
    const ho = await screen.findByRole('list', { name: 'Ho Ka Yan, from 12:00, still on duty' });
    expect(within(ho).getByRole('button', { name: /Wheelchair to lift 3/ })).toBeVisible();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.split(',')[0])).toEqual([
      'Ho Ka Yan',
      'Chan Tai Man',
      'Lee Siu Ming',
      'Other',
    ]);
  });

  it("D5: tapping another person's entry opens its detail, where an amendment is appended", async () => {
    const user = userEvent.setup();
    await renderDay();
    await user.click(within(list(/^Lee Siu Ming/)).getByRole('button', { name: /Late visitor signed in/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Enquiry, 2025-03-15 00:30' });
    expect(within(dialog).getByText(/^Recorded by Lee Siu Ming/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Amendment' }), 'Visitor left at 01:10');
    await user.click(within(dialog).getByRole('button', { name: 'Add amendment' }));
    const amendments = within(dialog).getByRole('list', { name: 'Amendments' });
    expect(await within(amendments).findByText('Visitor left at 01:10')).toBeInTheDocument();
    expect(within(amendments).getByRole('listitem')).toHaveTextContent('Chan Tai Man');
  });

  it('is reachable from the header next to "Duty record", for desk staff too', async () => {
    const user = userEvent.setup();
    act(() => useSessionStore.getState().signIn(leeId, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((b) => b.textContent),
    ).toEqual(['Duty record', 'Handover', 'Pending', 'Items', 'Rota', 'Record by day']);
    await user.click(within(nav).getByRole('link', { name: 'Record by day' }));
    expect(await screen.findByRole('heading', { name: 'Record by day' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Record by day' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('list', { name: /^Chan Tai Man/ })).toBeInTheDocument();
    await user.click(within(nav).getByRole('link', { name: 'Duty record' }));
    // H3: one duty at a time: Chan's is open, so Lee's duty record says so rather than start another.
    expect(await screen.findByRole('heading', { name: 'Chan Tai Man is on duty' })).toBeInTheDocument();
  });
});
