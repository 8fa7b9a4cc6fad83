/**
 * Issue 9 §6: the admin lists the building's devices (kind, enrolled, last seen in building time,
 * unsynced count, revoked) and revokes one at once after a confirmation that warns, with the count,
 * when it still holds unsynced ops. The device in use is marked and cannot be revoked.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSummary } from '../../src/domain/api';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { adminFixture, apiError, device, writes, type AdminFixture } from './admin-fixtures';
import { renderWithDb } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Serves `devices` on GET and marks one revoked on POST revoke, as the server does. */
function serveDevices(f: AdminFixture, devices: DeviceSummary[]) {
  f.on('GET /api/v1/admin/devices', () => Response.json({ devices, serverTime: Date.now() }));
  for (const d of devices) {
    f.on(`POST /api/v1/admin/devices/${d.id}/revoke`, () => {
      d.revokedAt = Date.UTC(2026, 11, 2, 3, 0);
      return Response.json({ serverTime: Date.now() });
    });
  }
}

const HERE = device({
  name: 'Lobby desk',
  current: true,
  lastSeenAt: Date.UTC(2026, 11, 2, 2, 0),
  pendingOps: 0,
});
const CAR_PARK = () =>
  device({
    name: 'Car park desk',
    createdAt: Date.UTC(2026, 9, 1, 1, 15),
    lastSeenAt: Date.UTC(2026, 11, 1, 23, 40),
    pendingOps: 3,
  });
const OFFICE = () => device({ name: 'Chief’s PC', kind: 'office', pendingOps: null });

describe('admin: devices (issue 9 §6)', () => {
  it('lists each device with its kind, enrolment, last seen in building time and unsynced count; this device has no Revoke', async () => {
    const f = await adminFixture();
    const gone = device({ name: 'Old tablet', revokedAt: Date.UTC(2026, 10, 30, 8, 0), pendingOps: 0 });
    serveDevices(f, [HERE, CAR_PARK(), OFFICE(), gone]);
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const section = screen.getByRole('region', { name: 'Devices' });
    const rows = await within(section).findAllByRole('listitem');
    expect(rows).toHaveLength(4);
    const [here, carPark, office, old] = rows as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];

    expect(here).toHaveTextContent('Lobby desk');
    expect(here).toHaveTextContent('This device');
    expect(here).toHaveTextContent('All changes synced');
    expect(within(here).queryByRole('button')).not.toBeInTheDocument();

    // Asia/Hong_Kong is UTC+8: 23:40 UTC on 1 December is 07:40 on 2 December. The building's zone
    // arrives with the site row read from IndexedDB, which may come after the list (T1).
    expect(carPark).toHaveTextContent('Desk tablet');
    await waitFor(() => expect(carPark).toHaveTextContent('Enrolled 2026-10-01 09:15'));
    expect(carPark).toHaveTextContent('Last seen 2026-12-02 07:40');
    expect(carPark).toHaveTextContent('3 changes not yet synced');
    expect(within(carPark).getByRole('button', { name: 'Revoke Car park desk' })).toBeEnabled();

    expect(office).toHaveTextContent('Office device');
    expect(office).toHaveTextContent('Not seen since enrolment');
    expect(office).not.toHaveTextContent('synced');

    expect(old).toHaveTextContent('Revoked 2026-11-30 16:00');
    expect(within(old).queryByRole('button')).not.toBeInTheDocument();

    expect(f.calls.map((c) => [c.method, c.path, c.actorId, c.proven])).toEqual([
      ['GET', '/api/v1/admin/devices', f.adminId, true],
    ]);
  });

  it('revoking a device that holds unsynced ops warns with the count, and after confirming the list shows it revoked', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const carPark = CAR_PARK();
    serveDevices(f, [HERE, carPark]);
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const section = screen.getByRole('region', { name: 'Devices' });
    await user.click(await within(section).findByRole('button', { name: 'Revoke Car park desk' }));

    const dialog = screen.getByRole('dialog', { name: 'Revoke Car park desk?' });
    expect(dialog).toHaveTextContent('Car park desk stops syncing at once');
    expect(dialog).toHaveTextContent('Warning: Car park desk still holds 3 changes not yet on the server.');
    // Keeping it sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writes(f.calls)).toEqual([]);

    await user.click(within(section).getByRole('button', { name: 'Revoke Car park desk' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Revoke Car park desk?' })).getByRole('button', {
        name: 'Revoke device',
      }),
    );
    expect(await within(section).findByRole('status')).toHaveTextContent('Car park desk was revoked.');
    await waitFor(() =>
      expect(within(section).getAllByRole('listitem')[1]).toHaveTextContent('Revoked 2026-12-02 11:00'),
    );
    expect(within(section).queryByRole('button', { name: 'Revoke Car park desk' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writes(f.calls)).toEqual([
      {
        method: 'POST',
        path: `/api/v1/admin/devices/${carPark.id}/revoke`,
        body: {},
        actorId: f.adminId,
        proven: true,
      },
    ]);
  });

  it("a device with no unsynced ops known is confirmed without the warning; the server's refusal (409) stays in the dialog", async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const office = OFFICE();
    serveDevices(f, [HERE, office]);
    f.on(`POST /api/v1/admin/devices/${office.id}/revoke`, () => apiError(409, 'conflict'));
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const section = screen.getByRole('region', { name: 'Devices' });
    await user.click(await within(section).findByRole('button', { name: 'Revoke Chief’s PC' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke Chief’s PC?' });
    expect(dialog).not.toHaveTextContent('Warning');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke device' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This device is the one you are using');
  });
});
