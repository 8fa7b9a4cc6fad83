import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PIN_MAX_ATTEMPTS } from '../../src/domain/pin';
import { signInWithPin } from '../../src/client/db/repos/pin-repo';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { renderWithDb, seedStaff, seedTablet, SITE_SETTINGS } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

/** The network is down for every test here: these are local writes that sync later. */
function offline() {
  const fetchMock = vi.fn(async () => {
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openAdmin() {
  const tablet = await seedTablet();
  const adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
  renderWithDb(<AdminScreen staffId={adminId} />, tablet.db);
  const form = await screen.findByRole('form', { name: 'Building settings' });
  return { tablet, adminId, form };
}

describe('admin: building settings (S2 shifts, H1 lead times, idle sign-out)', () => {
  it('S2: a night shift 18:00-09:00 and a new idle time are saved offline as one patch of only those fields', async () => {
    const user = userEvent.setup();
    const fetchMock = offline();
    const { tablet, form } = await openAdmin();
    expect(within(form).getByRole('textbox', { name: 'Building name' })).toHaveValue('Harbour View Tower');
    expect(within(form).getByRole('combobox', { name: 'Time zone' })).toHaveValue('Asia/Hong_Kong');
    expect(within(form).getByRole('spinbutton', { name: 'Incoming lead time (minutes)' })).toHaveValue(5);
    expect(within(form).getByRole('spinbutton', { name: 'Outgoing lead time (minutes)' })).toHaveValue(15);
    // The only shift cannot be removed: at least one must remain.
    expect(within(form).queryByRole('button', { name: 'Remove shift 1' })).not.toBeInTheDocument();

    const idle = within(form).getByRole('spinbutton', { name: 'Idle sign-out (minutes)' });
    await user.clear(idle);
    await user.type(idle, '20');
    await user.click(within(form).getByRole('button', { name: 'Add a shift' }));
    const night = within(form).getByRole('group', { name: 'Shift 2' });
    // A new shift starts at the normal duty hours (S2) and still needs a name.
    expect(within(night).getByLabelText('Start')).toHaveValue('09:00');
    expect(within(night).getByLabelText('End')).toHaveValue('18:00');
    await user.type(within(night).getByRole('textbox', { name: 'Name' }), 'Night');
    await user.clear(within(night).getByLabelText('Start'));
    await user.type(within(night).getByLabelText('Start'), '18:00');
    await user.clear(within(night).getByLabelText('End'));
    await user.type(within(night).getByLabelText('End'), '09:00');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));

    expect(await within(form).findByRole('status')).toHaveTextContent(/^Saved\./);
    const site = await tablet.db.site.get(tablet.siteId);
    expect(site?.idleSignOutMinutes).toBe(20);
    expect(site?.shifts).toEqual([
      SITE_SETTINGS.shifts[0],
      { id: expect.any(String), name: 'Night', start: '18:00', end: '09:00' },
    ]);
    expect(site?.name).toBe('Harbour View Tower');
    const ops = await tablet.db.outbox.toArray();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ table: 'site', rowId: tablet.siteId, kind: 'patch' });
    expect(Object.keys(ops[0]?.fields ?? {}).sort()).toEqual(['idleSignOutMinutes', 'shifts']);
    expect(ops[0]?.fields).toEqual({ idleSignOutMinutes: 20, shifts: site?.shifts });
    expect(fetchMock).not.toHaveBeenCalled();

    // The form now shows the saved row; removing the night shift again is one more patch.
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Remove shift 2' })).toBeEnabled());
    await user.click(within(form).getByRole('button', { name: 'Remove shift 2' }));
    expect(within(form).queryByRole('group', { name: 'Shift 2' })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(async () => expect((await tablet.db.site.get(tablet.siteId))?.shifts).toEqual(SITE_SETTINGS.shifts));
    expect((await tablet.db.outbox.toArray()).map((o) => Object.keys(o.fields).sort())).toEqual([
      ['idleSignOutMinutes', 'shifts'],
      ['shifts'],
    ]);
  });

  it('an empty building name and idle 0 show beside their fields, nothing is written and nothing typed is lost', async () => {
    const user = userEvent.setup();
    offline();
    const { tablet, form } = await openAdmin();
    const before = await tablet.db.site.get(tablet.siteId);

    const name = within(form).getByRole('textbox', { name: 'Building name' });
    const idle = within(form).getByRole('spinbutton', { name: 'Idle sign-out (minutes)' });
    const incoming = within(form).getByRole('spinbutton', { name: 'Incoming lead time (minutes)' });
    await user.clear(name);
    await user.clear(idle);
    await user.type(idle, '0');
    await user.clear(incoming);
    await user.type(incoming, '7');
    await user.click(within(form).getByRole('button', { name: 'Add a shift' }));
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));

    expect(name).toHaveAccessibleDescription('Building name is required');
    expect(idle).toHaveAccessibleDescription(/^Enter a number of minutes from 1 to 720/);
    const second = within(form).getByRole('group', { name: 'Shift 2' });
    expect(within(second).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Name is required');
    expect(incoming).not.toHaveAccessibleDescription(/Enter/);
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();

    expect(name).toHaveValue('');
    expect(idle).toHaveValue(0);
    expect(incoming).toHaveValue(7);
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(await tablet.db.site.get(tablet.siteId)).toEqual(before);

    // Fixing the fields saves what was typed, the new lead time included.
    await user.type(name, 'Harbour View Tower East');
    await user.clear(idle);
    await user.type(idle, '15');
    await user.click(within(second).getByRole('button', { name: 'Remove shift 2' }));
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(/^Saved\./);
    expect(await tablet.db.site.get(tablet.siteId)).toMatchObject({
      name: 'Harbour View Tower East',
      idleSignOutMinutes: 15,
      incomingLeadMinutes: 7,
      shifts: SITE_SETTINGS.shifts,
    });
    const [op] = await tablet.db.outbox.toArray();
    expect(Object.keys(op?.fields ?? {}).sort()).toEqual(['idleSignOutMinutes', 'incomingLeadMinutes', 'name']);
  });
});

describe('admin: PIN reset', () => {
  it('a reset PIN signs the person in (lockout lifted) and the old PIN no longer does', async () => {
    const user = userEvent.setup();
    offline();
    const { tablet } = await openAdmin();
    const leeId = await seedStaff(tablet, { name: 'Lee Mei Ling', pin: '1234' });
    // Lee forgot the PIN and is locked out on this tablet.
    for (let i = 0; i < PIN_MAX_ATTEMPTS; i++) await signInWithPin(tablet.db, leeId, '0000', Date.now());
    expect(await signInWithPin(tablet.db, leeId, '1234', Date.now())).toMatchObject({ reason: 'lockedOut' });

    const list = screen.getByRole('region', { name: 'Staff' });
    await user.click(await within(list).findByRole('button', { name: 'Reset PIN for Lee Mei Ling' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset PIN for Lee Mei Ling' });
    await user.type(within(dialog).getByLabelText('New PIN'), '8642');
    await user.type(within(dialog).getByLabelText('Confirm new PIN'), '8643');
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }));
    expect(within(dialog).getByLabelText('Confirm new PIN')).toHaveAccessibleDescription(
      'The two PINs are not the same',
    );
    expect(await tablet.db.outbox.count()).toBe(0);

    await user.clear(within(dialog).getByLabelText('Confirm new PIN'));
    await user.type(within(dialog).getByLabelText('Confirm new PIN'), '8642');
    await user.click(within(dialog).getByRole('button', { name: 'Save new PIN' }));
    expect(await within(list).findByRole('status')).toHaveTextContent("Lee Mei Ling's PIN was reset.");
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const ops = await tablet.db.outbox.toArray();
    expect(ops.map((o) => [o.table, o.rowId, o.kind, Object.keys(o.fields)])).toEqual([
      ['staff', leeId, 'patch', ['pinHash']],
    ]);
    expect(await signInWithPin(tablet.db, leeId, '1234', Date.now())).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await signInWithPin(tablet.db, leeId, '8642', Date.now())).toMatchObject({ ok: true });
  });
});
