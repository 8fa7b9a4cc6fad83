/**
 * Test support only: what a test does to a PostgreSQL store behind the server's back, to prove the
 * server notices (a signed row altered, a chain link removed, a proof key gone): the same named
 * operations as sqlite-tamper.ts, so a test of those refusals runs on both stores (issue 10 §5) and
 * no test writes SQL (issue 10 §2). Nothing in the server uses this module.
 */
import type { PgStore } from './pg-store';

/** Set one field of a row's stored JSON (any building), without a new sequence or version. */
export async function pgTamperRowField(store: PgStore, id: string, field: string, value: unknown): Promise<void> {
  if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
  await store.pool.query('UPDATE rows SET data = jsonb_set(data::jsonb, $1, $2::jsonb)::json WHERE id = $3', [
    `{${field}}`,
    JSON.stringify(value),
    id,
  ]);
}

/** Remove a row outright (not a tombstone). */
export async function pgTamperDeleteRow(store: PgStore, id: string): Promise<void> {
  await store.pool.query('DELETE FROM rows WHERE id = $1', [id]);
}

/** Move a row to another sequence number. */
export async function pgTamperRowSeq(store: PgStore, id: string, seq: number): Promise<void> {
  await store.pool.query('UPDATE rows SET seq = $1 WHERE id = $2', [seq, id]);
}

/** Remove a record's chain link. */
export async function pgTamperDeleteChainLink(store: PgStore, recordId: string): Promise<void> {
  await store.pool.query('DELETE FROM chain WHERE record_id = $1', [recordId]);
}

/** Remove a person's proof key (a hash from before issue 9, with no key yet). */
export async function pgTamperDeleteStaffKey(store: PgStore, staffId: string): Promise<void> {
  await store.pool.query('DELETE FROM staff_keys WHERE staff_id = $1', [staffId]);
}

/** The value under `key` in server_meta (generation, health_check), if any. */
export async function pgServerMeta(store: PgStore, key: string): Promise<string | undefined> {
  const r = await store.pool.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', [key]);
  return r.rows[0]?.value;
}

/** Issue 9 §1: whether a commit waits for its WAL to reach disk (`synchronous_commit` on). */
export async function pgDurableCommit(store: PgStore): Promise<boolean> {
  const r = await store.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  return r.rows[0]?.synchronous_commit === 'on';
}
