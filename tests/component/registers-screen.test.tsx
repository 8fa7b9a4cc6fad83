import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistersScreen } from '../../src/client/features/registers/registers-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { seedDuty, seedEntry } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

// Two past building days in Hong Kong (UTC+8): 2026-11-02 and 2026-11-03, mid-morning.
const NOV2 = Date.UTC(2026, 10, 2, 2, 0);
const NOV3 = Date.UTC(2026, 10, 3, 2, 0);

let tablet: SeededTablet;
let chan: string;
let wong: string;

beforeEach(async () => {
  tablet = await seedTablet();
  chan = await seedStaff(tablet, { name: 'Chan Tai Man' });
  wong = await seedStaff(tablet, { name: 'Wong Siu Ming' });
  const d1 = (await seedDuty(tablet, chan, NOV2 - 3_600_000)).id;
  const d2 = (await seedDuty(tablet, wong, NOV3 - 3_600_000)).id;
  const repair = { kind: 'repair' as const, severity: 'routine' as const };
  await seedEntry(tablet, chan, d1, { ...repair, cause: '12樓水龍頭漏水', location: '12樓洗手間', occurredAt: NOV2 });
  await seedEntry(tablet, chan, d1, {
    ...repair,
    severity: 'major',
    cause: '2號升降機故障',
    process: '已通知工程部',
    location: '2號升降機',
    occurredAt: NOV2 + 60_000,
  });
  await seedEntry(tablet, wong, d2, {
    ...repair,
    status: 'resolved',
    process: '已更換燈管',
    result: '正常',
    cause: '大堂燈管閃爍',
    location: '大堂',
    occurredAt: NOV3,
  });
  await seedEntry(tablet, wong, d2, {
    kind: 'enquiry',
    severity: 'routine',
    cause: '查詢停車場月票',
    occurredAt: NOV3,
  });
});

const open = (path: string) => {
  window.history.replaceState(null, '', path);
  return renderWithDb(<RegistersScreen />, tablet.db);
};
const causes = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).queryAllByRole('cell')[4]?.textContent);

describe('F2: the repair register with its filters', () => {
  it('F2: lists the repairs only, and filters by each filter, keeping them in the URL', async () => {
    const user = userEvent.setup();
    open('/registers/repairs');
    await screen.findByRole('table');
    expect(causes()).toEqual(['12樓水龍頭漏水', '2號升降機故障', '大堂燈管閃爍']);

    await user.type(screen.getByLabelText('From (day)'), '2026-11-03');
    await waitFor(() => expect(causes()).toEqual(['大堂燈管閃爍']));
    expect(window.location.search).toBe('?from=2026-11-03');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.type(screen.getByLabelText('To (day)'), '2026-11-02');
    await waitFor(() => expect(causes()).toEqual(['12樓水龍頭漏水', '2號升降機故障']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Severity' }), 'Major');
    await waitFor(() => expect(causes()).toEqual(['2號升降機故障']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Resolved');
    await waitFor(() => expect(causes()).toEqual(['大堂燈管閃爍']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Recorded by' }), 'Chan Tai Man');
    await waitFor(() => expect(causes()).toEqual(['12樓水龍頭漏水', '2號升降機故障']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.type(screen.getByRole('textbox', { name: 'Location or unit' }), '大堂');
    await waitFor(() => expect(causes()).toEqual(['大堂燈管閃爍']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Enquiry');
    expect(await screen.findByText('No entry matches these filters.')).toBeInTheDocument();
  });

  it('a reload keeps the filters (they live in the URL)', async () => {
    open('/registers/repairs?status=resolved');
    await screen.findByRole('table');
    expect(causes()).toEqual(['大堂燈管閃爍']);
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('resolved');
  });

  it('a malformed date range gets a message next to the field', async () => {
    open('/registers/repairs?from=2026-11-03&to=2026-11-01&kind=leak');
    const to = await screen.findByLabelText('To (day)');
    await waitFor(() => expect(to).toHaveAccessibleDescription(/This day is before the start of the range/));
    expect(screen.getByRole('combobox', { name: 'Kind' })).toHaveAccessibleDescription(/Not one of the choices/);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('F3: the duty record groups entries under their duty; F1 lists the calls and visits', async () => {
    const user = userEvent.setup();
    open('/registers/duty?location=%E5%A4%A7%E5%A0%82');
    await within(await screen.findByRole('table')).findByText('大堂燈管閃爍');
    // Another register keeps the filters.
    await user.click(screen.getByRole('button', { name: 'Repairs' }));
    await waitFor(() => expect(window.location.pathname).toBe('/registers/repairs'));
    expect(window.location.search).toBe('?location=%E5%A4%A7%E5%A0%82');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.click(screen.getByRole('button', { name: 'Duty record by shift' }));
    const table = await screen.findByRole('table');
    const headings = within(table).getAllByRole('rowheader');
    expect(headings.map((h) => h.textContent)).toEqual([
      expect.stringContaining('Chan Tai Man'),
      expect.stringContaining('Wong Siu Ming'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Calls and visits' }));
    await waitFor(() => expect(window.location.pathname).toBe('/registers/tenants'));
    expect(await within(await screen.findByRole('table')).findByText('查詢停車場月票')).toBeInTheDocument();
  });
});
