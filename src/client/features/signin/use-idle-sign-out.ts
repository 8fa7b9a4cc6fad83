import { useEffect } from 'react';
import { useSessionStore } from '../../state/session-store';

/** Activity is written at most this often, so typing does not rewrite sessionStorage per key. */
const TOUCH_THROTTLE_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Signs the person out after `minutes` without a touch or key (the building's idle setting), so a
 * tablet left on the desk does not stay signed in as whoever used it last.
 */
export function useIdleSignOut(minutes: number | undefined): void {
  const staffId = useSessionStore((s) => s.staffId);

  useEffect(() => {
    if (!staffId || !minutes) return;
    const limitMs = minutes * 60_000;
    const { touch } = useSessionStore.getState();

    const onActivity = () => {
      const now = Date.now();
      if (now - useSessionStore.getState().lastActivityAt >= TOUCH_THROTTLE_MS) touch(now);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });

    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const { lastActivityAt, signOut } = useSessionStore.getState();
      // Measured from the last activity rather than from a fixed start, so the timer re-arms
      // itself for the remaining time instead of resetting on every touch.
      const remaining = lastActivityAt + limitMs - Date.now();
      if (remaining <= 0) signOut();
      else timer = setTimeout(check, Math.min(remaining + 250, limitMs));
    };
    check();

    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
    };
  }, [staffId, minutes]);
}
