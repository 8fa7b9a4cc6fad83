/**
 * A stand-in for the server's PIN endpoints (issue 9 §3), for the tablet's sign-in tests: it records
 * each PIN check with its actor headers and each upgrade with its body, and answers what the test
 * says. `offline` makes every call fail as fetch does without a network.
 */
import { ACTOR_HEADERS, verifyRequestProof } from '../../../src/domain/actor-proof';
import { PIN_CHECK_PATH, PIN_UPGRADE_PATH } from '../../../src/domain/api';
import type { PinServer } from '../../../src/client/sync/pin-server';

interface Answer {
  status: number;
  body: unknown;
}

/** One request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakePinServer extends PinServer {
  checks: SeenRequest[];
  upgrades: unknown[];
  /** Whether a seen request's actor proof verifies under `proofKey` for `deviceId`. */
  proofValid(r: SeenRequest, proofKey: Uint8Array, deviceId: string): boolean;
}

export function fakeServer(opts: { offline?: boolean; check?: () => Answer; upgrade?: () => Answer }): FakePinServer {
  const checks: SeenRequest[] = [];
  const upgrades: unknown[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    if (opts.offline) throw new TypeError('Failed to fetch');
    const url = new URL(String(input), 'https://desk.test');
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const seen = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      headers,
      body: String(init?.body ?? ''),
    };
    let answer: Answer = { status: 404, body: { error: { code: 'not_found', message: 'no route' } } };
    if (url.pathname === PIN_CHECK_PATH) {
      checks.push(seen);
      if (opts.check) answer = opts.check();
    } else if (url.pathname === PIN_UPGRADE_PATH) {
      upgrades.push(JSON.parse(seen.body));
      if (opts.upgrade) answer = opts.upgrade();
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return {
    baseUrl: 'https://desk.test',
    fetchFn,
    checks,
    upgrades,
    proofValid(r, proofKey, deviceId) {
      const staffId = r.headers[ACTOR_HEADERS.staffId] ?? '';
      const at = Number(r.headers[ACTOR_HEADERS.at]);
      const request = { method: r.method, path: r.path, deviceId, staffId, at, body: r.body };
      return verifyRequestProof(proofKey, request, r.headers[ACTOR_HEADERS.proof]);
    },
  };
}
