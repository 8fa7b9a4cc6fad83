/**
 * Issue 9 §3: the admin screen talks to the admin API only. These fixtures seed an enrolled tablet
 * with a signed-in admin whose proof key this page holds, and stand in for the server at the fetch
 * boundary: each request is recorded with its path, body and whether its proof headers verify
 * (verifyRequestProof, the server's own check) for the admin and this device.
 */
import { vi } from 'vitest';
import { ACTOR_HEADERS, verifyRequestProof } from '../../src/domain/actor-proof';
import type { DeviceSummary } from '../../src/domain/api';
import type { Role, Staff } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { forgetProofKeys, rememberProofKey } from '../../src/client/state/proof-keys';
import { seedStaff, seedTablet, type SeededTablet } from './helpers';

export interface RecordedCall {
  method: string;
  path: string;
  /** The parsed JSON body, undefined when none was sent. */
  body: unknown;
  /** The actor named by the proof headers. */
  actorId: string | null;
  /** The proof headers verify for the admin's key and this device over this exact request. */
  proven: boolean;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export interface AdminFixture {
  tablet: SeededTablet;
  adminId: string;
  /** Every request the screen made, in order. */
  calls: RecordedCall[];
  /** Answers `METHOD path` with `handler` from now on. */
  on(route: string, handler: Handler): void;
}

/** A JSON error answer in the server's shape. */
export function apiError(status: number, code: string, details?: unknown): Response {
  return Response.json({ error: { code, message: code, ...(details === undefined ? {} : { details }) } }, { status });
}

/** A staff row as the server writes and returns it (AdminStaffResponse). */
export function serverStaff(
  tablet: SeededTablet,
  person: { id?: string; name: string; role: Role; active?: boolean },
): Staff {
  return {
    id: person.id ?? newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: Date.now() + 60_000, counter: 0, node: 'server' }),
    deleted: false,
    name: person.name,
    role: person.role,
    pinHash: { alg: 'PBKDF2-SHA256-v2', iterations: 600_000, salt: 'c2FsdHNhbHRzYWx0c2FsdA==' },
    active: person.active ?? true,
  };
}

/** A device as GET /api/v1/admin/devices lists it. */
export function device(d: Partial<DeviceSummary> & { name: string }): DeviceSummary {
  return {
    id: newId(),
    kind: 'desk',
    createdAt: Date.UTC(2026, 10, 2, 1, 0),
    lastSeenAt: null,
    pendingOps: null,
    revokedAt: null,
    current: false,
    ...d,
  };
}

/**
 * An enrolled tablet with the admin 黃志強 signed in (their proof key in this page) and a fetch
 * that routes to the handlers given with `on`; the device list answers empty unless told.
 */
export async function adminFixture(): Promise<AdminFixture> {
  forgetProofKeys();
  const tablet = await seedTablet();
  const adminId = await seedStaff(tablet, { name: 'Wong Siu Ming', role: 'admin' });
  const proofKey = crypto.getRandomValues(new Uint8Array(32));
  rememberProofKey(adminId, proofKey);
  const calls: RecordedCall[] = [];
  const routes = new Map<string, Handler>();
  routes.set('GET /api/v1/admin/devices', () => Response.json({ devices: [], serverTime: Date.now() }));
  // Issue 10 §1: the buildings this admin administers: this one only, unless told.
  const site = await tablet.db.site.get(tablet.siteId);
  routes.set('GET /api/v1/admin/buildings', () =>
    Response.json({
      buildings: [
        {
          siteId: tablet.siteId,
          name: site?.name ?? '',
          timeZone: site?.timeZone ?? 'Asia/Hong_Kong',
          staffId: adminId,
          role: 'admin',
        },
      ],
      serverTime: Date.now(),
    }),
  );

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://tablet.local');
    const path = `${url.pathname}${url.search}`;
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const bodyText = typeof init?.body === 'string' ? init.body : '';
    const actorId = headers.get(ACTOR_HEADERS.staffId);
    const at = Number(headers.get(ACTOR_HEADERS.at));
    const proven =
      actorId === adminId &&
      verifyRequestProof(
        proofKey,
        { method, path, deviceId: tablet.deviceId, staffId: adminId, at, body: bodyText },
        headers.get(ACTOR_HEADERS.proof) ?? undefined,
      );
    const call: RecordedCall = {
      method,
      path,
      body: bodyText === '' ? undefined : JSON.parse(bodyText),
      actorId,
      proven,
    };
    calls.push(call);
    const handler = routes.get(`${method} ${url.pathname}`);
    return handler ? handler(call) : apiError(404, 'not_found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return { tablet, adminId, calls, on: (route, handler) => routes.set(route, handler) };
}

/** The lists the admin screen loads as it opens: its devices and (issue 10 §1) its company's buildings. */
const SCREEN_READS = new Set(['/api/v1/admin/devices', '/api/v1/admin/buildings']);

/** The calls other than the lists the screen loads as it opens. */
export function writes(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => !(c.method === 'GET' && SCREEN_READS.has(c.path)));
}

/** The browser says it is offline (navigator.onLine false, and the `offline` event). */
export function goOffline(): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  window.dispatchEvent(new Event('offline'));
}
