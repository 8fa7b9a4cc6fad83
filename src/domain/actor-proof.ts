/**
 * Issue 9 §3: the person is proven to the server, not claimed (docs/security.md). Every op carries
 * `proof` = HMAC-SHA256 over its canonical content, keyed by the actor's proof key (pin.ts), and
 * every admin or office request carries the same kind of proof over its method, path, body, device
 * and time in three headers. The server holds each person's proof key; a tablet holds it only in
 * memory while that person is signed in, so a stolen tablet yields it only by brute-forcing the
 * PINs whose verifiers it holds.
 *
 * The HMAC is synchronous (@noble/hashes): an op is signed inside the Dexie transaction that
 * queues it, where awaiting WebCrypto would end the transaction.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './canonical';
import { constantTimeEqual } from './pin';

/** An op's proof: 32 bytes, URL-safe base64 without padding (43 characters). */
export const PROOF_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What an op's proof covers: everything the server applies, the device and its counter. */
export interface ProvableOp {
  deviceId: string;
  counter: number;
  table: string;
  rowId: string;
  kind: string;
  fields: Record<string, unknown>;
  baseVersion: Record<string, number>;
  hlc: string;
  deviceTime: number;
  actorStaffId: string;
}

/** The signed text of an op (version-tagged, so the format can change without ambiguity). */
export function opProofPayload(op: ProvableOp): string {
  return canonicalJson({
    v: 1,
    deviceId: op.deviceId,
    counter: op.counter,
    table: op.table,
    rowId: op.rowId,
    kind: op.kind,
    fields: op.fields,
    baseVersion: op.baseVersion,
    hlc: op.hlc,
    deviceTime: op.deviceTime,
    actorStaffId: op.actorStaffId,
  });
}

/** The proof of `op` under `proofKey`. */
export function signOp(proofKey: Uint8Array, op: ProvableOp): string {
  return macB64(proofKey, opProofPayload(op));
}

/** True when `proof` is `op`'s proof under `proofKey` (constant-time). */
export function verifyOpProof(proofKey: Uint8Array, op: ProvableOp, proof: string | undefined): boolean {
  if (proof === undefined || !PROOF_PATTERN.test(proof)) return false;
  return constantTimeEqual(new TextEncoder().encode(signOp(proofKey, op)), new TextEncoder().encode(proof));
}

/** The headers of a request made in a person's name (admin actions, office reads, online PIN check). */
export const ACTOR_HEADERS = {
  staffId: 'x-actor-id',
  /** The tablet's server-corrected time of the request (T1), epoch ms. */
  at: 'x-actor-at',
  proof: 'x-actor-proof',
} as const;

/** A request proof is good this long either side of the server's clock. */
export const REQUEST_PROOF_WINDOW_MS = 5 * 60_000;

/** What a request proof covers. `path` is the URL path with its query string. */
export interface ProvableRequest {
  method: string;
  path: string;
  deviceId: string;
  staffId: string;
  at: number;
  /** The exact request body text ('' when there is none). */
  body: string;
}

export function requestProofPayload(r: ProvableRequest): string {
  return canonicalJson({
    v: 1,
    method: r.method.toUpperCase(),
    path: r.path,
    deviceId: r.deviceId,
    staffId: r.staffId,
    at: r.at,
    bodySha256: toHex(sha256(new TextEncoder().encode(r.body))),
  });
}

export function signRequest(proofKey: Uint8Array, r: ProvableRequest): string {
  return macB64(proofKey, requestProofPayload(r));
}

export function verifyRequestProof(proofKey: Uint8Array, r: ProvableRequest, proof: string | undefined): boolean {
  if (proof === undefined || !PROOF_PATTERN.test(proof)) return false;
  return constantTimeEqual(new TextEncoder().encode(signRequest(proofKey, r)), new TextEncoder().encode(proof));
}

function macB64(key: Uint8Array, text: string): string {
  return toBase64Url(hmac(sha256, key, new TextEncoder().encode(text)));
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
