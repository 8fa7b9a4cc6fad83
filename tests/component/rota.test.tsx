import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { getSite } from '../../src/client/db/queries';
import { decideSwap, saveRotaShift } from '../../src/client/db/repos/rota-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { RotaScreen } from '../../src/client/features/roster/rota-screen';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

// Typing through user-event is slow on a loaded 2-core runner; give these flows room.
vi.setConfig({ testTimeout: 30_000 });

// A fixed building time: Monday 2030-03-18, 14:00 in Hong Kong (UTC+8). The week shown runs from
// "Mon 03-18" to "Sun 03-24"; the day shift 09:00-18:00 starts at 01:00 UTC.
const NOW = Date.UTC(2030, 2, 18, 6, 0);
const TUESDAY_CELL = 'Tue 03-19, 09:00-18:00';

let tablet: SeededTablet;
let deskId: string;
let subId: string;
let chiefId: string;
let managerId: string;

beforeEach(async () => {
  vi.setSystemTime(NOW);
  tablet = await seedTablet();
  deskId = await seedStaff(tablet, { name: 'Chan Tai Man', role: 'desk' });
  subId = await seedStaff(tablet, { name: 'Ho Ka Yan', role: 'desk' });
  chiefId = await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief' });
  managerId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'manager' });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Rosters `staffId` on the day shift of `day`, as the chief. */
async function roster(staffId: string, day: string) {
  const site = await getSite(tablet.db);
  if (!site) throw new Error('no site');
  const res = await saveRotaShift(
    tablet.db,
    await makeWriteContext(tablet.db, chiefId),
    { staffId, day, shiftId: 'day', note: '' },
    site,
  );
  if (!res.ok) throw new Error('roster refused');
  return res.value;
}

const cell = (name: string) => screen.findByRole('list', { name });
const requests = () => screen.findByRole('region', { name: 'Swap and cover requests' });

describe('rota (S1, S2)', () => {
  it('O1, S2: the section chief adds a person to a day shift of the week', async () => {
    const user = userEvent.setup();
    renderWithDb(<RotaScreen staffId={chiefId} />, tablet.db);
    const form = await screen.findByRole('form', { name: 'Arrange the rota' });
    expect(within(await cell(TUESDAY_CELL)).getByText('Nobody rostered')).toBeInTheDocument();

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Day' }), 'Tue 03-19');
    await user.click(within(form).getByRole('button', { name: 'Add to rota' }));
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Person' })).toHaveAccessibleDescription('Person is required'),
    );

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Person' }), 'Chan Tai Man');
    await user.click(within(form).getByRole('button', { name: 'Add to rota' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Chan Tai Man is rostered on Tue 03-19, 09:00-18:00.',
    );
    expect(await within(await cell(TUESDAY_CELL)).findByText('Chan Tai Man')).toBeInTheDocument();
    const stored = await tablet.db.rotaShift.toArray();
    // S2, T1: 09:00-18:00 in the building's zone.
    expect(stored.map((s) => [s.staffId, s.day, s.startsAt, s.endsAt])).toEqual([
      [deskId, '2030-03-19', Date.UTC(2030, 2, 19, 1), Date.UTC(2030, 2, 19, 10)],
    ]);

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Day' }), 'Tue 03-19');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Person' }), 'Chan Tai Man');
    await user.click(within(form).getByRole('button', { name: 'Add to rota' }));
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Person' })).toHaveAccessibleDescription(
        'This person is already rostered on this shift',
      ),
    );

    await user.click(
      within(await cell(TUESDAY_CELL)).getByRole('button', { name: 'Remove Chan Tai Man from Tue 03-19, 09:00-18:00' }),
    );
    expect(await within(await cell(TUESDAY_CELL)).findByText('Nobody rostered')).toBeInTheDocument();
  });

  it('S1: a cover changes the week view only after the chief confirms AND the manager approves', async () => {
    const user = userEvent.setup();
    await roster(deskId, '2030-03-19');

    // The desk person asks; the rota does not change.
    const desk = renderWithDb(<RotaScreen staffId={deskId} />, tablet.db);
    const form = await screen.findByRole('form', { name: 'Ask for a swap or cover' });
    expect(await within(form).findByRole('combobox', { name: 'My shift' })).toHaveDisplayValue(TUESDAY_CELL);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Substitute' }), 'Ho Ka Yan');
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Medical appointment');
    await user.click(within(form).getByRole('button', { name: 'Send request' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(
      "Request sent. Waiting for the section chief's confirmation.",
    );
    const asked = await within(await requests()).findByRole('listitem');
    expect(asked).toHaveTextContent('Ho Ka Yan covers Chan Tai Man: Tue 03-19, 09:00-18:00');
    expect(asked).toHaveTextContent("Waiting for the section chief's confirmation");
    expect(within(asked).getByRole('button', { name: 'Withdraw' })).toBeInTheDocument();
    expect(within(asked).queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument();
    expect(within(await cell(TUESDAY_CELL)).getByText('Chan Tai Man')).toBeInTheDocument();
    expect(within(await cell(TUESDAY_CELL)).queryByText('Ho Ka Yan')).not.toBeInTheDocument();
    desk.unmount();

    // The section chief confirms; still no change until the manager approves.
    const chief = renderWithDb(<RotaScreen staffId={chiefId} />, tablet.db);
    const toConfirm = await within(await requests()).findByRole('listitem');
    expect(within(toConfirm).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    await user.click(within(toConfirm).getByRole('button', { name: 'Confirm' }));
    expect(
      await within(await requests()).findByText("Waiting for the property office manager's approval"),
    ).toBeInTheDocument();
    expect(within(await cell(TUESDAY_CELL)).getByText('Chan Tai Man')).toBeInTheDocument();
    expect(within(await cell(TUESDAY_CELL)).queryByText('Ho Ka Yan')).not.toBeInTheDocument();
    chief.unmount();

    // The property office manager approves: now the substitute is on the rota, marked covered.
    renderWithDb(<RotaScreen staffId={managerId} />, tablet.db);
    const toApprove = await within(await requests()).findByRole('listitem');
    await user.click(within(toApprove).getByRole('button', { name: 'Approve' }));
    expect(await within(await requests()).findByText('Approved: the rota has changed')).toBeInTheDocument();
    const tuesday = await cell(TUESDAY_CELL);
    expect(await within(tuesday).findByText('Ho Ka Yan')).toBeInTheDocument();
    expect(within(tuesday).getByText('covered')).toBeInTheDocument();
    expect(within(tuesday).queryByText('Chan Tai Man')).not.toBeInTheDocument();
  });

  it("S1: a swap names the substitute's shift; once approved both days show the exchange", async () => {
    const user = userEvent.setup();
    await roster(deskId, '2030-03-19');
    const theirs = await roster(subId, '2030-03-20');
    renderWithDb(<RotaScreen staffId={deskId} />, tablet.db);
    const form = await screen.findByRole('form', { name: 'Ask for a swap or cover' });
    await user.click(within(form).getByRole('radio', { name: 'Swap' }));
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Family event');
    await user.click(within(form).getByRole('button', { name: 'Send request' }));
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Substitute' })).toHaveAccessibleDescription(
        'Substitute is required',
      ),
    );
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Substitute' }), 'Ho Ka Yan');
    expect(within(form).getByRole('combobox', { name: "The substitute's shift I take" })).toHaveDisplayValue(
      'Wed 03-20, 09:00-18:00',
    );
    await user.click(within(form).getByRole('button', { name: 'Send request' }));
    await within(form).findByRole('status');
    const [swap] = await tablet.db.swapRequest.toArray();
    expect(swap?.otherShiftId).toBe(theirs.id);

    // Decided elsewhere (the chief's and the manager's own tablets); this screen follows live.
    const chiefCtx = await makeWriteContext(tablet.db, chiefId);
    await decideSwap(tablet.db, chiefCtx, { swapId: swap?.id ?? '', action: 'confirm', note: '' }, 'chief');
    const managerCtx = await makeWriteContext(tablet.db, managerId);
    await decideSwap(tablet.db, managerCtx, { swapId: swap?.id ?? '', action: 'approve', note: '' }, 'manager');

    const tuesday = await cell(TUESDAY_CELL);
    expect(await within(tuesday).findByText('Ho Ka Yan')).toBeInTheDocument();
    expect(within(tuesday).getByText('swapped')).toBeInTheDocument();
    const wednesday = await cell('Wed 03-20, 09:00-18:00');
    expect(within(wednesday).getByText('Chan Tai Man')).toBeInTheDocument();
    expect(within(wednesday).queryByText('Ho Ka Yan')).not.toBeInTheDocument();
  });

  it('S1: attendance shows a late arrival to superiors, not to desk staff', async () => {
    await roster(deskId, '2030-03-18');
    await tablet.db.duty.put({
      id: newId(),
      siteId: tablet.siteId,
      updatedAt: formatHlc({ wallMs: NOW, counter: 0, node: 'seed' }),
      deleted: false,
      _versions: {},
      staffId: deskId,
      deviceId: tablet.deviceId,
      shiftId: 'day',
      // 09:12 in Hong Kong: twelve minutes after the shift began.
      startedAt: Date.UTC(2030, 2, 18, 1, 12),
      endedAt: null,
      handoverId: null,
    });

    const manager = renderWithDb(<RotaScreen staffId={managerId} />, tablet.db);
    const table = await screen.findByRole('table', { name: 'Attendance' });
    const row = await within(table).findByRole('row', { name: /Chan Tai Man/ });
    expect(row).toHaveTextContent('Mon 03-18, 09:00-18:00');
    expect(row).toHaveTextContent('from 09:12');
    expect(row).toHaveTextContent('Late 12 min');
    manager.unmount();

    renderWithDb(<RotaScreen staffId={deskId} />, tablet.db);
    await screen.findByRole('form', { name: 'Ask for a swap or cover' });
    expect(screen.queryByRole('region', { name: 'Attendance' })).not.toBeInTheDocument();
  });
});
