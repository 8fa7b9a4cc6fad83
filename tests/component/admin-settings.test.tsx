/**
 * Issue 9 §3: the building's settings are changed on the server only (PATCH /api/v1/admin/site
 * with the admin's proof headers, only the changed fields); the tablet queues nothing, pulls the
 * server's row, and keeps showing the saved values until it arrives.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import { AdminScreen } from '../../src/client/features/admin/admin-screen';
import { adminFixture, apiError, writes, type AdminFixture } from './admin-fixtures';
import { fakeEngine, renderWithDb, SITE_SETTINGS } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openAdmin(f: AdminFixture, engine = fakeEngine()) {
  renderWithDb(<AdminScreen staffId={f.adminId} />, f.tablet.db, engine);
  const form = await screen.findByRole('form', { name: 'Building settings' });
  return { tablet: f.tablet, form, engine };
}

/** Stores the site row the server wrote, as the pull that `syncNow` starts would. */
async function pulled(f: AdminFixture, patch: Record<string, unknown>) {
  const site = await f.tablet.db.site.get(f.tablet.siteId);
  if (!site) throw new Error('no site');
  await f.tablet.db.site.put({
    ...site,
    ...patch,
    updatedAt: formatHlc({ wallMs: Date.now() + 60_000, counter: 0, node: 'server' }),
  });
}

describe('admin: building settings (S2 shifts, H1 lead times, idle sign-out), online only', () => {
  it('S2: a night shift 18:00-09:00 and a new idle time are sent as one PATCH of only those fields, with the proof headers; nothing is queued', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    f.on('PATCH /api/v1/admin/site', () => Response.json({ serverTime: Date.now() }));
    const { form, engine } = await openAdmin(f);
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

    expect(await within(form).findByRole('status')).toHaveTextContent(/^Saved on the server\./);
    const sent = writes(f.calls);
    expect(sent.map((c) => [c.method, c.path, c.actorId, c.proven])).toEqual([
      ['PATCH', '/api/v1/admin/site', f.adminId, true],
    ]);
    const shifts = [SITE_SETTINGS.shifts[0], { id: expect.any(String), name: 'Night', start: '18:00', end: '09:00' }];
    expect(sent[0]?.body).toEqual({ idleSignOutMinutes: 20, shifts });
    expect(engine.syncNow).toHaveBeenCalled();
    expect(await f.tablet.db.outbox.count()).toBe(0);
    // Until the pull brings the server's row, the form keeps showing what was saved.
    expect(within(form).getByRole('group', { name: 'Shift 2' })).toBeInTheDocument();
    expect(idle).toHaveValue(20);

    // The pull brings the row; removing the night shift again is one more PATCH of the shifts only.
    await pulled(f, sent[0]?.body as Record<string, unknown>);
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Remove shift 2' })).toBeEnabled());
    await user.click(within(form).getByRole('button', { name: 'Remove shift 2' }));
    expect(within(form).queryByRole('group', { name: 'Shift 2' })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(writes(f.calls)).toHaveLength(2));
    expect(writes(f.calls)[1]?.body).toEqual({ shifts: SITE_SETTINGS.shifts });
    expect(await f.tablet.db.outbox.count()).toBe(0);
  });

  it('an empty building name and idle 0 show beside their fields, nothing is sent and nothing typed is lost', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    f.on('PATCH /api/v1/admin/site', () => Response.json({ serverTime: Date.now() }));
    const { tablet, form } = await openAdmin(f);
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
    expect(writes(f.calls)).toEqual([]);
    expect(await tablet.db.site.get(tablet.siteId)).toEqual(before);

    // Fixing the fields sends what was typed, the new lead time included.
    await user.type(name, 'Harbour View Tower East');
    await user.clear(idle);
    await user.type(idle, '15');
    await user.click(within(second).getByRole('button', { name: 'Remove shift 2' }));
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(/^Saved on the server\./);
    expect(writes(f.calls).map((c) => c.body)).toEqual([
      { name: 'Harbour View Tower East', idleSignOutMinutes: 15, incomingLeadMinutes: 7 },
    ]);
  });

  it('a value the server refuses (400 with the schema issue) is said beside its field', async () => {
    const user = userEvent.setup();
    const f = await adminFixture();
    f.on('PATCH /api/v1/admin/site', () =>
      apiError(400, 'bad_request', [{ path: ['idleSignOutMinutes'], code: 'too_big', message: 'too big' }]),
    );
    const { form } = await openAdmin(f);
    const idle = within(form).getByRole('spinbutton', { name: 'Idle sign-out (minutes)' });
    await user.clear(idle);
    await user.type(idle, '30');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(idle).toHaveAccessibleDescription(/^Enter a number of minutes from 1 to 720/));
    expect(idle).toHaveValue(30);
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();
  });
});
