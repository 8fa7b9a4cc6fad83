/**
 * The PostgreSQL connection pool (issue 10 §3): bounded, with a statement timeout, a connection
 * timeout and an idle timeout, 64-bit integers read as numbers, and a way through a database
 * restart: a connection the server closed is dropped from the pool, and work that fails to *start*
 * on a broken connection is retried once on a fresh one (`withClient`). Work that has started is
 * never retried here: its transaction rolled back with the connection, and the caller (a tablet's
 * push) sends it again.
 */
import pg from 'pg';

export interface PgPoolOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Connections at most (default 10). */
  max?: number;
  /** A statement running longer is cancelled by the server (default 10 s). */
  statementTimeoutMs?: number;
  /** Waiting longer for a connection (or for the server to accept one) fails (default 5 s). */
  connectionTimeoutMs?: number;
  /** An unused connection is closed after this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Told about connection errors the pool recovers from (logged, never thrown). */
  onBackgroundError?: (err: Error) => void;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

function toSafeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} from PostgreSQL is beyond 2^53`);
  return n;
}

/** BIGINT (epoch ms, sequences, counters) as a JS number, not pg's default string. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return toSafeNumber;
    if (oid === NUMERIC_OID && format !== 'binary') return (t: string) => Number(t);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Open a pool. Nothing connects until the first query. */
export function openPgPool(opts: PgPoolOptions): pg.Pool {
  const statementTimeout = opts.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: opts.idleTimeoutMs ?? 30_000,
    // Sent at connect: the server cancels a statement past it, and ends a session left idle inside
    // a transaction (a crashed request can never hold a building's lock for long).
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: statementTimeout * 3,
    application_name: 'handover-desk',
    // Issue 9 §1: a push is acknowledged only once its commit is on disk, whatever the cluster's
    // default: with synchronous_commit off a crash of the database loses commits a tablet was told
    // are safe, and the tablet forgets those ops (the same loss as a restore).
    options: '-c synchronous_commit=on',
    types,
  });
  // An idle connection the server closed (a restart, an admin's pg_terminate_backend) emits here;
  // the pool has already dropped it. Without a listener Node would crash the process.
  pool.on('error', (err) => opts.onBackgroundError?.(err));
  return pool;
}

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '25P03', '08000', '08003', '08006', '08001', '08004']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Whether `err` says the connection broke (or could not be made), so the work never ran. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    err.message,
  );
}

/**
 * Whether `err` is pg-pool's "no connection within connectionTimeoutMillis": every connection is
 * busy (or the database is slow to accept one). Nothing ran; it is not retried here, since a retry
 * under load only adds to the queue (issue 10 §9: measured at ten times the real rate).
 */
export function isPoolTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === 'timeout exceeded when trying to connect';
}

/** How long to wait before the one retry (the server may be finishing its start). */
const RETRY_DELAY_MS = 250;

/**
 * Run `start` then `work` on one pooled connection. When `start` (a BEGIN, a first read) fails
 * because the connection is broken, the connection is destroyed and both run once more on a new
 * one: nothing was done, so nothing is done twice. A failure inside `work` is the caller's.
 */
export async function withClient<T>(
  pool: pg.Pool,
  start: (client: pg.PoolClient) => Promise<void>,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await start(client);
  } catch (err) {
    // The broken connection is destroyed, never handed to the next caller.
    client?.release(err instanceof Error ? err : true);
    if (!isConnectionError(err)) throw err;
    await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    client = await pool.connect();
    try {
      await start(client);
    } catch (again) {
      client.release(again instanceof Error ? again : true);
      throw again;
    }
  }
  // A checked-out connection has no listener of the pool's: an 'error' event on it (the server ended
  // the session: a restart, idle_in_transaction_session_timeout) would otherwise crash the process.
  // The statement waiting on it fails on its own; the connection is destroyed at release.
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (err) {
    if (isConnectionError(err)) broken = err as Error;
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(broken ?? false);
  }
}
