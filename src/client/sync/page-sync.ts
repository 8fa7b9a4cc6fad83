/**
 * The page's sync triggers (docs/architecture.md "Where it runs"): app start, `online`, the page becoming
 * visible, a local write (debounced), and a timer while open. Safari has no Background Sync, so
 * this path is complete on its own; where Background Sync exists, a local write also registers
 * it so the service worker can deliver the change after the tab is closed.
 * The only sync module that touches window/document: the engine must also run in the worker.
 */
import { watchOutboxHead } from '../db/outbox-watch';
import type { HandoverDb } from '../db/schema';
import { BACKGROUND_SYNC_TAG, type SyncEngine } from './sync-engine';
export const DEFAULT_SYNC_INTERVAL_MS = 30_000;
/** A burst of taps (an entry and its amendment) goes out in one sync. */
export const LOCAL_WRITE_DEBOUNCE_MS = 1_000;

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/**
 * Starts syncing `engine` from the page. Returns a function that stops every trigger.
 * `onLocalWrite` is called once per detected local write (before the debounce).
 */
export function startPageSync(
  engine: Pick<SyncEngine, 'syncNow'>,
  db: HandoverDb,
  opts?: { intervalMs?: number; onLocalWrite?: () => void },
): () => void {
  let stopped = false;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let lastHead: number | null = null;
  /** null: not asked yet; undefined: waiting for `ready`. */
  let registration: SyncRegistration | null | undefined = null;

  const trigger = (): void => {
    if (!stopped) void engine.syncNow();
  };
  const onOnline = (): void => trigger();
  const onVisibility = (): void => {
    if (document.visibilityState === 'visible') trigger();
  };

  const registerBackgroundSync = async (): Promise<void> => {
    const sw = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
    if (!sw) return;
    // `ready` never settles without a worker, so it is awaited once, not once per write; writes
    // before it settles are covered by the page triggers.
    if (registration === null) {
      registration = undefined;
      sw.ready.then(
        (r) => {
          registration = r as unknown as SyncRegistration;
          void registerBackgroundSync();
        },
        () => undefined,
      );
      return;
    }
    try {
      await registration?.sync?.register(BACKGROUND_SYNC_TAG);
    } catch {
      // Background Sync refused (permission, private mode): the page triggers still run.
    }
  };

  const unwatch = watchOutboxHead(db, (head) => {
    // The head counter only grows with a new local write; acks and pulls never raise it.
    const grew = lastHead !== null && head > lastHead;
    lastHead = head;
    if (!grew || stopped) return;
    opts?.onLocalWrite?.();
    void registerBackgroundSync();
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      trigger();
    }, LOCAL_WRITE_DEBOUNCE_MS);
  });

  const hasEvents = typeof globalThis.addEventListener === 'function';
  if (hasEvents) globalThis.addEventListener('online', onOnline);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  const timer = setInterval(trigger, opts?.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  trigger();

  return () => {
    stopped = true;
    unwatch();
    clearInterval(timer);
    if (debounce) clearTimeout(debounce);
    if (hasEvents) globalThis.removeEventListener('online', onOnline);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}
