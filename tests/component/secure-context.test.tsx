/**
 * Issue 9 §4: setup and enrolment are refused outside a secure context, with a link to the CA
 * page; §3, §7: the server's setup_code_invalid and weak_pin land beside their fields.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/domain/ids';
import { openHandoverDb } from '../../src/client/db/open';
import { getDevice } from '../../src/client/db/repos/device-repo';
import { App } from '../../src/client/app';
import { fakeEngine } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function stubServer(routes: Record<string, () => Response>) {
  const paths: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), 'http://tablet.test').pathname;
      paths.push(path);
      const route = routes[path];
      if (!route) throw new TypeError('Failed to fetch');
      return route();
    }),
  );
  return paths;
}

const health = (setUp: boolean) => () => json(200, { status: 'ok', version: '0.1.0', setUp, serverTime: Date.now() });

function setSecureContext(value: boolean) {
  Object.defineProperty(window, 'isSecureContext', { value, configurable: true, writable: true });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSecureContext(true);
});

describe('outside a secure context (issue 9 §4)', () => {
  it('the setup screen refuses with a link to /ca instead of a form, in each language', async () => {
    setSecureContext(false);
    const user = userEvent.setup();
    stubServer({ '/api/v1/health': health(false) });
    render(<App db={openHandoverDb(`component-${newId()}`)} engine={fakeEngine()} />);

    await screen.findByRole('heading', { name: 'Set up this building' });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'This connection is not secure' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Install the certificate and open the secure address' })).toHaveAttribute(
      'href',
      '/ca',
    );
    expect(screen.queryByRole('textbox', { name: 'Setup code' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Next' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox'), 'zh-Hant');
    expect(await screen.findByRole('heading', { name: '此連線不安全' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '安裝憑證並開啟安全地址' })).toHaveAttribute('href', '/ca');
    await user.selectOptions(screen.getByRole('combobox'), 'zh-Hans');
    expect(await screen.findByRole('heading', { name: '此连接不安全' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '安装证书并打开安全地址' })).toHaveAttribute('href', '/ca');
  });

  it('the enrol screen refuses too, and nothing is sent', async () => {
    setSecureContext(false);
    const paths = stubServer({ '/api/v1/health': health(true) });
    const db = openHandoverDb(`component-${newId()}`);
    render(<App db={db} engine={fakeEngine()} />);

    await screen.findByRole('heading', { name: 'Enrol this tablet' });
    expect(screen.getByRole('heading', { name: 'This connection is not secure' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Install the certificate and open the secure address' })).toHaveAttribute(
      'href',
      '/ca',
    );
    expect(screen.queryByRole('textbox', { name: 'Enrolment code' })).not.toBeInTheDocument();
    expect(paths).not.toContain('/api/v1/enrol');
    expect(await getDevice(db)).toBeUndefined();
  });
});

describe("the server's refusals of setup land beside their fields (issue 9 §3, §7)", () => {
  async function fillSetup(user: ReturnType<typeof userEvent.setup>, pin: string) {
    await screen.findByRole('heading', { name: 'Set up this building' });
    await user.type(screen.getByRole('textbox', { name: 'Setup code' }), 'ZZZZ2222');
    await user.type(screen.getByRole('textbox', { name: 'Building name' }), 'Harbour View Tower');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Administrator name' }), 'Wong Siu Ming');
    await user.type(screen.getByLabelText('PIN'), pin);
    await user.type(screen.getByLabelText('Confirm PIN'), pin);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Tablet name' }), 'Lobby desk');
    await user.click(screen.getByRole('button', { name: 'Set up building' }));
  }

  it('setup_code_invalid goes back to the first step, beside the setup code, which keeps what was typed', async () => {
    const user = userEvent.setup();
    stubServer({
      '/api/v1/health': health(false),
      '/api/v1/setup': () => json(403, { error: { code: 'setup_code_invalid', message: 'wrong code', details: null } }),
    });
    render(<App db={openHandoverDb(`component-${newId()}`)} engine={fakeEngine()} />);
    await fillSetup(user, '246813');

    const code = await screen.findByRole('textbox', { name: 'Setup code' });
    await waitFor(() =>
      expect(code).toHaveAccessibleDescription(
        /^The setup code is missing or wrong. It is printed on the server console./,
      ),
    );
    expect(code).toHaveValue('ZZZZ2222');
    expect(screen.getByRole('textbox', { name: 'Building name' })).toHaveValue('Harbour View Tower');
  });

  it('weak_pin goes back to the administrator step, beside the PIN', async () => {
    const user = userEvent.setup();
    stubServer({
      '/api/v1/health': health(false),
      '/api/v1/setup': () => json(400, { error: { code: 'weak_pin', message: 'too short', details: null } }),
    });
    render(<App db={openHandoverDb(`component-${newId()}`)} engine={fakeEngine()} />);
    await fillSetup(user, '246813');

    const pin = await screen.findByLabelText('PIN');
    await waitFor(() => expect(pin).toHaveAccessibleDescription(/^The administrator’s PIN has 6 to 8 digits/));
  });

  it('a malformed setup code is caught before any request', async () => {
    const user = userEvent.setup();
    const paths = stubServer({ '/api/v1/health': health(false) });
    render(<App db={openHandoverDb(`component-${newId()}`)} engine={fakeEngine()} />);
    await screen.findByRole('heading', { name: 'Set up this building' });
    await user.type(screen.getByRole('textbox', { name: 'Setup code' }), 'ABC');
    await user.type(screen.getByRole('textbox', { name: 'Building name' }), 'Harbour View Tower');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('textbox', { name: 'Setup code' })).toHaveAccessibleDescription(
      /^A setup code has 8 letters and digits/,
    );
    expect(paths).not.toContain('/api/v1/setup');
  });
});
