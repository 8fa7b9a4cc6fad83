/**
 * The server entry: reads the environment, opens (and migrates) the store (SQLite under DATA_DIR,
 * or PostgreSQL when DATABASE_URL is set, issue 10 §3), serves the API
 * and the built PWA from one Node process, and shuts down cleanly on SIGTERM/SIGINT.
 * Run as `node --import tsx src/server/main.ts`; `startServer` is exported for scripts/demo.ts.
 */
import { mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './http/app';
import {
  ConnectionCap,
  DEFAULT_CONNECTION_LIMITS,
  timeoutServerOptions,
  type ConnectionLimits,
} from './http/connection-limits';
import type { RateLimits } from './http/rate-limit';
import { parseTrustProxy } from './http/trusted-proxy';
import type { VapidConfig } from './push/escalation-push';
import { createJsonLogger, describeError, isLogLevel, type Logger, type LogLevel } from './logger';
import { startRetentionJob } from './retention/retention-job';
import { newSetupCode } from './site/setup-service';
import { startBackupJob } from './store/backup-job';
import { holdDataDir } from './store/data-dir-lock';
import { MigrationMismatchError } from './store/migrations';
import { openPgStore, PgUnavailableError, redactUrl } from './store/pg-store';
import { openSqliteStore, SqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';
import { parseExtraSubjects, type CertSubjects } from './tls/host-names';
import { httpsHandler, plainHttpHandler } from './tls/listener-policy';
import type { CompanyCertificate, TlsMaterial } from './tls/tls-material';
import { StoreCorruptError } from './store/store-health';

export const DB_FILE_NAME = 'handover-desk.sqlite';
export const DEFAULT_HTTPS_PORT = 8443;
/** In-flight requests get this long to finish on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export class ConfigError extends Error {
  readonly code = 'config';
}

export interface ServerConfig {
  port: number;
  /** Issue 9 §4: HTTPS beside HTTP, for the building's network. */
  httpsPort: number;
  /** TLS_CERT/TLS_KEY: the company's certificate instead of the local CA. */
  company?: CompanyCertificate | undefined;
  /** TLS_HOSTNAMES: names and addresses the local CA's certificate covers besides the machine's. */
  tlsExtra: CertSubjects;
  host: string;
  dataDir: string;
  distDir: string;
  bodyLimitBytes: number;
  logLevel: LogLevel;
  /** D3: Web Push of escalations; undefined when VAPID_* are not set. */
  vapid?: VapidConfig | undefined;
  /** Issue 9 §7: the RATE_LIMIT_* set (requests per minute per address); undefined when none is. */
  rateLimits?: Partial<RateLimits> | undefined;
  /** Issue 9 §7: the timeouts and per-address cap set by environment; undefined when none is. */
  connectionLimits?: Partial<ConnectionLimits> | undefined;
  /** Issue 10 §3: DATABASE_URL, the PostgreSQL store; undefined: SQLite under DATA_DIR. */
  databaseUrl?: string;
  /** Issue 10 §8: TRUST_PROXY, the reverse proxies' addresses (trusted-proxy.ts); empty: none. */
  trustProxy?: ReadonlySet<string> | undefined;
}

/** Environment variable and bounds of each rate limit, per minute per address (README "Configuration"). */
const RATE_LIMIT_ENV: Record<keyof RateLimits, [string, number, number]> = {
  setup: ['RATE_LIMIT_SETUP', 1, 100_000],
  enrol: ['RATE_LIMIT_ENROL', 1, 100_000],
  auth: ['RATE_LIMIT_AUTH', 1, 100_000],
  admin: ['RATE_LIMIT_ADMIN', 1, 100_000],
  failedAuth: ['RATE_LIMIT_FAILED_AUTH', 1, 100_000],
};

/** Environment variable and bounds of each connection limit (README "Configuration"). */
const CONNECTION_ENV: Record<keyof ConnectionLimits, [string, number, number]> = {
  headersTimeoutMs: ['HEADERS_TIMEOUT_MS', 1_000, 600_000],
  requestTimeoutMs: ['REQUEST_TIMEOUT_MS', 1_000, 600_000],
  keepAliveTimeoutMs: ['KEEP_ALIVE_TIMEOUT_MS', 1_000, 600_000],
  maxConnectionsPerAddress: ['MAX_CONNECTIONS_PER_IP', 1, 100_000],
};

/** The limits whose variable is set, or undefined when none is (the defaults then hold). */
function limitsFromEnv<K extends string>(
  env: NodeJS.ProcessEnv,
  spec: Record<K, [string, number, number]>,
): Partial<Record<K, number>> | undefined {
  const set: Partial<Record<K, number>> = {};
  for (const [key, [name, min, max]] of Object.entries(spec) as [K, [string, number, number]][]) {
    if (env[name] !== undefined && env[name].trim() !== '') set[key] = intFromEnv(env, name, 0, min, max);
  }
  return Object.keys(set).length > 0 ? set : undefined;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer ${min}-${max}, got "${raw}"`);
  return n;
}

/** The configuration from environment variables (README "Configuration"). Throws ConfigError. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const databaseUrl = readDatabaseUrl(env);
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!isLogLevel(logLevel)) throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error, got "${logLevel}"`);
  const port = intFromEnv(env, 'PORT', 8080, 0, 65535);
  return {
    port,
    // PORT=0 (tests) makes HTTPS pick a free port too, so parallel servers never race for 8443.
    httpsPort: intFromEnv(env, 'HTTPS_PORT', port === 0 ? 0 : DEFAULT_HTTPS_PORT, 0, 65535),
    company: readCompanyCertificate(env),
    tlsExtra: readTlsHostnames(env),
    host: env['HOST'] || '0.0.0.0',
    dataDir: env['DATA_DIR'] || './data',
    distDir: env['DIST_DIR'] || './dist',
    bodyLimitBytes: intFromEnv(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    logLevel,
    vapid: readVapid(env),
    rateLimits: limitsFromEnv(env, RATE_LIMIT_ENV),
    connectionLimits: limitsFromEnv(env, CONNECTION_ENV),
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    trustProxy: readTrustProxy(env),
  };
}

/** Issue 10 §8: TRUST_PROXY, comma-separated IP addresses of reverse proxies. */
function readTrustProxy(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  try {
    return parseTrustProxy(env['TRUST_PROXY']);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/**
 * Issue 10 §3: DATABASE_URL selects the PostgreSQL store (postgres:// or postgresql://); unset, the
 * embedded SQLite file under DATA_DIR. Anything else is refused here, before anything starts.
 */
function readDatabaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env['DATABASE_URL']?.trim() ?? '';
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must be a postgres:// URL (PostgreSQL), got ${url.protocol}//…; unset it to use SQLite under DATA_DIR`,
    );
  }
  if (url.pathname.replace(/^\//, '') === '') {
    throw new ConfigError('DATABASE_URL names no database: postgres://user:password@host:5432/database');
  }
  return raw;
}

/** TLS_CERT and TLS_KEY (PEM paths) together, or neither (then the local CA serves HTTPS). */
function readCompanyCertificate(env: NodeJS.ProcessEnv): CompanyCertificate | undefined {
  const certPath = env['TLS_CERT']?.trim() ?? '';
  const keyPath = env['TLS_KEY']?.trim() ?? '';
  if (certPath === '' && keyPath === '') return undefined;
  if (certPath === '' || keyPath === '') throw new ConfigError('set both TLS_CERT and TLS_KEY (PEM files), or neither');
  return { certPath, keyPath };
}

function readTlsHostnames(env: NodeJS.ProcessEnv): CertSubjects {
  try {
    return parseExtraSubjects(env['TLS_HOSTNAMES']);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * D3: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together (keys from
 * `npx web-push generate-vapid-keys`, subject a mailto: or https: URL), or none of them.
 */
function readVapid(env: NodeJS.ProcessEnv): VapidConfig | undefined {
  const names = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const;
  const [publicKey, privateKey, subject] = names.map((n) => env[n]?.trim() ?? '');
  const set = names.filter((_, i) => [publicKey, privateKey, subject][i] !== '');
  if (set.length === 0) return undefined;
  if (set.length < names.length || !publicKey || !privateKey || !subject) {
    throw new ConfigError(`set all of ${names.join(', ')} for Web Push, or none of them (only ${set.join(', ')} set)`);
  }
  if (!/^(mailto:|https:\/\/)/.test(subject)) {
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https: URL, got "${subject}"`);
  }
  if (!/^[A-Za-z0-9_-]{80,100}$/.test(publicKey) || !/^[A-Za-z0-9_-]{40,50}$/.test(privateKey)) {
    throw new ConfigError(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be URL-safe base64 keys (npx web-push generate-vapid-keys)',
    );
  }
  return { publicKey, privateKey, subject };
}

export interface StartServerOptions {
  /** 0 picks any free port; the actual one is in the result and the 'listening' line. */
  port?: number;
  /** HTTPS port; 0 picks any free one. Default 8443, or 0 when `port` is 0. */
  httpsPort?: number;
  /** The company's certificate (TLS_CERT/TLS_KEY); otherwise the local CA under DATA_DIR/tls. */
  company?: CompanyCertificate | undefined;
  /** Extra names and addresses for the local CA's server certificate (TLS_HOSTNAMES). */
  tlsExtra?: CertSubjects;
  host?: string;
  dataDir?: string;
  /** The built PWA; served only when the directory exists. */
  distDir?: string;
  bodyLimitBytes?: number;
  logger?: Logger;
  now?: () => number;
  version?: string;
  /** D3: VAPID keys for Web Push of escalations. */
  vapid?: VapidConfig | undefined;
  /**
   * An already opened store (scripts/demo.ts seeds it first); otherwise PostgreSQL at `databaseUrl`
   * when given, else DATA_DIR's SQLite file.
   */
  store?: Store;
  /** Issue 10 §3: DATABASE_URL; the PostgreSQL store instead of DATA_DIR's SQLite file. */
  databaseUrl?: string | undefined;
  /** D5: run the daily retention job (src/server/retention); on unless false. */
  retention?: boolean;
  /**
   * Issue 9 §7: the one-time setup code; by default a random one is made while no building exists,
   * logged and printed on the console. Tests fix it.
   */
  setupCode?: string;
  /** Issue 9 §2: the daily backup into DATA_DIR/backups (src/server/store/backup-job.ts); on unless false. */
  backups?: boolean;
  /** Issue 9 §7: requests per minute per address; any left out keeps DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits> | undefined;
  /** Issue 9 §7: timeouts and the per-address connection cap; any left out keeps the default. */
  connectionLimits?: Partial<ConnectionLimits> | undefined;
  /** Issue 10 §8: reverse proxies whose forwarding headers are believed (TRUST_PROXY). */
  trustProxy?: ReadonlySet<string> | undefined;
}

export interface RunningServer {
  port: number;
  url: string;
  /** The HTTPS listener's port and its localhost URL. */
  httpsPort: number;
  httpsUrl: string;
  store: Store;
  /** Stop accepting, let in-flight requests finish, then close the database. */
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Open the store file of `dataDir` (created if missing). Throws MigrationMismatchError. */
export function openDataDirStore(dataDir: string, nowMs: number): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  return openSqliteStore(join(dataDir, DB_FILE_NAME), { nowMs });
}

/** Start the HTTP server. Resolves once it listens; logs the 'listening' line with the real port. */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createJsonLogger();
  const now = opts.now ?? Date.now;
  const dataDir = opts.dataDir ?? './data';
  const store =
    opts.store ??
    (opts.databaseUrl
      ? await openPgStore({ connectionString: opts.databaseUrl, nowMs: now() })
      : openDataDirStore(dataDir, now()));
  if (opts.databaseUrl && !opts.store)
    logger.info('store', { kind: 'postgresql', database: redactUrl(opts.databaseUrl) });
  const distDir = resolve(opts.distDir ?? './dist');
  const hasDist = isDirectory(distDir);
  if (!hasDist) logger.warn('no built app to serve; run npm run build', { distDir });

  const hasSite = await store.hasAnySite();
  const setupCode = opts.setupCode ?? (hasSite ? undefined : newSetupCode());
  if (setupCode !== undefined && !hasSite) {
    // Whoever sets the building up must read the server's console: a web page on the network cannot.
    logger.info('setup code', { setupCode });
    if (opts.setupCode === undefined) process.stdout.write(`\nFirst-run setup code: ${setupCode}\n\n`);
  }
  const port = opts.port ?? 8080;
  // Issue 9 §4: the company's certificate, or the local CA made on first start (no prompt).
  const tlsOptions = {
    dataDir,
    company: opts.company,
    extra: opts.tlsExtra ?? { names: [], addresses: [] },
    onEvent: (msg: string, fields: Record<string, unknown>) => logger.info(msg, fields),
  };
  let tls: TlsMaterial;
  // Loaded here, not at the top: the X.509 library costs a second of start-up, which a refused
  // configuration (readConfig) or a script that only imports this module need not pay.
  const { loadTlsMaterial, startTlsRefresh } = await import('./tls/tls-material');
  try {
    tls = await loadTlsMaterial({ ...tlsOptions, nowMs: now() });
  } catch (err) {
    await store.close();
    throw err;
  }
  let httpsPort = opts.httpsPort ?? (port === 0 ? 0 : DEFAULT_HTTPS_PORT);
  const caInfo = {
    mode: tls.mode,
    caCertPem: tls.caCertPem,
    caFingerprint: tls.caFingerprint,
    httpsPort: () => httpsPort,
  };

  const app = createApp({
    store,
    now,
    logger,
    setupCode,
    version: opts.version ?? packageVersion(),
    bodyLimitBytes: opts.bodyLimitBytes ?? 1_048_576,
    ...(hasDist ? { distDir } : {}),
    vapid: opts.vapid,
    tls: caInfo,
    rateLimits: opts.rateLimits,
    trustProxy: opts.trustProxy,
  });

  // Issue 9 §7: slow requests time out, and one address holds at most so many connections, over
  // HTTP and HTTPS together (one count per address).
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.connectionLimits };
  const connectionCap = new ConnectionCap(limits.maxConnectionsPerAddress, logger, opts.trustProxy);
  const hostname = opts.host ?? '0.0.0.0';
  const listening = <S extends Server | HttpsServer>(start: (ready: () => void) => S) =>
    new Promise<S>((resolveListen, rejectListen) => {
      const s: S = start(() => resolveListen(s));
      connectionCap.attach(s);
      s.once('error', rejectListen);
    });
  let server: Server | undefined;
  let httpsServer: HttpsServer;
  try {
    server = await listening(
      (ready) =>
        serve(
          {
            fetch: plainHttpHandler(app.fetch, () => httpsPort, opts.trustProxy),
            port,
            hostname,
            serverOptions: timeoutServerOptions(limits),
          },
          ready,
        ) as Server,
    );
    httpsServer = await listening(
      (ready) =>
        serve(
          {
            fetch: httpsHandler(app.fetch),
            port: httpsPort,
            hostname,
            createServer: createHttpsServer,
            serverOptions: { ...timeoutServerOptions(limits), key: tls.keyPem, cert: tls.certPem },
          },
          ready,
        ) as HttpsServer,
    );
  } catch (err) {
    server?.close();
    await store.close();
    throw err;
  }
  httpsPort = (httpsServer.address() as AddressInfo).port;

  // D5: archive records past the building's retention period, daily, archives under DATA_DIR.
  const retention = opts.retention === false ? null : startRetentionJob({ store, dataDir, logger, now });
  const tlsRefresh = startTlsRefresh({
    ...tlsOptions,
    now,
    current: tls,
    apply: (next) => {
      httpsServer.setSecureContext({ key: next.keyPem, cert: next.certPem });
      caInfo.caCertPem = next.caCertPem;
      caInfo.caFingerprint = next.caFingerprint;
    },
    onError: (err) => logger.error('server certificate check failed', describeError(err)),
  });
  // Issue 9 §2: `npm run restore` refuses while this lock names a live server (data-dir-lock.ts).
  const lock = holdDataDir(dataDir, now());
  // Issue 9 §2: a verified backup a day under DATA_DIR/backups, the newest 14 kept.
  // The file backups are SQLite's; a PostgreSQL database is backed up with pg_dump (docs/postgresql.md).
  const backups =
    opts.backups === false || !(store instanceof SqliteStore) ? null : startBackupJob({ store, dataDir, logger, now });

  const boundPort = (server.address() as AddressInfo).port;
  const url = `http://localhost:${boundPort}`;
  const httpsUrl = `https://localhost:${httpsPort}`;
  logger.info('listening', { port: boundPort, url, httpsPort, httpsUrl, tls: tls.mode });
  if (tls.caFingerprint)
    logger.info('tablets: trust the local CA first', { page: `${url}/ca`, fingerprint: tls.caFingerprint });

  const httpServer = server;
  let closing: Promise<void> | null = null;
  const close = () => {
    if (!closing) {
      retention?.stop();
      tlsRefresh.stop();
      backups?.stop();
      closing = Promise.all([httpServer, httpsServer].map((s) => closeListener(s))).then(async () => {
        await store.close();
        lock.release();
      });
    }
    return closing;
  };
  return { port: boundPort, url, httpsPort, httpsUrl, store, close };
}

/** Stop accepting, let in-flight requests finish (cut after SHUTDOWN_GRACE_MS). */
function closeListener(server: Server | HttpsServer): Promise<void> {
  return new Promise<void>((done) => {
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      done();
    });
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.env);
  } catch (err) {
    createJsonLogger().error('invalid configuration; refusing to start', describeError(err));
    process.exit(1);
  }
  const logger = createJsonLogger({ level: config.logLevel });
  let running: RunningServer;
  try {
    running = await startServer({ ...config, logger });
  } catch (err) {
    if (err instanceof MigrationMismatchError) {
      logger.error('database migrations do not match this build; refusing to start', {
        message: err.message,
        dataDir: config.dataDir,
      });
    } else if (err instanceof PgUnavailableError) {
      // Issue 10, bad input: one clear line and exit 1 (a service manager's restart delay applies),
      // not a stack trace per attempt.
      logger.error('the PostgreSQL database cannot be used; refusing to start', { message: err.message });
    } else if (err instanceof StoreCorruptError) {
      // Issue 9 §8: never serve, nor write into, a damaged file; a backup restores it (README).
      logger.error('the database failed its integrity check (PRAGMA quick_check); refusing to start', {
        file: err.file,
        problems: err.problems,
        fix: 'restore the latest backup with npm run restore -- FILE, then start again',
      });
    } else {
      logger.error('failed to start', describeError(err));
    }
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    running.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('shutdown failed', describeError(err));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
