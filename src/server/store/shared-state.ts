/**
 * Issue 10 §4: the state every server process of one database shares, through the database
 * (docs/architecture.md "Several server processes"): the rate limits' token buckets and the leases
 * of jobs that must run in one process at a time. Each call is one atomic statement, outside any
 * building's transaction, so it never waits on a push. The clock is the caller's (T1, injected).
 */

/** A bucket after a take: whether the take was allowed, and what is left as of `at`. */
export interface TokenTake {
  ok: boolean;
  /** Tokens left (fractional: a bucket refills evenly over the minute). */
  tokens: number;
  /** When `tokens` was true (UTC epoch ms, never moved back by a slower clock). */
  at: number;
}

export interface SharedState {
  /**
   * Spend one token of bucket (`kind`, `key`), which holds `perMinute` at most and refills evenly
   * over a minute; an unknown bucket starts full. Refused (ok false, nothing spent) when less than
   * one token is left. Atomic across processes: two takes never spend the same token.
   */
  takeToken(kind: string, key: string, perMinute: number, nowMs: number): Promise<TokenTake>;
  /** Forget the buckets not touched since `beforeMs` (a minute idle: full again). Returns how many. */
  sweepTokens(beforeMs: number): Promise<number>;
  /**
   * Hold lease `name` as `holder` until `nowMs + ttlMs`: granted (true) when nobody holds it, its
   * holder's time ran out, or `holder` holds it already (a renewal); false while another holds it.
   */
  acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Give lease `name` up, if `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;
}

/** A bucket's refill rate per millisecond. */
export function tokensPerMs(perMinute: number): number {
  return perMinute / 60_000;
}
