import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/domain/entities';
import { submitDailyReport } from '../../src/client/db/repos/report-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { SectionRoutes } from '../../src/client/section-routes';
import { computeDayFigures } from '../../src/domain/day-figures';
import { A, AMENDMENTS, B, C, ENTRIES, ESCALATIONS, hk, RECORDS } from '../unit/domain/report-fixtures';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let deskId: string;
let chiefId: string;

/** The fixed data set's rows, as pulls from other tablets leave them on this one. */
async function seedDay() {
  const template = (await tablet.db.staff.get(deskId))!;
  for (const [id, name] of [
    [A, '李嘉欣'],
    [B, '張偉明'],
    [C, '何翠儀'],
  ] as const) {
    await tablet.db.staff.put({ ...template, id, name });
  }
  await tablet.db.logEntry.bulkPut(ENTRIES.map((e) => ({ ...e, _versions: {} })));
  await tablet.db.logAmendment.bulkPut(
    AMENDMENTS.map((a) => ({
      ...a,
      siteId: tablet.siteId,
      updatedAt: ENTRIES[0]!.updatedAt,
      staffId: A,
      text: 'x',
      deviceTime: a.recordedAt,
      _versions: {},
    })),
  );
  await tablet.db.handoverRecord.bulkPut(RECORDS.map((r) => ({ ...r, _versions: {} })));
  await tablet.db.escalation.bulkPut(ESCALATIONS.map((e) => ({ ...e, _versions: {} })));
}

function open(path: string, staffId: string, role: Role) {
  window.history.replaceState(null, '', path);
  return renderWithDb(
    <Suspense fallback={null}>
      <SectionRoutes staffId={staffId} role={role} />
    </Suspense>,
    tablet.db,
  );
}

beforeEach(async () => {
  // Only Date is faked: "today" in the building is 16 March 2025, 09:00 in Hong Kong.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(hk('2025-03-16T09:00'));
  tablet = await seedTablet();
  deskId = await seedStaff(tablet, { name: '劉子軒', role: 'desk' });
  chiefId = await seedStaff(tablet, { name: '陳國華', role: 'chief' });
  await seedDay();
});

afterEach(() => {
  vi.useRealTimers();
  tablet.db.close();
});

const figureCell = (table: HTMLElement, label: string) =>
  within(within(table).getByRole('row', { name: new RegExp(`^${label}`) })).getByRole('cell');

describe('O2: the daily report', () => {
  it('shows the figures and lists generated from the day’s rows, and submits with remarks', async () => {
    open('/reports/day/2025-03-14', deskId, 'desk');
    const figures = await screen.findByRole('table', { name: 'Figures of the day' });
    await waitFor(() => expect(figureCell(figures, 'Entries').textContent).toBe('5'));
    expect(figureCell(figures, 'Complaints').textContent).toBe('2');
    expect(figureCell(figures, 'Count discrepancies').textContent).toBe('2');
    expect(figureCell(figures, 'Handovers on time').textContent).toBe('1');
    expect(figureCell(figures, 'Handovers late').textContent).toBe('1');
    expect(figureCell(figures, 'Escalations').textContent).toBe('2');
    // H1: the list behind the figure says who was late, by how much.
    const records = screen.getByRole('list', { name: 'Handovers, openings and closings' });
    expect(within(records).getByText('Handover at 09:10: 何翠儀 to 李嘉欣 · joined 7 min late')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Referred and open items' })).toHaveTextContent('referred to Engineering');

    await userEvent.type(screen.getByRole('textbox', { name: 'Remarks' }), '冷氣機漏水已轉介工程部');
    await userEvent.click(screen.getByRole('button', { name: 'Submit the report' }));
    expect(await screen.findByText(/You submitted the report of this day at/)).toBeInTheDocument();
    const [report] = await tablet.db.dailyReport.toArray();
    expect(report).toMatchObject({ day: '2025-03-14', staffId: deskId, remarks: '冷氣機漏水已轉介工程部' });
    expect(report!.figures).toMatchObject({ entries: 5, handoversLate: 1, discrepancies: 2 });
    expect(await tablet.db.outbox.where('table').equals('dailyReport').count()).toBe(1);
    // The submitted report is listed with its remarks, and the form does not come back.
    expect(screen.getByRole('list', { name: 'Submitted reports' })).toHaveTextContent('劉子軒');
    expect(screen.queryByRole('button', { name: 'Submit the report' })).not.toBeInTheDocument();
  });

  it('a day not over yet cannot be submitted: it says from when', async () => {
    open('/reports/day/2025-03-16', deskId, 'desk');
    expect(
      await screen.findByText('This day is not over yet: its report can be submitted from 2025-03-17 00:00.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit the report' })).not.toBeInTheDocument();
  });

  it('says so for a malformed day in the URL', async () => {
    open('/reports/day/2025-02-30', deskId, 'desk');
    expect(await screen.findByRole('alert')).toHaveTextContent('"2025-02-30" is not a day.');
  });
});

describe('O2: the report repository (the same rules as the server)', () => {
  const figures = computeDayFigures({ entries: [], records: [], escalations: [] }, 5);
  const input = (day: string) => ({ day, timeZone: 'Asia/Hong_Kong', figures, remarks: '' });

  it('refuses a day not over yet and a second report by the same person; nothing is queued', async () => {
    const ctx = await makeWriteContext(tablet.db, deskId);
    expect(await submitDailyReport(tablet.db, ctx, input('2025-03-16'))).toMatchObject({
      ok: false,
      errors: { code: 'day_not_over' },
    });
    expect((await submitDailyReport(tablet.db, ctx, input('2025-03-15'))).ok).toBe(true);
    expect(await submitDailyReport(tablet.db, ctx, input('2025-03-15'))).toMatchObject({
      ok: false,
      errors: { code: 'rule_violation', issues: [{ path: 'day', code: 'alreadySubmitted' }] },
    });
    const chief = await makeWriteContext(tablet.db, chiefId);
    expect((await submitDailyReport(tablet.db, chief, input('2025-03-15'))).ok).toBe(true);
    expect(await tablet.db.outbox.where('table').equals('dailyReport').count()).toBe(2);
  });
});

describe('O3: per-person figures', () => {
  it('are refused to a desk person who opens the URL, with a message', async () => {
    open('/reports/people/2025-03', deskId, 'desk');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Per-person figures are for the section chief and the manager only.',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('show the chief each person’s month, with print and CSV export', async () => {
    open('/reports/people/2025-03', chiefId, 'chief');
    const table = await screen.findByRole('table', { name: 'Per-person figures: 2025-03' });
    const row = await within(table).findByRole('row', { name: /^張偉明/ });
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // Joined on time 1, closings 1, discrepancies 2, entries 2, escalations 1, resolved 2, median 50 min.
    expect(cells).toEqual(['1', '0', '0', '0', '0', '1', '2', '2', '1', '2', '50']);
    expect(screen.getByRole('button', { name: 'Print' })).toBeEnabled();
    // The CSV is built on the tablet: UTF-8 with a BOM, headed in the reader's language.
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (b: Blob) => (blobs.push(b), 'blob:people'),
      revokeObjectURL() {},
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledOnce();
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Person,Handovers joined on time,');
    expect(text).toContain('\r\n張偉明,1,0,0,0,0,1,2,2,1,2,50\r\n');
    click.mockRestore();
    vi.unstubAllGlobals();
  });
});

describe('O2: week and month charts', () => {
  it('load in their own chunk, beside a table and a summary of the same figures', async () => {
    // jsdom has no matchMedia, which uPlot reads on load; it has no canvas either, which the chart says.
    vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
    open('/reports', chiefId, 'chief');
    const table = await screen.findByRole('table', { name: 'The figures of each day' });
    const day = within(table).getByRole('row', { name: /^2025-03-14/ });
    expect(
      within(day)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '2', '1', '1', '1', '1', '2']);
    expect(screen.getByText(/^7 days: 5 entries \(2 complaints, 1 repairs, 1 emergencies\)/)).toBeInTheDocument();
    expect(await screen.findByRole('figure', { name: 'Entries per day by kind' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Handovers on time and late' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Count discrepancies per day' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'The figures of each day' })).getAllByRole('row')).toHaveLength(
        31,
      ),
    );
    vi.unstubAllGlobals();
  });
});
