/**
 * Issue 10 §4: `SharedState` on PostgreSQL (shared-state.ts): every process of the database takes
 * from the same buckets and leases, each call one statement on the pool. The bucket's arithmetic
 * runs inside the statement, on the row it locks, so concurrent takes from several processes
 * serialise on that row and never spend one token twice.
 */
import type pg from 'pg';
import { tokensPerMs, type SharedState, type TokenTake } from './shared-state';

interface Runner {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The bucket refilled to now: never above `perMinute`, never refilled by a clock set back. */
const REFILLED = 'LEAST($3::float8, b.tokens + GREATEST(0, $4::bigint - b.at) * $5::float8)';

const TAKE = `INSERT INTO rate_buckets AS b (kind, key, tokens, at, ok)
VALUES ($1, $2, $3::float8 - 1, $4::bigint, TRUE)
ON CONFLICT (kind, key) DO UPDATE SET
  tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
  ok = ${REFILLED} >= 1,
  at = GREATEST(b.at, $4::bigint)
RETURNING tokens, at, ok`;

const ACQUIRE = `INSERT INTO leases AS l (name, holder, expires_at) VALUES ($1, $2, $3::bigint + $4::bigint)
ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
  WHERE l.expires_at <= $3::bigint OR l.holder = EXCLUDED.holder
RETURNING holder`;

export function pgSharedState(run: Runner): SharedState {
  return {
    async takeToken(kind, key, perMinute, nowMs): Promise<TokenTake> {
      const r = await run.query<{ tokens: number; at: number; ok: boolean }>(TAKE, [
        kind,
        key,
        perMinute,
        nowMs,
        tokensPerMs(perMinute),
      ]);
      const row = r.rows[0];
      if (!row) throw new Error('rate bucket take returned no row');
      return { ok: row.ok, tokens: row.tokens, at: row.at };
    },
    async sweepTokens(beforeMs) {
      const r = await run.query('DELETE FROM rate_buckets WHERE at < $1', [beforeMs]);
      return r.rowCount ?? 0;
    },
    async acquireLease(name, holder, ttlMs, nowMs) {
      const r = await run.query(ACQUIRE, [name, holder, nowMs, ttlMs]);
      return (r.rowCount ?? 0) > 0;
    },
    async releaseLease(name, holder) {
      await run.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
  };
}
