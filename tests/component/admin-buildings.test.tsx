/**
 * Issue 10 §1: the admin creates a building of the company (a name the company already has is
 * said beside the field, and nothing typed is lost) and adds a chief or manager to another
 * building they administer; online only, in the admin's name (proof headers), nothing queued.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuildingSummary } from '../../src/domain/api';
import { newId } from '../../src/domain/ids';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { adminFixture, apiError, writes } from './admin-fixtures';
import { fakeEngine, renderWithDb, seedStaff } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('admin: buildings of the company (issue 10 §1)', () => {
  it('creates a building in the admin’s name; an empty name or one the company has is said beside the field, nothing typed is lost', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    let taken = true;
    const created: BuildingSummary = {
      siteId: newId(),
      name: 'Kowloon Bay Tower',
      timeZone: 'Asia/Hong_Kong',
      staffId: newId(),
      role: 'admin',
    };
    f.on('POST /api/v1/admin/buildings', () =>
      taken
        ? apiError(409, 'building_name_taken', { field: 'name' })
        : Response.json({ building: created, serverTime: Date.now() }, { status: 201 }),
    );
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, fakeEngine());

    const form = await screen.findByRole('form', { name: 'Create building' });
    const name = within(form).getByRole('textbox', { name: 'Name of the new building' });
    await user.click(within(form).getByRole('button', { name: 'Create building' }));
    expect(name).toHaveAccessibleDescription(/Name of the new building is required/);
    expect(writes(f.calls)).toEqual([]);

    await user.type(name, 'Kowloon Bay Tower');
    await user.click(within(form).getByRole('button', { name: 'Create building' }));
    expect(await within(form).findByText('A building of the company is already called this.')).toBeVisible();
    expect(name).toHaveAccessibleDescription(/already called this/);
    expect(name).toHaveValue('Kowloon Bay Tower');

    taken = false;
    await user.click(within(form).getByRole('button', { name: 'Create building' }));
    expect(await screen.findByText('Kowloon Bay Tower was created. You are its admin.')).toBeVisible();
    expect(writes(f.calls)).toEqual([
      {
        method: 'POST',
        path: '/api/v1/admin/buildings',
        body: { name: 'Kowloon Bay Tower', timeZone: 'Asia/Hong_Kong' },
        actorId: f.adminId,
        proven: true,
      },
      {
        method: 'POST',
        path: '/api/v1/admin/buildings',
        body: { name: 'Kowloon Bay Tower', timeZone: 'Asia/Hong_Kong' },
        actorId: f.adminId,
        proven: true,
      },
    ]);
    expect(await f.tablet.db.outbox.count()).toBe(0);
  });

  it('adds a manager to another building the admin administers; desk staff have no Buildings button; once she is in every building, nothing is left to add', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const managerId = await seedStaff(f.tablet, { name: 'Leung Mei Ling', role: 'manager', pinTyped: false });
    await seedStaff(f.tablet, { name: 'Chan Ka Yan', role: 'desk', pinTyped: false });
    const other: BuildingSummary = {
      siteId: newId(),
      name: 'Kowloon Bay Tower',
      timeZone: 'Asia/Hong_Kong',
      staffId: newId(),
      role: 'admin',
    };
    const home = {
      siteId: f.tablet.siteId,
      name: 'Harbour',
      timeZone: 'Asia/Hong_Kong',
      staffId: managerId,
      role: 'manager',
    };
    f.on('GET /api/v1/admin/buildings', () =>
      Response.json({ buildings: [{ ...home, staffId: f.adminId, role: 'admin' }, other], serverTime: Date.now() }),
    );
    f.on(`GET /api/v1/admin/staff/${managerId}/buildings`, () =>
      Response.json({ buildings: [home], serverTime: Date.now() }),
    );
    let assigned = false;
    f.on(`POST /api/v1/admin/staff/${managerId}/buildings`, () => {
      if (assigned) return apiError(409, 'already_assigned');
      assigned = true;
      return Response.json(
        { buildings: [home, { ...other, staffId: newId(), role: 'manager' }], serverTime: Date.now() },
        { status: 201 },
      );
    });
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, fakeEngine());

    const staff = await screen.findByRole('region', { name: 'Staff' });
    expect(await within(staff).findByRole('button', { name: 'Buildings of Leung Mei Ling' })).toBeEnabled();
    expect(within(staff).queryByRole('button', { name: 'Buildings of Chan Ka Yan' })).toBeNull();
    await user.click(within(staff).getByRole('button', { name: 'Buildings of Leung Mei Ling' }));
    const dialog = await screen.findByRole('dialog', { name: 'Buildings of Leung Mei Ling' });
    const select = await within(dialog).findByRole('combobox', { name: 'Also in building' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kowloon Bay Tower']);
    await user.click(within(dialog).getByRole('button', { name: 'Add to building' }));
    expect(await within(dialog).findByText('Leung Mei Ling now also works in Kowloon Bay Tower.')).toBeVisible();
    expect(writes(f.calls).filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `/api/v1/admin/staff/${managerId}/buildings`,
        body: { siteId: other.siteId },
        actorId: f.adminId,
        proven: true,
      },
    ]);
    // Every building of the admin's is now one of hers: nothing left to add.
    expect(within(dialog).getByText('There is no other building you administer. Create one first.')).toBeVisible();
  });
});
