import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { navigate } from 'wouter/use-browser-location';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashRecord } from '../../src/domain/chain';
import type { Duty } from '../../src/domain/entities';
import { newId } from '../../src/domain/ids';
import { ReviewScreen } from '../../src/client/features/review/review-screen';
import { useLanguageStore } from '../../src/client/state/language-store';
import { drawSignature, fakeCanvasContext, typePin } from './handover-fixture';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { seedDuty, seedEntry } from './log-fixtures';
import { hk, pulled, pulledHandover } from './review-fixtures';
import type { RecordFields } from '../unit/server/record-fixtures';

vi.setConfig({ testTimeout: 60_000 });

// Wednesday 19 March 2025, 10:00 in Hong Kong. Tuesday 18th is due today; Monday 17th is overdue.
const NOW = hk('2025-03-19T10:00:00');
const DAY = '2025-03-18';

let tablet: SeededTablet;
let chiefId: string;
let chanId: string;
let wongId: string;
let duty: Duty;
let record: RecordFields;
let conflictId: string;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  useLanguageStore.setState({ language: 'en' });
  fakeCanvasContext();
  tablet = await seedTablet();
  chiefId = await seedStaff(tablet, { name: 'Ho Ka Yan', role: 'chief', pin: '7777' });
  chanId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  wongId = await seedStaff(tablet, { name: 'Wong Siu Ming' });
  duty = await seedDuty(tablet, chanId, hk('2025-03-18T08:55:00'));
  const leak = await seedEntry(tablet, chanId, duty.id, {
    kind: 'repair',
    severity: 'routine',
    cause: '12樓洗手間漏水',
    occurredAt: hk('2025-03-18T10:00:00'),
    status: 'referred',
    referredTo: '工程部',
    process: '已通知工程部',
  });
  await seedEntry(tablet, chanId, duty.id, {
    kind: 'enquiry',
    severity: 'routine',
    cause: 'Visitor asked for 18/F',
    occurredAt: hk('2025-03-18T11:00:00'),
    status: 'resolved',
    process: 'Directed',
    result: 'Done',
  });
  const monday = await seedDuty(tablet, wongId, hk('2025-03-17T09:00:00'));
  await seedEntry(tablet, wongId, monday.id, {
    kind: 'enquiry',
    severity: 'routine',
    cause: 'Lift 2 noisy',
    occurredAt: hk('2025-03-17T12:00:00'),
  });
  record = await pulledHandover(
    tablet,
    { outgoing: chanId, incoming: wongId, dutyId: duty.id, dutyStartedAt: duty.startedAt },
    hk('2025-03-18T18:00:00'),
    7,
  );
  await pulled(tablet, 'task', {
    id: newId(),
    kind: 'instruction',
    title: 'Check the fire doors nightly',
    cause: '',
    process: '',
    result: '',
    important: false,
    status: 'open',
    createdBy: chiefId,
    createdAt: hk('2025-03-18T09:30:00'),
    dutyId: null,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
  });
  await pulled(tablet, 'reviewFlag', {
    id: newId(),
    kind: 'clockSkew',
    table: 'logEntry',
    rowId: leak.id,
    field: 'recordedAt',
    deviceId: tablet.deviceId,
    counter: 4,
    actorStaffId: chanId,
    stampedAt: hk('2025-03-18T10:01:00'),
    expectedAt: hk('2025-03-18T13:15:00'),
    receivedAt: hk('2025-03-18T13:15:00'),
    recordedAt: hk('2025-03-18T13:15:00'),
  });
  await pulled(tablet, 'syncError', {
    id: newId(),
    deviceId: tablet.deviceId,
    counter: 5,
    table: 'logEntry',
    rowId: newId(),
    opKind: 'put',
    code: 'validation_failed',
    message: 'H6: cause: required',
    actorStaffId: chanId,
    fields: { kind: 'complaint', cause: '' },
    recordedAt: hk('2025-03-18T14:00:00'),
    issues: [{ path: 'cause', code: 'required' }],
    dismissedAt: null,
    dismissedBy: null,
  });
  conflictId = newId();
  await pulled(tablet, 'conflict', {
    id: conflictId,
    table: 'logEntry',
    rowId: leak.id,
    field: 'result',
    losingValue: 'Washer replaced',
    winningValue: 'Engineering will come tomorrow',
    deviceId: tablet.deviceId,
    counter: 6,
    actorStaffId: wongId,
    recordedAt: hk('2025-03-18T15:00:00'),
  });
  await pulled(tablet, 'dailyReport', {
    id: newId(),
    day: DAY,
    staffId: wongId,
    submittedAt: hk('2025-03-19T00:30:00'),
    figures: { entries: 2, byKind: {}, complaints: 0, repairs: 1, emergencies: 0, discrepancies: 1 } as never,
    remarks: 'Quiet day; the leak is with Engineering',
  });
  await pulled(tablet, 'spotCheck', {
    id: newId(),
    staffId: chiefId,
    checkedAt: hk('2025-03-18T16:00:00'),
    dutyId: duty.id,
    inOrder: false,
    findings: 'Key box left open',
  });
  // Friday the 14th was signed already.
  const friday = await seedDuty(tablet, wongId, hk('2025-03-14T09:00:00'));
  await seedEntry(tablet, wongId, friday.id, {
    kind: 'enquiry',
    severity: 'routine',
    cause: 'Parcel for 3/F',
    occurredAt: hk('2025-03-14T12:00:00'),
  });
});

afterEach(() => {
  // Unmount before the canvas fake goes: a signature pad mounting late would find no 2D context.
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function renderReview(staffId: string, path: string) {
  act(() => navigate(path));
  return renderWithDb(<ReviewScreen staffId={staffId} />, tablet.db);
}

const part = (name: string) => screen.getByRole('region', { name });

describe('O1: the review queue', () => {
  it('lists the building days awaiting review newest first, flags one left more than a working day', async () => {
    renderReview(chiefId, '/review');
    const awaiting = await screen.findByRole('region', { name: 'Days awaiting review' });
    const days = within(awaiting)
      .getAllByRole('button')
      .map((b) => b.textContent ?? '');
    expect(days.map((d) => d.slice(0, 10))).toEqual(['2025-03-18', '2025-03-17', '2025-03-14']);
    expect(days[0]).not.toContain('Overdue');
    expect(days[1]).toContain('Overdue: unreviewed for more than one working day');
    expect(days[0]).toContain('2 entries · 1 count discrepancies · 1 late handovers');
  });

  it('a desk person who opens the review is refused', async () => {
    renderReview(chanId, '/review');
    expect(await screen.findByRole('alert')).toHaveTextContent('The daily review is for the section chief.');
    expect(screen.queryByRole('region', { name: 'Days awaiting review' })).toBeNull();
  });
});

describe('O1: the day under review', () => {
  it('shows its duty records, handovers with lateness, figures, flags, open items, instructions, refusals, conflicts, reports and spot checks', async () => {
    renderReview(chiefId, `/review/${DAY}`);
    expect(await screen.findByRole('heading', { name: `Review of ${DAY}` })).toBeInTheDocument();
    const duties = part('Duty records');
    expect(within(duties).getByText(/Duty of Chan Tai Man/)).toBeInTheDocument();
    expect(within(duties).getByText(/12樓洗手間漏水/)).toBeInTheDocument();
    expect(within(duties).getByText('Referred to 工程部')).toBeInTheDocument();

    const records = part('Handovers, openings and closings');
    expect(within(records).getByText(/Handover · Chan Tai Man → Wong Siu Ming/)).toBeInTheDocument();
    expect(within(records).getByText('Joined 7 min late')).toBeInTheDocument();
    expect(within(records).getByText('1 count discrepancies')).toBeInTheDocument();

    const figures = part('Counts and discrepancies');
    expect(within(figures).getByText('Count discrepancies').nextSibling).toHaveTextContent('1');
    expect(within(figures).getByText('Handovers late').nextSibling).toHaveTextContent('1');

    expect(within(part('Flagged times and desk openings')).getByText(/Time in doubt/)).toBeInTheDocument();
    expect(within(part('Referred matters and open items')).getByText(/12樓洗手間漏水/)).toBeInTheDocument();
    const instructions = part('Instructions not acknowledged');
    expect(within(instructions).getByText('Check the fire doors nightly')).toBeInTheDocument();
    expect(within(instructions).getByText(/Not acknowledged by Wong Siu Ming/)).toBeInTheDocument();
    expect(within(part('Refused changes')).getByRole('listitem')).toHaveTextContent(/Chan Tai Man/);
    const conflict = within(part('Sync conflicts')).getByRole('listitem');
    expect(conflict).toHaveTextContent('Engineering will come tomorrow');
    expect(conflict).toHaveTextContent('Washer replaced');
    expect(within(part('Daily reports')).getByText('Quiet day; the leak is with Engineering')).toBeInTheDocument();
    expect(within(part('Spot checks')).getByText(/Not in order · Key box left open/)).toBeInTheDocument();
  });

  it('the chief resolves a conflict by keeping the losing value: the choice is queued as its own op', async () => {
    const user = userEvent.setup();
    renderReview(chiefId, `/review/${DAY}`);
    const conflicts = await screen.findByRole('region', { name: 'Sync conflicts' });
    await user.click(within(conflicts).getByRole('button', { name: 'Keep that' }));
    expect(
      await within(conflicts).findByText('Resolved: kept “Washer replaced”', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(within(conflicts).queryByRole('button', { name: 'Keep this' })).toBeNull();
    const ops = (await tablet.db.outbox.toArray()).filter((o) => o.table !== 'logEntry' && o.table !== 'task');
    expect(ops.map((o) => [o.table, o.kind, o.fields['conflictId'], o.fields['choice']])).toEqual([
      ['conflictResolution', 'append', conflictId, 'losing'],
    ]);
  });

  it('signing with the PIN and handwriting queues the chained review, and the day shows locked', async () => {
    const user = userEvent.setup();
    renderReview(chiefId, `/review/${DAY}`);
    const sign = await screen.findByRole('region', { name: 'Sign the day' });
    await user.type(within(sign).getByLabelText('Remarks'), 'Checked; chase Engineering');
    await drawSignature(sign, 'Ho Ka Yan');
    await typePin(user, '1234');
    await user.click(within(sign).getByRole('button', { name: 'Sign the day' }));
    expect(await within(sign).findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(
      'Wrong PIN for Ho Ka Yan',
    );
    expect(await tablet.db.dayReview.count()).toBe(0);

    await typePin(user, '7777');
    await user.click(within(sign).getByRole('button', { name: 'Sign the day' }));
    await waitFor(async () => expect(await tablet.db.dayReview.count()).toBe(1), { timeout: 30_000 });
    // The PIN's slow hash, the day's digests and the chain hash take a while on a loaded machine.
    const signed = await screen.findByRole('region', { name: 'Signed review' }, { timeout: 30_000 });
    expect(within(signed).getByText('Signed and locked')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sign the day' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add a correction' })).toBeInTheDocument();

    const [review] = await tablet.db.dayReview.toArray();
    expect(review).toMatchObject({
      day: DAY,
      reviewerId: chiefId,
      correctsId: null,
      note: 'Checked; chase Engineering',
    });
    // The chain: on top of the newest signed record this tablet holds, hashed over its content.
    expect(review?.prevHash).toBe(record.hash);
    const { _versions: _v, ...fields } = review!;
    expect(review?.hash).toBe(await hashRecord(fields));
    expect(review?.records).toEqual([{ id: record.id, hash: record.hash }]);
    expect(review?.entries).toHaveLength(2);
    expect(review?.conflictIds).toEqual([conflictId]);
    expect(review?.figures).toMatchObject({ entries: 2, discrepancies: 1, handoversLate: 1, referred: 1 });
    const ops = (await tablet.db.outbox.toArray()).filter((o) => o.table !== 'logEntry' && o.table !== 'task');
    expect(ops.map((o) => [o.table, o.kind])).toEqual([['dayReview', 'put']]);

    // Back in the queue the day is reviewed.
    await user.click(screen.getByRole('button', { name: 'Back to the queue' }));
    const done = await screen.findByRole('region', { name: 'Reviewed days' });
    await waitFor(() => expect(within(done).getByRole('button', { name: /2025-03-18/ })).toBeInTheDocument());
  });

  it('a day not over yet cannot be signed: the button says why', async () => {
    renderReview(chiefId, '/review/2025-03-19');
    expect(await screen.findByRole('button', { name: 'Sign the day' })).toBeDisabled();
    expect(screen.getByText('This day is not over yet: it can be signed once it has ended.')).toBeInTheDocument();
  });
});
