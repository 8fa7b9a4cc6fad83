/**
 * Issue 9 §3 (docs/security.md): a request made in a person's name (admin actions, office reads,
 * the online PIN check) is proven, not claimed. After bearer auth (http/auth.ts) this middleware
 * checks the proof headers (actor-proof.ts ACTOR_HEADERS): the time is within
 * REQUEST_PROOF_WINDOW_MS of the server's, the person is staff of the token's building, and the
 * proof verifies under their proof key over the method, path, device, time and body. A wrong proof
 * counts towards that person's lockout (five in five minutes: 429 `locked_out` for five minutes);
 * while locked out even a right proof is refused. Only then are `active` and the role checked.
 */
import type { MiddlewareHandler } from 'hono';
import { ACTOR_HEADERS, REQUEST_PROOF_WINDOW_MS, verifyRequestProof } from '../../domain/actor-proof';
import type { Role } from '../../domain/entities';
import { ApiError } from '../api-error';
import type { AppEnv, AppServices } from '../http/app-env';
import type { ProofFailure } from '../store/staff-keys';
import type { StoredRow, StoreReads } from '../store/store';

/** The person a request was proven to come from. */
export interface ProvenActor {
  id: string;
  role: Role;
  name: string;
}

export interface ActorAuthOptions {
  /** Roles allowed (403 forbidden_role otherwise); every role when absent. */
  roles?: readonly Role[];
  /** Whether an inactive person may pass (only the online PIN check: it says so itself). */
  allowInactive?: boolean;
}

/** The middleware; it must run after bearerAuth, which sets the device. */
export function actorAuth(
  deps: Pick<AppServices, 'store' | 'now'>,
  opts: ActorAuthOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const device = c.get('device');
    const staffId = c.req.header(ACTOR_HEADERS.staffId) ?? '';
    const atText = c.req.header(ACTOR_HEADERS.at) ?? '';
    const proof = c.req.header(ACTOR_HEADERS.proof);
    if (staffId === '' || proof === undefined || !/^\d{1,16}$/.test(atText)) {
      throw new ApiError('actor_unproven', `this request needs the headers ${Object.values(ACTOR_HEADERS).join(', ')}`);
    }
    const now = deps.now();
    const at = Number(atText);
    if (Math.abs(at - now) > REQUEST_PROOF_WINDOW_MS) {
      throw new ApiError('actor_unproven', 'the request proof is too old or too far ahead of the server clock', {
        serverTime: now,
      });
    }
    const person = await staffOfBuilding(deps.store, device.siteId, staffId);
    const key = person ? await deps.store.getStaffKey(device.siteId, staffId) : undefined;
    if (key?.lockedUntil != null && key.lockedUntil > now) throw lockedOut(key.lockedUntil);
    // One answer for an unknown person and a wrong proof, so ids cannot be probed.
    if (!person || !key?.proofKey) throw new ApiError('actor_unproven', 'the person is not proven by this request');
    const body = await c.req.text();
    const ok = candidatePaths(c.req.url).some((path) =>
      verifyRequestProof(
        key.proofKey as Uint8Array,
        { method: c.req.method, path, deviceId: device.id, staffId, at, body },
        proof,
      ),
    );
    if (!ok) {
      throw wrongPin(
        await deps.store.transaction(device.siteId, (tx) => tx.recordProofFailure(device.siteId, staffId, now)),
      );
    }
    if (key.failedAt.length > 0) {
      await deps.store.transaction(device.siteId, (tx) => tx.clearProofFailures(device.siteId, staffId));
    }
    if (person.row.active !== true && opts.allowInactive !== true) {
      throw new ApiError('forbidden_role', 'this person is not active');
    }
    const role = person.row.role;
    if (opts.roles && !opts.roles.includes(role)) {
      throw new ApiError('forbidden_role', `a ${role} may not make this request`, { role });
    }
    c.set('actor', { id: staffId, role, name: person.row.name });
    await next();
  };
}

/**
 * A wrong PIN's answer: 429 locked_out once it locks the person, else 403 actor_unproven with the
 * attempts left, which the tablet shows as it does for a PIN it checks itself. (The count says the
 * person exists; an enrolled tablet already holds the building's staff list, hashes aside.)
 */
export function wrongPin(failure: ProofFailure): ApiError {
  if (failure.lockedUntil !== null) return lockedOut(failure.lockedUntil);
  return new ApiError('actor_unproven', 'the person is not proven by this request', {
    attemptsLeft: failure.attemptsLeft,
  });
}

/** 429 locked_out with the end of the lockout. */
export function lockedOut(lockedUntil: number): ApiError {
  return new ApiError('locked_out', 'too many wrong PINs for this person; try again later', { lockedUntil });
}

/** A live staff row of the building, or undefined. */
export async function staffOfBuilding(
  store: StoreReads,
  siteId: string,
  staffId: string,
): Promise<StoredRow<'staff'> | undefined> {
  const row = await store.getRow(siteId, 'staff', staffId);
  return row && !row.deleted ? row : undefined;
}

/**
 * The path and query the proof may cover: as it came on the wire (percent-encoded) or decoded (a
 * client that signed `?q=電梯` before fetch encoded it).
 */
function candidatePaths(url: string): string[] {
  const u = new URL(url);
  const wire = `${u.pathname}${u.search}`;
  let decoded = wire;
  try {
    decoded = decodeURI(wire);
  } catch {
    // A malformed escape: only the wire form can match.
  }
  return decoded === wire ? [wire] : [wire, decoded];
}
