/**
 * Issue 9 §3 at the sign-in screen (docs/security.md): a session restored after a reload has no
 * proof key and goes back to sign-in with a calm line; a person whose hash is withheld from this
 * tablet signs in only online; a write without a key is explained, not queued.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/domain/ids';
import { formatHlc } from '../../src/domain/hlc';
import { hashPinV2 } from '../../src/domain/pin';
import { App } from '../../src/client/app';
import { SignInScreen } from '../../src/client/features/signin/signin-screen';
import { PinUpgradeNeededError, ProofKeyMissingError, proofKeyOf } from '../../src/client/state/proof-keys';
import { useSessionStore } from '../../src/client/state/session-store';
import { FailureAlert } from '../../src/client/ui/failure-alert';
import { fakeEngine, renderWithDb, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

async function enterPin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole('button', { name: digit }));
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in proves the person (issue 9 §3)', () => {
  it('§3: a session restored after a reload (no key in memory) goes back to sign-in, saying why calmly', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man', pin: '2468', pinTyped: false });
    // sessionStorage brought the session back; the page's memory did not keep the key.
    act(() => useSessionStore.setState({ staffId: deskId, lastActivityAt: Date.now() }));
    render(<App db={tablet.db} engine={fakeEngine()} />);

    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'The app was reopened. For your security, please enter your PIN again.',
    );
    expect(useSessionStore.getState().staffId).toBeNull();

    await user.click(await screen.findByRole('button', { name: 'Chan Tai Man' }));
    await enterPin(user, '2468');
    await waitFor(() => expect(useSessionStore.getState().staffId).toBe(deskId));
    expect(proofKeyOf(deskId)).toBeDefined();
    expect(screen.queryByText(/The app was reopened/)).toBeNull();
  });

  it('§3: signing out forgets the key', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const deskId = await seedStaff(tablet, { name: 'Chan Tai Man', pin: '2468' });
    act(() => useSessionStore.getState().signIn(deskId, Date.now()));
    render(<App db={tablet.db} engine={fakeEngine()} />);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(proofKeyOf(deskId)).toBeUndefined();
    // A sign-out chosen by the person needs no explanation.
    expect(screen.queryByText(/The app was reopened/)).toBeNull();
  });

  it('§3: a manager whose hash this tablet does not hold is told, offline, to sign in when online', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    const { pinHash } = await hashPinV2('246810', 1000);
    const { hash: _withheld, ...withheld } = pinHash;
    const id = newId();
    await tablet.db.staff.put({
      id,
      siteId: tablet.siteId,
      name: 'Leung Mei Ling',
      role: 'manager',
      pinHash: withheld,
      active: true,
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'seed' }),
      deleted: false,
      _versions: {},
    });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    renderWithDb(<SignInScreen />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'Leung Mei Ling' }));
    await enterPin(user, '246810');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This person signs in only when the tablet is online: their PIN is checked by the server.',
    );
    expect(useSessionStore.getState().staffId).toBeNull();
    // Not a wrong PIN: nothing counts towards this tablet's lockout.
    expect(await tablet.db.pinAttempts.get(id)).toBeUndefined();
  });

  it('§3: a write refused for want of a key says to sign in again; a read-only sign-in says to go online', () => {
    const { rerender } = render(<FailureAlert error={new ProofKeyMissingError('x')} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not saved: the PIN of the person named has not been entered since the app was opened. Sign in again and retry.',
    );
    rerender(<FailureAlert error={new PinUpgradeNeededError('x')} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not saved: your PIN must be confirmed online once before you can make changes.',
    );
  });
});
