/**
 * Issue 9 §8: a corrupt database is refused. At open, `PRAGMA quick_check` must answer ok or the
 * server does not start (StoreCorruptError). At run time, the first SQLITE_CORRUPT or SQLITE_NOTADB
 * from any store call marks the store failed: from then on the server writes nothing (the HTTP
 * layer answers 503 `store_unavailable`, and SQLite itself is set `query_only` so no background
 * job writes either) and health says so, until a person restores a backup and restarts it. Writing
 * on into a damaged file spreads the damage and hides it from the backups that could repair it.
 */
import type Database from 'better-sqlite3';

/** SQLite's result codes for a damaged file (better-sqlite3's `SqliteError.code`). */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB')
  );
}

/** The database file failed its integrity check at open; the server refuses to start. */
export class StoreCorruptError extends Error {
  readonly code = 'store_corrupt';

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`the database ${file} is damaged: ${problems.join('; ')}`);
    this.name = 'StoreCorruptError';
  }
}

/** How many of quick_check's problem lines the error keeps (a damaged file can list thousands). */
const MAX_PROBLEMS = 5;

/** `PRAGMA quick_check` on a just-opened database. @throws StoreCorruptError unless it says ok. */
export function assertIntact(db: Database.Database, file: string): void {
  let rows: unknown;
  try {
    rows = db.pragma('quick_check');
  } catch (err) {
    if (isCorruptionError(err)) throw new StoreCorruptError(file, [(err as Error).message]);
    throw err;
  }
  const lines = (rows as { quick_check: string }[]).map((r) => r.quick_check);
  if (lines.length !== 1 || lines[0] !== 'ok') throw new StoreCorruptError(file, lines.slice(0, MAX_PROBLEMS));
}

/** Thrown inside checkReadWrite's transaction so better-sqlite3 rolls it back. */
class RolledBack extends Error {}

/**
 * Deep health: a read and a write in one transaction, rolled back, so the file's pages are really
 * read and a write really allowed (`query_only`, a read-only file or a full disk fail here).
 * Throws what SQLite throws.
 */
export function checkReadWrite(db: Database.Database): void {
  const check = db.transaction(() => {
    db.prepare('SELECT max(seq) FROM site_seq').get();
    db.prepare("INSERT OR REPLACE INTO server_meta (key, value) VALUES ('health_check', 'rolled back')").run();
    throw new RolledBack();
  });
  try {
    check.immediate();
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
}

/** Why the store stopped: the SQLite code and message of the first corruption error. */
export interface StoreFailure {
  code: string;
  message: string;
}

/** What every refusal after a corruption says (503 `store_unavailable`). */
export const STORE_FAILED_MESSAGE =
  'the database is damaged; the server has stopped writing. Restore the latest backup (npm run restore) and restart it';

/** Whether the store may still be written; shared by the store, the HTTP layer and health. */
export class StoreHealth {
  private current: StoreFailure | null = null;
  private readonly listeners = new Set<(failure: StoreFailure) => void>();

  /** The failure that stopped the store, or null while it is sound. */
  get failure(): StoreFailure | null {
    return this.current;
  }

  /** Record a corruption error; the first one tells every listener (it happens once per process). */
  markFailed(err: unknown): void {
    if (this.current) return;
    const e = err as { code?: unknown; message?: unknown };
    this.current = { code: String(e.code ?? 'SQLITE_CORRUPT'), message: String(e.message ?? err) };
    for (const listener of this.listeners) listener(this.current);
  }

  /** Call `listener` when the store fails; returns the unsubscribe. */
  onFailure(listener: (failure: StoreFailure) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The store seen through a guard: every method call that throws a corruption error marks `health`
 * failed before the error goes on. A Proxy rather than a try/catch in each method, so a method any
 * slice adds later is guarded too, and a caller that catches errors (per-op rejection) cannot hide
 * the corruption from the HTTP layer.
 */
export function guardStore<S extends object>(store: S, health: StoreHealth): S {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const cached = wrapped.get(prop);
      if (cached !== undefined && (cached as { original?: unknown }).original === value) return cached;
      const fn = value as (...args: unknown[]) => unknown;
      const guarded = Object.assign(
        function (this: unknown, ...args: unknown[]): unknown {
          const noteCorruption = (err: unknown): never => {
            if (isCorruptionError(err)) health.markFailed(err);
            throw err;
          };
          try {
            const result = fn.apply(this, args);
            // The store's methods are asynchronous (issue 10 §2): a rejection is guarded as a throw.
            return result instanceof Promise ? result.catch(noteCorruption) : result;
          } catch (err) {
            return noteCorruption(err);
          }
        },
        { original: value },
      );
      wrapped.set(prop, guarded);
      return guarded;
    },
  });
}
