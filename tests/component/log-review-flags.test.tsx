import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Duty, LogEntry, ReviewFlag } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { DayRecordScreen } from '../../src/client/features/log/day-record';
import { useLanguageStore } from '../../src/client/state/language-store';
import { useUiStore } from '../../src/client/state/ui-store';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { DutyRecordParts, seedDuty, seedEntry } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

// The building is in Hong Kong (UTC+8); only Date is faked, so IndexedDB and timers run as usual.
const hk = (local: string) => new Date(`${local}+08:00`).getTime();
const NOW = hk('2025-03-15T20:00:00');

let tablet: SeededTablet;
let chanId: string;
let leeId: string;
let duty: Duty;
let parcel: LogEntry;

/** A flag as the server writes it and a pull leaves it here. */
async function pulledFlag(
  over: Partial<ReviewFlag> & Pick<ReviewFlag, 'kind' | 'table' | 'rowId'>,
): Promise<ReviewFlag> {
  const flag: ReviewFlag = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: NOW, counter: 0, node: 'server' }),
    deleted: false,
    field: 'recordedAt',
    deviceId: tablet.deviceId,
    counter: 7,
    actorStaffId: chanId,
    stampedAt: null,
    expectedAt: null,
    receivedAt: NOW,
    recordedAt: NOW,
    ...over,
  };
  await tablet.db.reviewFlag.put({ ...flag, _versions: {} });
  return flag;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  tablet = await seedTablet();
  chanId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  leeId = await seedStaff(tablet, { name: 'Lee Siu Ming' });
  duty = await seedDuty(tablet, chanId, hk('2025-03-15T09:03:00'));
  parcel = await seedEntry(tablet, chanId, duty.id, {
    kind: 'enquiry',
    severity: 'routine',
    cause: 'Courier asked for 18/F',
    occurredAt: hk('2025-03-15T10:00:00'),
  });
  await seedEntry(tablet, chanId, duty.id, {
    kind: 'enquiry',
    severity: 'routine',
    cause: 'Visitor asked for the toilets',
    occurredAt: hk('2025-03-15T11:00:00'),
  });
  // T1: the tablet stamped the entry 10:02; the server received it at 13:15 and could not vouch for it.
  await pulledFlag({
    kind: 'clockSkew',
    table: 'logEntry',
    rowId: parcel.id,
    stampedAt: hk('2025-03-15T10:02:00'),
    expectedAt: hk('2025-03-15T13:15:00'),
    receivedAt: hk('2025-03-15T13:15:00'),
    recordedAt: hk('2025-03-15T13:15:00'),
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the server’s flags on a record (T1)', () => {
  it('T1: an entry whose time is in doubt says so in the list and, with both times, in its detail', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={chanId} />, tablet.db);
    const list = await screen.findByRole('list', { name: "This duty's entries" });
    const flagged = await within(list).findByRole('button', { name: /Time in doubt.*Courier asked for 18\/F/ });
    expect(within(list).getByRole('button', { name: /Visitor asked for the toilets/ })).not.toHaveTextContent(
      'Time in doubt',
    );
    await user.click(flagged);
    const dialog = await screen.findByRole('dialog', { name: 'Enquiry, 2025-03-15 10:00' });
    expect(await within(dialog).findByText('Time in doubt: stamped 10:02, server received 13:15')).toBeVisible();

    // The same words in the building's other languages.
    act(() => useLanguageStore.getState().setLanguage('zh-Hant'));
    expect(await within(dialog).findByText('時間存疑：記錄時間 10:02，伺服器收到時間 13:15')).toBeVisible();
    act(() => useLanguageStore.getState().setLanguage('zh-Hans'));
    expect(await within(dialog).findByText('时间存疑：记录时间 10:02，服务器收到时间 13:15')).toBeVisible();
  });
});

describe('times in doubt for the section chief (T1, H3, O1)', () => {
  it("T1/H3: a chief sees the day's flags and desk openings in Record by day, each opening its record", async () => {
    const user = userEvent.setup();
    const chiefId = await seedStaff(tablet, { name: 'Wong Mei Ling', role: 'chief' });
    const openingId = newId();
    await pulledFlag({
      kind: 'deskOpened',
      table: 'handoverRecord',
      rowId: openingId,
      field: '',
      actorStaffId: leeId,
      stampedAt: hk('2025-03-15T09:03:00'),
      receivedAt: hk('2025-03-15T09:04:00'),
      recordedAt: hk('2025-03-15T09:04:00'),
    });
    // A flag raised the day before is not this day's; its stamp, 3 days off, shows its date.
    await pulledFlag({
      kind: 'clockBackwards',
      table: 'logEntry',
      rowId: parcel.id,
      stampedAt: hk('2025-03-11T17:00:00'),
      receivedAt: hk('2025-03-14T18:00:00'),
      recordedAt: hk('2025-03-14T18:00:00'),
    });
    renderWithDb(<DayRecordScreen staffId={chiefId} />, tablet.db);
    const section = await screen.findByRole('region', { name: 'Times in doubt' });
    const flags = within(section).getByRole('list', { name: 'Times in doubt' });
    const rows = await within(flags).findAllByRole('button');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Desk opened by Lee Siu Ming at 09:03 without a handoverSigned record',
      'Time in doubt: stamped 10:02, server received 13:15Duty record entry: Courier asked for 18/F · Chan Tai Man',
    ]);

    // The entry opens here; the opening record opens in the handover section.
    await user.click(within(flags).getByRole('button', { name: /server received 13:15/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Enquiry, 2025-03-15 10:00' });
    expect(await within(dialog).findByText('Time in doubt: stamped 10:02, server received 13:15')).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(within(flags).getByRole('button', { name: /Desk opened by Lee Siu Ming/ }));
    expect(window.location.pathname).toBe('/handover');
    expect(useUiStore.getState().focus).toEqual({ table: 'handoverRecord', id: openingId });

    // The day before holds its own flag only.
    await user.click(screen.getByRole('button', { name: 'Previous day' }));
    expect(
      await within(flags).findByRole('button', {
        name: /^Time in doubt: stamped 2025-03-11 17:00, server received 18:00/,
      }),
    ).toBeVisible();
    expect(within(flags).getAllByRole('button')).toHaveLength(1);
  });

  it('T1: desk staff see no "Times in doubt" section; a day without flags says so to the chief', async () => {
    const { unmount } = renderWithDb(<DayRecordScreen staffId={chanId} />, tablet.db);
    await screen.findByRole('list', { name: /^Chan Tai Man/ });
    expect(screen.queryByRole('heading', { name: 'Times in doubt' })).not.toBeInTheDocument();
    unmount();

    const managerId = await seedStaff(tablet, { name: 'Ho Ka Yan', role: 'manager' });
    await tablet.db.reviewFlag.clear();
    renderWithDb(<DayRecordScreen staffId={managerId} />, tablet.db);
    const section = await screen.findByRole('region', { name: 'Times in doubt' });
    expect(await within(section).findByText('Nothing was flagged on this day.')).toBeVisible();
  });
});
