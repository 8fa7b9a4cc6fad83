/**
 * Who is signed in on this tablet and when they last touched it. Kept in sessionStorage so a
 * reload (an app update, say) does not sign the person out, while closing the app does; the idle
 * sign-out still applies on reload because `lastActivityAt` travels with it.
 *
 * Issue 9 §3: the person's proof key lives in the page's memory only (proof-keys.ts), so after a
 * reload a restored session has no key and goes back to sign-in (`notice` says why); signing out
 * (by hand, idle or deactivated) forgets every key. A handover hands the tablet over without a
 * sign-out: the people who typed their PIN during it keep their keys until the next sign-out.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { forgetProofKeys } from './proof-keys';

/** A calm line for the sign-in screen: why the person is asked for their PIN again. */
export type SessionNotice = 'signInAgain';

export interface SessionState {
  staffId: string | null;
  lastActivityAt: number;
  /** Set when the session ended for a reason the person did not choose (not persisted). */
  notice: SessionNotice | null;
  signIn(staffId: string, nowMs: number): void;
  /** Ends the session and forgets every proof key; `notice` tells the sign-in screen why. */
  signOut(notice?: SessionNotice): void;
  /** Records activity (a touch or key); the idle sign-out counts from the latest. */
  touch(nowMs: number): void;
}

export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      staffId: null,
      lastActivityAt: 0,
      notice: null,
      signIn: (staffId, nowMs) => set({ staffId, lastActivityAt: nowMs, notice: null }),
      signOut: (notice) => {
        forgetProofKeys();
        set({ staffId: null, notice: notice ?? null });
      },
      touch: (nowMs) => set({ lastActivityAt: nowMs }),
    }),
    {
      name: 'handover-desk:session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ staffId: s.staffId, lastActivityAt: s.lastActivityAt }),
    },
  ),
);
