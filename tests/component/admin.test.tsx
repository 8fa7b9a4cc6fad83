/**
 * Issue 9 §3: staff are added, re-roled, (de)activated and given a new PIN on the server only,
 * through the admin API with the admin's proof headers; the tablet queues nothing and pulls the
 * server's row. PIN length per role (pin.ts pinMinLength) is checked before sending and said beside
 * the field, as is the server's own refusal (weak_pin).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PIN_MAX_ATTEMPTS } from '../../src/domain/pin';
import { signInWithPin } from '../../src/client/db/repos/pin-repo';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { adminFixture, apiError, serverStaff, writes } from './admin-fixtures';
import { fakeEngine, renderWithDb, seedStaff } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('admin: staff, online only (issue 9 §3)', () => {
  it('adds a person on the server with the proof headers; the list shows the row at once, a sync pulls it, nothing is queued', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const created = serverStaff(f.tablet, { name: 'Lee Mei Ling', role: 'chief' });
    f.on('POST /api/v1/admin/staff', () => Response.json({ staff: created, serverTime: Date.now() }, { status: 201 }));
    const engine = fakeEngine();
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, engine);

    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Name is required');
    expect(writes(f.calls)).toEqual([]);

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Lee Mei Ling');
    await user.click(within(form).getByRole('radio', { name: 'Section chief' }));
    expect(within(form).getByLabelText('PIN')).toHaveAccessibleDescription(/Section chief: 6 to 8 digits$/);
    await user.type(within(form).getByLabelText('PIN'), '864213');
    await user.type(within(form).getByLabelText('Confirm PIN'), '864213');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Lee Mei Ling was added on the server.');

    expect(writes(f.calls)).toEqual([
      {
        method: 'POST',
        path: '/api/v1/admin/staff',
        body: { name: 'Lee Mei Ling', role: 'chief', pin: '864213' },
        actorId: f.adminId,
        proven: true,
      },
    ]);
    expect(engine.syncNow).toHaveBeenCalled();
    expect(await f.tablet.db.outbox.count()).toBe(0);
    const list = screen.getByRole('region', { name: 'Staff' });
    expect(within(list).getByRole('button', { name: 'Deactivate Lee Mei Ling' })).toBeEnabled();
    // The form is empty again for the next person.
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('');
  });

  it('a PIN too short for the role is said beside the field with the role minimum, before sending and when the server refuses it (weak_pin)', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    f.on('POST /api/v1/admin/staff', () => apiError(400, 'weak_pin'));
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const form = screen.getByRole('form', { name: 'Add a person' });
    const pin = within(form).getByLabelText('PIN');

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ho Chui Yee');
    await user.click(within(form).getByRole('radio', { name: 'Property office manager' }));
    await user.type(pin, '1234');
    await user.type(within(form).getByLabelText('Confirm PIN'), '1234');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(pin).toHaveAccessibleDescription(/^A PIN for Property office manager has 6 to 8 digits/);
    expect(pin).toHaveFocus();
    expect(writes(f.calls)).toEqual([]);

    // Desk staff need 4 digits: the same PIN is long enough and is sent; the server's refusal shows beside the field.
    await user.click(within(form).getByRole('radio', { name: 'Desk staff' }));
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    await waitFor(() => expect(pin).toHaveAccessibleDescription(/^A PIN for Desk staff has 4 to 8 digits/));
    expect(writes(f.calls).map((c) => [c.method, c.path, c.proven])).toEqual([['POST', '/api/v1/admin/staff', true]]);
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();
    expect(pin).toHaveValue('1234');
  });

  it('deactivates and reactivates a person with PATCH {active}; the admin cannot deactivate or re-role themselves', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const leeId = await seedStaff(f.tablet, { name: 'Lee Mei Ling' });
    let active = true;
    f.on('PATCH /api/v1/admin/staff/' + leeId, (call) => {
      active = (call.body as { active: boolean }).active;
      return Response.json({
        staff: serverStaff(f.tablet, { id: leeId, name: 'Lee Mei Ling', role: 'desk', active }),
        serverTime: Date.now(),
      });
    });
    const engine = fakeEngine();
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, engine);
    const list = screen.getByRole('region', { name: 'Staff' });
    expect(within(list).queryByRole('button', { name: 'Deactivate Wong Siu Ming' })).not.toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Change role of Wong Siu Ming' })).not.toBeInTheDocument();

    await user.click(await within(list).findByRole('button', { name: 'Deactivate Lee Mei Ling' }));
    expect(await within(list).findByRole('status')).toHaveTextContent('Lee Mei Ling was deactivated.');
    expect(within(list).getByRole('button', { name: 'Reactivate Lee Mei Ling' })).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: 'Reactivate Lee Mei Ling' }));
    await waitFor(() => expect(within(list).getByRole('status')).toHaveTextContent('Lee Mei Ling was reactivated.'));

    expect(writes(f.calls)).toEqual([
      {
        method: 'PATCH',
        path: `/api/v1/admin/staff/${leeId}`,
        body: { active: false },
        actorId: f.adminId,
        proven: true,
      },
      {
        method: 'PATCH',
        path: `/api/v1/admin/staff/${leeId}`,
        body: { active: true },
        actorId: f.adminId,
        proven: true,
      },
    ]);
    expect(engine.syncNow).toHaveBeenCalledTimes(2);
    expect(await f.tablet.db.outbox.count()).toBe(0);
  });

  it('changes a role with PATCH {role}, saying that a chief needs a PIN of 6 digits', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const leeId = await seedStaff(f.tablet, { name: 'Lee Mei Ling' });
    f.on('PATCH /api/v1/admin/staff/' + leeId, () =>
      Response.json({
        staff: serverStaff(f.tablet, { id: leeId, name: 'Lee Mei Ling', role: 'chief' }),
        serverTime: Date.now(),
      }),
    );
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    const list = screen.getByRole('region', { name: 'Staff' });
    await user.click(await within(list).findByRole('button', { name: 'Change role of Lee Mei Ling' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role of Lee Mei Ling' });
    await user.click(within(dialog).getByRole('radio', { name: 'Section chief' }));
    expect(dialog).toHaveTextContent('needs a PIN of at least 6 digits');
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    expect(await within(list).findByRole('status')).toHaveTextContent('Lee Mei Ling is now Section chief.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writes(f.calls)).toEqual([
      {
        method: 'PATCH',
        path: `/api/v1/admin/staff/${leeId}`,
        body: { role: 'chief' },
        actorId: f.adminId,
        proven: true,
      },
    ]);
  });

  it('resets a forgotten PIN with POST .../pin, as long as the role needs; the lockout on this tablet is lifted', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const leeId = await seedStaff(f.tablet, { name: 'Lee Mei Ling', pin: '1234' });
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) await signInWithPin(f.tablet.db, leeId, '0000', Date.now());
    f.on(`POST /api/v1/admin/staff/${leeId}/pin`, () => Response.json({ serverTime: Date.now() }));
    const engine = fakeEngine();
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, engine);

    const list = screen.getByRole('region', { name: 'Staff' });
    await user.click(await within(list).findByRole('button', { name: 'Reset PIN for Lee Mei Ling' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset PIN for Lee Mei Ling' });
    const pin = within(dialog).getByLabelText('New PIN');
    expect(pin).toHaveAccessibleDescription('Desk staff: 4 to 8 digits');
    await user.type(pin, '864');
    await user.type(within(dialog).getByLabelText('Confirm new PIN'), '8642');
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }));
    expect(pin).toHaveAccessibleDescription(/^A PIN has 4 to 8 digits/);
    expect(within(dialog).getByLabelText('Confirm new PIN')).toHaveAccessibleDescription(
      'The two PINs are not the same',
    );
    expect(writes(f.calls)).toEqual([]);

    await user.type(pin, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }));
    expect(await within(list).findByRole('status')).toHaveTextContent("Lee Mei Ling's PIN was reset.");
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writes(f.calls)).toEqual([
      {
        method: 'POST',
        path: `/api/v1/admin/staff/${leeId}/pin`,
        body: { pin: '8642' },
        actorId: f.adminId,
        proven: true,
      },
    ]);
    expect(engine.syncNow).toHaveBeenCalled();
    expect(await f.tablet.db.pinAttempts.get(leeId)).toBeUndefined();
    expect(await f.tablet.db.outbox.count()).toBe(0);
  });

  it('creates an enrolment code with the proof headers instead of a claimed actor id, and shows it with its expiry in building time', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    const expiresAt = Date.UTC(2030, 0, 15, 2, 30);
    f.on('POST /api/v1/enrolment-codes', () =>
      Response.json({ code: 'ABCD2345', expiresAt, deviceKind: 'desk' }, { status: 201 }),
    );
    renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db);
    await user.click(screen.getByRole('button', { name: 'Create enrolment code' }));
    const panel = screen.getByRole('region', { name: 'Enrol another tablet' });
    const shown = await within(panel).findByRole('status');
    expect(shown).toHaveTextContent('ABCD-2345');
    // Asia/Hong_Kong is UTC+8.
    expect(shown).toHaveTextContent('Use it once, before 2030-01-15 10:30.');
    expect(writes(f.calls)).toEqual([
      {
        method: 'POST',
        path: '/api/v1/enrolment-codes',
        body: { deviceKind: 'desk' },
        actorId: f.adminId,
        proven: true,
      },
    ]);
  });
});
