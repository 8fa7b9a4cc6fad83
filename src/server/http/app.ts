/**
 * The Hono app: the REST API under /api/v1 and the built PWA. Usable in process
 * (`app.request(...)`) by tests, and served by main.ts on @hono/node-server.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { defaultPinHasher } from '../auth/pin-service';
import { GENERATION_HEADER } from '../../domain/sync-protocol';
import { createEscalationPush } from '../push/escalation-push';
import { clientOf, socketAddressOf } from './trusted-proxy';
import { ServerClock } from '../sync/server-clock';
import type { AppDeps, AppEnv, AppServices } from './app-env';
import { apiError, makeErrorHandler } from './errors';
import { gzipResponses } from './gzip';
import { DEFAULT_RATE_LIMITS, limitFailedAuth, limitRequests, SharedBuckets, type RateLimits } from './rate-limit';
import { jsonBodiesOnly } from './read-body';
import { requestLog } from './request-log';
import { officeRoutes } from './routes/office-routes';
import { adminRoutes } from './routes/admin-routes';
import { authRoutes } from './routes/auth-routes';
import { integrityRoutes } from './routes/integrity-routes';
import { PHOTOS_PATH, photoRoutes } from './routes/photo-routes';
import { pushRoutes } from './routes/push-routes';
import { registerRoutes } from './routes/register-routes';
import { searchRoutes } from './routes/search-routes';
import { REPORTS_PATH, reportRoutes } from './routes/report-routes';
import { siteRoutes } from './routes/site-routes';
import { syncRoutes } from './routes/sync-routes';
import { securityHeaders } from './security-headers';
import { serveDist } from './static-files';
import { caRoutes } from '../tls/ca-routes';
import { logStoreFailure, storeGuard } from './store-guard';

export type { AppDeps } from './app-env';

/** Build the app. One ServerClock per app stamps the rows the server writes itself. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const escalationPush = deps.vapid
    ? createEscalationPush({ store: deps.store, vapid: deps.vapid, logger: deps.logger, now: deps.now })
    : null;
  const services: AppServices = {
    ...deps,
    clock: new ServerClock(),
    escalationPush,
    pinHasher: deps.pinHasher ?? defaultPinHasher,
  };
  const app = new Hono<AppEnv>();
  const trusted = deps.trustProxy ?? new Set<string>();

  // Issue 10 §8: who the client is, once per request (behind a trusted proxy, the forwarded client).
  app.use('*', async (c, next) => {
    const socket = socketAddressOf(c.env);
    if (socket !== undefined) c.set('clientAddress', clientOf(socket, c.req.header('x-forwarded-for'), trusted));
    await next();
  });
  app.use('*', requestLog(services));
  // Issue 9 §1: every API answer, errors included, names the database's generation, so a tablet
  // learns of a restore from whatever request it makes first (docs/architecture.md "Restores").
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set(GENERATION_HEADER, deps.store.generation());
  });
  // Issue 9 §7: mounted before everything else so API answers, files, errors and 404s all get them.
  app.use('*', securityHeaders());
  // Issue 9 §7: pulls (every compressible answer of 1 KiB or more) gzipped when the client accepts
  // it, off the event loop (gzip.ts).
  app.use('*', gzipResponses());

  // Issue 9 §7: rate limits per client address, checked before a body is read or a row is touched.
  // Issue 10 §4: counted in the database, so every server process of a company counts together.
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const buckets = (kind: keyof RateLimits) =>
    new SharedBuckets(kind, limits[kind], deps.now, deps.store.shared, deps.logger);
  app.use('/api/*', limitFailedAuth(buckets('failedAuth')));
  app.use('/api/v1/setup', limitRequests(buckets('setup'), 'setup attempts'));
  app.use('/api/v1/enrol', limitRequests(buckets('enrol'), 'enrolment attempts'));
  app.use('/api/v1/auth/*', limitRequests(buckets('auth'), 'PIN checks'));
  app.use('/api/v1/admin/*', limitRequests(buckets('admin'), 'admin requests'));

  // Issue 9 §8: a store that met a corruption error takes no more writes (503 store_unavailable).
  logStoreFailure(deps.store, deps.logger);
  app.use('/api/*', storeGuard(deps.store));

  const apiBodyLimit = bodyLimit({
    maxSize: deps.bodyLimitBytes,
    onError: (c) =>
      apiError(c, 'payload_too_large', `the request body is over ${deps.bodyLimitBytes} bytes`, {
        limitBytes: deps.bodyLimitBytes,
      }),
  });
  // A photo upload carries its own, larger limit (photo-routes.ts) and its image type; every other
  // body has this limit and is JSON (issue 9 §7: 415 otherwise).
  const jsonOnly = jsonBodiesOnly();
  app.use('/api/*', (c, next) => (c.req.path.startsWith(`${PHOTOS_PATH}/`) ? next() : apiBodyLimit(c, next)));
  app.use('/api/*', (c, next) => (c.req.path.startsWith(`${PHOTOS_PATH}/`) ? next() : jsonOnly(c, next)));

  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are live data; no HTTP cache may keep a pull page or a token response. Only a
    // route that says otherwise (content-addressed photo bytes) keeps its own policy.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.route('/api/v1', siteRoutes(services));
  app.route('/api/v1/sync', syncRoutes(services));
  app.route(PHOTOS_PATH, photoRoutes(services));
  app.route('/api/v1/push', pushRoutes(services));
  app.route('/api/v1/registers', registerRoutes(services));
  app.route('/api/v1/search', searchRoutes(services));
  app.route('/api/v1/integrity', integrityRoutes(services));
  app.route(REPORTS_PATH, reportRoutes(services));
  app.route('/api/v1/admin', adminRoutes(services));
  app.route('/api/v1/auth', authRoutes(services));
  app.route('/api/v1/office', officeRoutes(services));
  // An unknown API path is a JSON 404, never the app shell (a tablet would parse HTML as data).
  app.all('/api/*', (c) => apiError(c, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`));
  // Issue 9 §4: the CA page and certificate, before the app shell's fallback can answer them.
  if (deps.tls) app.route('/', caRoutes(deps.tls));
  if (deps.distDir !== undefined) app.get('*', serveDist(deps.distDir));

  app.notFound((c) => apiError(c, 'not_found', `not found: ${c.req.method} ${c.req.path}`));
  app.onError(makeErrorHandler(deps.logger));
  return app;
}
