import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInScreen } from '../../src/client/features/signin/signin-screen';
import { useSessionStore } from '../../src/client/state/session-store';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man', pin: '2468' });
  await seedStaff(tablet, { name: 'Lee Mei Ling', role: 'chief', pin: '1357' });
});

async function enterPin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole('button', { name: digit }));
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('offline PIN sign-in', () => {
  it('signs in with the right PIN, with no network involved', async () => {
    const user = userEvent.setup();
    renderWithDb(<SignInScreen />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'Chan Tai Man' }));
    expect(screen.getByRole('heading', { name: 'PIN for Chan Tai Man' })).toBeInTheDocument();
    await enterPin(user, '2468');
    await waitFor(() => expect(useSessionStore.getState().staffId).toBe(staffId));
  });

  it('locks out after five wrong PINs, says until when, and refuses even the right PIN meanwhile', async () => {
    const user = userEvent.setup();
    renderWithDb(<SignInScreen />, tablet.db);
    await user.click(await screen.findByRole('button', { name: 'Chan Tai Man' }));

    await enterPin(user, '0000');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong PIN. 4 attempts left.');
    for (const left of ['3 attempts left', '2 attempts left', '1 attempt left']) {
      await enterPin(user, '0000');
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(left));
    }
    await enterPin(user, '0000');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /^Too many wrong PINs\. Try again after \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/,
      ),
    );

    // The correct PIN does not get through while locked out, and nothing counts as signed in.
    await enterPin(user, '2468');
    // The label reads "Checking…" while the PIN is verified; back to "Sign in" means it answered.
    await screen.findByRole('button', { name: 'Sign in' });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^Too many wrong PINs/));
    expect(useSessionStore.getState().staffId).toBeNull();
    expect((await tablet.db.pinAttempts.get(staffId))?.failedAt).toHaveLength(5);

    // Another person is not affected by this lockout.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(await screen.findByRole('button', { name: 'Lee Mei Ling' }));
    await enterPin(user, '1357');
    await waitFor(() => expect(useSessionStore.getState().staffId).not.toBeNull());
  });
});
