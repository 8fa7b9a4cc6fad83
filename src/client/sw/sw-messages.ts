/**
 * What the page and the service worker say to each other. Kept free of DOM and worker globals so
 * both sides (and tests) can import it.
 */

/** Sent by workbox-window's messageSkipWaiting() when the person accepts the update prompt. */
export interface SkipWaitingMessage {
  type: 'SKIP_WAITING';
}

export function isSkipWaitingMessage(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}

/**
 * The Background Sync event (Chromium only; absent from TypeScript's lib). Safari and Firefox never
 * fire it, which is why the page runs the same engine on its own triggers (docs/architecture.md).
 */
export interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}
