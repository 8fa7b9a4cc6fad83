import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/domain/ids';
import { SetupRequest } from '../../src/domain/api';
import { openHandoverDb } from '../../src/client/db/open';
import { getDevice } from '../../src/client/db/repos/device-repo';
import { App } from '../../src/client/app';
import { fakeEngine } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake server answering by path; records every request body. */
function stubServer(routes: Record<string, (body: unknown) => Response>) {
  const calls: { path: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://tablet.test').pathname;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ path, body });
    const route = routes[path];
    if (!route) throw new TypeError('Failed to fetch');
    return route(body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const health = (setUp: boolean) => () => json(200, { status: 'ok', version: '0.1.0', setUp, serverTime: Date.now() });

describe('first run and enrolment', () => {
  it('not enrolled and no server: says so and retries', async () => {
    const user = userEvent.setup();
    stubServer({});
    render(<App db={openHandoverDb(`component-${newId()}`)} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'No connection to the server' })).toBeInTheDocument();
    stubServer({ '/api/v1/health': health(true) });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Enrol this tablet' })).toBeInTheDocument();
  });

  it('an empty server offers setup: building, first admin with a hashed PIN, this tablet; then install advice', async () => {
    const user = userEvent.setup();
    const db = openHandoverDb(`component-${newId()}`);
    const engine = fakeEngine();
    const onEnrolled = vi.fn();
    const ids = { siteId: newId(), deviceId: newId(), adminStaffId: newId() };
    const calls = stubServer({
      '/api/v1/health': health(false),
      '/api/v1/setup': () => json(201, { ...ids, token: 'k'.repeat(43), serverTime: Date.now() }),
    });
    render(<App db={db} engine={engine} onEnrolled={onEnrolled} />);

    await screen.findByRole('heading', { name: 'Set up this building' });
    expect(screen.getByLabelText('Shift start')).toHaveValue('09:00');
    expect(screen.getByLabelText('Shift end')).toHaveValue('18:00');
    expect(screen.getByRole('spinbutton', { name: 'Idle sign-out (minutes)' })).toHaveValue(10);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('textbox', { name: 'Building name' })).toHaveAccessibleDescription(
      'Building name is required',
    );
    await user.type(screen.getByRole('textbox', { name: 'Building name' }), 'Harbour View Tower');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time zone' }), 'Asia/Hong_Kong');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.type(screen.getByRole('textbox', { name: 'Administrator name' }), 'Wong Siu Ming');
    await user.type(screen.getByLabelText('PIN'), '2580');
    await user.type(screen.getByLabelText('Confirm PIN'), '2581');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByLabelText('Confirm PIN')).toHaveAccessibleDescription('The two PINs are not the same');
    await user.clear(screen.getByLabelText('Confirm PIN'));
    await user.type(screen.getByLabelText('Confirm PIN'), '2580');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.type(screen.getByRole('textbox', { name: 'Tablet name' }), 'Lobby desk');
    await user.click(screen.getByRole('button', { name: 'Set up building' }));

    expect(await screen.findByRole('heading', { name: 'The building is set up' })).toBeInTheDocument();
    const sent = SetupRequest.parse(calls.find((c) => c.path === '/api/v1/setup')?.body);
    expect(sent.site).toMatchObject({
      name: 'Harbour View Tower',
      timeZone: 'Asia/Hong_Kong',
      shifts: [{ start: '09:00', end: '18:00' }],
      idleSignOutMinutes: 10,
    });
    expect(sent.admin.name).toBe('Wong Siu Ming');
    // Issue 9 §3: the server hashes the PIN itself; it is sent once (over HTTPS).
    expect(sent.admin.pin).toBe('2580');
    expect(sent.deviceName).toBe('Lobby desk');
    expect(await getDevice(db)).toMatchObject({ siteId: ids.siteId, deviceId: ids.deviceId, deviceName: 'Lobby desk' });
    expect(engine.syncNow).toHaveBeenCalled();
    expect(screen.getByText(/Add to Home Screen/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    await waitFor(() => expect(onEnrolled).toHaveBeenCalledTimes(1));
  });

  it("enrolment shows a malformed code and the server's invalid_enrolment_code beside the code field", async () => {
    const user = userEvent.setup();
    const db = openHandoverDb(`component-${newId()}`);
    stubServer({
      '/api/v1/health': health(true),
      '/api/v1/enrol': () => json(400, { error: { code: 'invalid_enrolment_code', message: 'unknown code' } }),
    });
    render(<App db={db} engine={fakeEngine()} />);
    const code = await screen.findByRole('textbox', { name: 'Enrolment code' });
    await user.type(code, 'ABC');
    await user.type(screen.getByRole('textbox', { name: 'Tablet name' }), 'Back office');
    await user.click(screen.getByRole('button', { name: 'Enrol this tablet' }));
    expect(code).toHaveAccessibleDescription(/^An enrolment code has 8 letters and digits/);

    await user.clear(code);
    await user.type(code, 'abcd-2345');
    await user.click(screen.getByRole('button', { name: 'Enrol this tablet' }));
    await waitFor(() =>
      expect(code).toHaveAccessibleDescription(/^This code is not valid, was used already or has expired/),
    );
    expect(code).toHaveValue('abcd-2345');
    expect(screen.getByRole('textbox', { name: 'Tablet name' })).toHaveValue('Back office');
    expect(await getDevice(db)).toBeUndefined();
  });
});
