/**
 * Every endpoint of the app for the fuzzer (issue 9 §12), the issue 9 contract's admin and PIN
 * routes included, each with a valid body to mutate, rendered against the live building.
 */
import { ADMIN_PATHS, PIN_CHECK_PATH, PIN_UPGRADE_PATH } from '../../../src/domain/api';
import type { RequestRecipe } from './fuzz-requests';

/** What the fuzzer knows of the live building, to render valid parts beside hostile ones. */
export interface FuzzContext {
  siteId: string;
  deviceId: string;
  token: string;
  adminId: string;
  photoSha: string;
  /** An item the building holds, for the push template's patch op. */
  itemId: string;
  /** The device's next op counter, from its last counter read from the store before each request. */
  nextCounter(): number;
  now(): number;
}

export interface Endpoint {
  method: string;
  /** `:param` parts take a valid value or a hostile one. */
  path: string;
  query?: readonly string[];
  body?: (ctx: FuzzContext, recipe: RequestRecipe) => unknown;
}

function pushOp(ctx: FuzzContext, table: string, patch: boolean): Record<string, unknown> {
  const id = crypto.randomUUID();
  const now = ctx.now();
  const head = { deviceId: ctx.deviceId, counter: ctx.nextCounter(), table };
  const tail = {
    hlc: `${String(now).padStart(15, '0')}-0000-${ctx.deviceId}`,
    deviceTime: now,
    actorStaffId: ctx.adminId,
  };
  if (patch) {
    const fields = { label: `Key ${now}` };
    return { ...head, rowId: ctx.itemId, kind: 'patch', fields, baseVersion: { label: 1 }, ...tail };
  }
  return {
    ...head,
    rowId: id,
    kind: 'put',
    fields: {
      id,
      siteId: ctx.siteId,
      category: 'key',
      label: 'Key',
      code: 'K-1',
      expectedQuantity: 1,
      location: 'Box',
      active: true,
    },
    baseVersion: {},
    ...tail,
  };
}

/** Every endpoint of the app, the issue 9 contract's admin and PIN routes included. */
export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v1/health', query: ['deep'] },
  {
    method: 'POST',
    path: '/api/v1/setup',
    body: () => ({ setupCode: 'ABCDEFGH', site: { name: 'X' }, admin: { name: 'A', pin: '123456' }, deviceName: 'T' }),
  },
  { method: 'POST', path: '/api/v1/enrolment-codes', body: (c) => ({ actorStaffId: c.adminId, deviceKind: 'desk' }) },
  { method: 'POST', path: '/api/v1/enrol', body: () => ({ code: 'ABCD-EFGH', deviceName: 'Lobby' }) },
  { method: 'GET', path: '/api/v1/sites/:siteId/staff' },
  {
    method: 'POST',
    path: '/api/v1/sync/push',
    body: (c, r) => ({
      deviceId: c.deviceId,
      schemaVersion: 1,
      deviceNow: c.now(),
      ops: [pushOp(c, r.table, r.patch)],
    }),
  },
  { method: 'GET', path: '/api/v1/sync/pull', query: ['cursor', 'limit'] },
  { method: 'PUT', path: '/api/v1/photos/:sha256' },
  { method: 'GET', path: '/api/v1/photos/:sha256' },
  { method: 'GET', path: '/api/v1/push/vapid-public-key' },
  {
    method: 'POST',
    path: '/api/v1/push/subscriptions',
    body: (c) => ({ endpoint: 'https://push.example/x', keys: { p256dh: 'AAAA', auth: 'BBBB' }, staffId: c.adminId }),
  },
  { method: 'DELETE', path: '/api/v1/push/subscriptions', body: () => ({ endpoint: 'https://push.example/x' }) },
  { method: 'GET', path: '/api/v1/registers/:file', query: ['siteId', 'from', 'to', 'status', 'lang', 'q'] },
  { method: 'GET', path: '/api/v1/search', query: ['q', 'limit', 'before', 'table'] },
  { method: 'GET', path: '/api/v1/integrity', query: ['from', 'to'] },
  { method: 'GET', path: '/api/v1/reports/people.csv', query: ['from', 'to', 'lang'] },
  { method: 'GET', path: ADMIN_PATHS.staff },
  { method: 'POST', path: ADMIN_PATHS.staff, body: () => ({ name: 'Lee', role: 'desk', pin: '2468' }) },
  { method: 'PATCH', path: '/api/v1/admin/staff/:staffId', body: () => ({ role: 'admin', active: true }) },
  { method: 'POST', path: '/api/v1/admin/staff/:staffId/pin', body: () => ({ pin: '135790' }) },
  { method: 'PATCH', path: ADMIN_PATHS.site, body: () => ({ name: 'Tower' }) },
  { method: 'GET', path: ADMIN_PATHS.devices },
  { method: 'POST', path: '/api/v1/admin/devices/:deviceId/revoke', body: () => ({}) },
  { method: 'POST', path: PIN_CHECK_PATH, body: () => ({}) },
  { method: 'POST', path: PIN_UPGRADE_PATH, body: (c) => ({ staffId: c.adminId, pin: '999999' }) },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/assets/index.js.map' },
  { method: 'GET', path: '/api/v1/:other' },
];
