/**
 * Who is signed in on this tablet and when they last touched it. Kept in sessionStorage so a
 * reload (an app update, say) does not sign the person out, while closing the app does; the idle
 * sign-out still applies on reload because `lastActivityAt` travels with it.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface SessionState {
  staffId: string | null;
  lastActivityAt: number;
  signIn(staffId: string, nowMs: number): void;
  signOut(): void;
  /** Records activity (a touch or key); the idle sign-out counts from the latest. */
  touch(nowMs: number): void;
}

export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      staffId: null,
      lastActivityAt: 0,
      signIn: (staffId, nowMs) => set({ staffId, lastActivityAt: nowMs }),
      signOut: () => set({ staffId: null }),
      touch: (nowMs) => set({ lastActivityAt: nowMs }),
    }),
    {
      name: 'handover-desk:session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ staffId: s.staffId, lastActivityAt: s.lastActivityAt }),
    },
  ),
);
