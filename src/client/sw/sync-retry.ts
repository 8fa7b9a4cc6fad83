/**
 * How the service worker runs one Background Sync event. Chromium fires `sync` when it believes
 * the tablet is online, but a connection that drops mid-sync or is still coming up (Wi-Fi joined,
 * no route yet) makes the run fail; rejecting at once would push the retry back by Chromium's
 * back-off (5 minutes, then 15). So a run that fails for the network or the server is retried a
 * few times within the event first, and only then rejected so the browser schedules its retry.
 */
import type { SyncOutcome } from '../sync/sync-engine';

/** Waits between attempts inside one event; well inside Chromium's 3-minute limit per event. */
export const IN_EVENT_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 20_000] as const;

export class BackgroundSyncIncompleteError extends Error {
  readonly code = 'background_sync_incomplete';
}

/** Errors worth retrying: the network or the server may recover; 'unauthorized' and 'quota' won't. */
function retryable(outcome: SyncOutcome): boolean {
  return outcome.error === 'offline' || outcome.error === 'server';
}

/**
 * Runs `syncNow` until it succeeds or the retries are used up. Resolves with the last outcome;
 * rejects with BackgroundSyncIncompleteError when the last attempt still failed retryably.
 */
export async function syncWithRetries(
  syncNow: () => Promise<SyncOutcome>,
  sleep: (ms: number) => Promise<void>,
  delays: readonly number[] = IN_EVENT_RETRY_DELAYS_MS,
): Promise<SyncOutcome> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await syncNow();
    if (!retryable(outcome)) return outcome;
    const delay = delays[attempt];
    if (delay === undefined) {
      throw new BackgroundSyncIncompleteError(
        `background sync incomplete after ${attempt + 1} attempts: ${outcome.error}`,
      );
    }
    await sleep(delay);
  }
}
