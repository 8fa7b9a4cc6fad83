/**
 * Issue 10 §4: `SharedState` on SQLite (shared-state.ts). One process holds the file (the data-dir
 * lock), so nothing is shared with another process; the same tables and the same arithmetic keep
 * the two stores to one contract (tests/unit/server/store-contract.ts). Each call is one
 * autocommitted statement, run on the connection between transactions (`exclusive`).
 */
import type Database from 'better-sqlite3';
import { tokensPerMs, type SharedState, type TokenTake } from './shared-state';

/** The bucket refilled to now: never above `perMinute`, never refilled by a clock set back. */
const REFILLED = 'min(@perMinute, b.tokens + max(0, @now - b.at) * @perMs)';

const TAKE = `INSERT INTO rate_buckets AS b (kind, key, tokens, at, ok)
VALUES (@kind, @key, @perMinute - 1, @now, 1)
ON CONFLICT (kind, key) DO UPDATE SET
  tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
  ok = ${REFILLED} >= 1,
  at = max(b.at, @now)
RETURNING tokens, at, ok`;

const ACQUIRE = `INSERT INTO leases AS l (name, holder, expires_at) VALUES (@name, @holder, @now + @ttl)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE l.expires_at <= @now OR l.holder = excluded.holder
RETURNING holder`;

/** `exclusive` runs `fn` on the connection once no transaction is open (SqliteStore's mutex). */
export function sqliteSharedState(db: Database.Database, exclusive: <T>(fn: () => T) => Promise<T>): SharedState {
  const take = db.prepare<[Record<string, unknown>], { tokens: number; at: number; ok: number }>(TAKE);
  const sweep = db.prepare('DELETE FROM rate_buckets WHERE at < ?');
  const acquire = db.prepare<[Record<string, unknown>], { holder: string }>(ACQUIRE);
  const release = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  return {
    takeToken(kind, key, perMinute, nowMs): Promise<TokenTake> {
      return exclusive(() => {
        const row = take.get({ kind, key, perMinute, now: nowMs, perMs: tokensPerMs(perMinute) });
        if (!row) throw new Error('rate bucket take returned no row');
        return { ok: row.ok === 1, tokens: row.tokens, at: row.at };
      });
    },
    sweepTokens(beforeMs) {
      return exclusive(() => sweep.run(beforeMs).changes);
    },
    acquireLease(name, holder, ttlMs, nowMs) {
      return exclusive(() => acquire.get({ name, holder, now: nowMs, ttl: ttlMs }) !== undefined);
    },
    releaseLease(name, holder) {
      return exclusive(() => {
        release.run(name, holder);
      });
    },
  };
}
