/**
 * Registers the service worker and wires its update life cycle into the app: a new version waits
 * and is offered through the update prompt (pwa-store); it takes over only when the person
 * accepts, so a reload never throws away unsaved work (issue 2, item 7). Background Sync is booked
 * by the page's sync triggers on every local write (src/client/sync/page-sync.ts).
 */
import { Workbox } from 'workbox-window';
import { usePwaStore } from '../state/pwa-store';

/** How often an open tablet looks for a new version, besides whenever it becomes visible. */
const UPDATE_CHECK_MS = 60 * 60_000;

/** Registers /sw.js in production builds where service workers exist; a no-op otherwise. */
export function registerServiceWorker(): void {
  // In `vite dev` there is no built sw.js, and a stale worker would serve old bundles.
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;

  const wb = new Workbox('/sw.js');

  // 'waiting' also fires on load when a worker from an earlier visit is still waiting.
  wb.addEventListener('waiting', () => {
    usePwaStore.getState().offerUpdate(() => {
      // Reload only once the new worker controls the page, so the reload gets the new shell.
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });

  void wb.register().then((registration) => {
    if (!registration) return;
    // sw.js is served with no-cache, so a check costs one small request when online.
    const check = () => {
      if (navigator.onLine) void wb.update().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') check();
    });
    window.setInterval(check, UPDATE_CHECK_MS);
  });
}
