/**
 * Pull phase: pages from the stored cursor until the server says there is no more (docs/architecture.md
 * "Pull"). Each page is applied in one transaction together with its new cursor. A cursor ahead of
 * the server (409 cursor_ahead: restored, issue 9 §1) starts again from 0; such a pull from 0 notes
 * every row it brings and, at its end, sweeps the rows of other devices the new history lacks.
 */
import { getMeta } from '../db/meta';
import { restartPull, rewindResync, sweepAfterResync } from '../db/sent-ops';
import { applyPullPage } from '../db/sync-store';
import { PullResponse } from '../../domain/sync-protocol';
import { ApiRequestError, parseBody } from './api-client';
import type { SyncSession } from './session';

/** A page found already applied (by another runner) is re-fetched at most this often. */
const MAX_STALE_PAGES = 3;
/** A cursor_ahead is answered by a pull from 0 at most this often per run. */
const MAX_RESTARTS = 2;

export async function pullChanges(s: SyncSession, limit: number): Promise<number> {
  let pulled = 0;
  let stale = 0;
  let restarts = 0;
  /** While a pull from 0 of a restored history runs: every `table:id` it brought (issue 9 §1). */
  let seen: Set<string> | null = null;
  for (;;) {
    const cursor = (await getMeta(s.db, 'cursor')) ?? 0;
    if (await getMeta(s.db, 'resyncSweep')) {
      if (cursor === 0) seen = new Set();
      else if (seen === null) {
        // Began in an earlier run, or another runner pulled some of it: see it whole from 0 again.
        if (restarts++ >= MAX_RESTARTS) return pulled;
        await rewindResync(s.db, cursor);
        continue;
      }
    } else seen = null;
    let raw: unknown;
    try {
      raw = await s.call('GET', `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`);
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'cursor_ahead' && restarts < MAX_RESTARTS) {
        restarts++;
        await restartPull(s.db);
        continue;
      }
      throw e;
    }
    const page = parseBody(PullResponse, raw, 'pull');
    // A page of a new generation met at an old cursor finds the cursor reset (session.ts): stale.
    const applied = await applyPullPage(s.db, cursor, page, s.corrected(), seen ?? undefined);
    if (applied === null) {
      seen = null; // another runner applied a page: this run no longer saw the whole history
      if (++stale > MAX_STALE_PAGES) return pulled;
      continue;
    }
    pulled += applied;
    if (!page.hasMore) {
      if (seen) await sweepAfterResync(s.db, seen);
      return pulled;
    }
    if (page.cursor <= cursor) {
      throw new ApiRequestError(200, 'bad_response', `pull said hasMore but did not advance past ${cursor}`);
    }
  }
}
