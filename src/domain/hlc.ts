/**
 * Hybrid logical clock (Kulkarni et al.). Used to order and audit changes across tablets whose
 * wall clocks disagree; conflicts are decided by per-field versions, not by HLC (docs/architecture.md).
 *
 * Serialised as `WWWWWWWWWWWWWWW-CCCC-node`: zero-padded wall milliseconds, base-36 counter and
 * the node (device) id, so string comparison equals causal-then-node order.
 */
export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export class HlcError extends Error {
  readonly code = 'hlc_overflow';
}

export function formatHlc(h: Hlc): string {
  return `${Math.trunc(h.wallMs).toString().padStart(WALL_DIGITS, '0')}-${h.counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{4})-(.+)$/;

export function parseHlc(s: string): Hlc | null {
  const m = HLC_PATTERN.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  return { wallMs: Number(m[1]), counter: parseInt(m[2], 36), node: m[3] };
}

export function isHlc(s: string): boolean {
  return parseHlc(s) !== null;
}

export function zeroHlc(node: string): Hlc {
  return { wallMs: 0, counter: 0, node };
}

/** A local event (a write on this device) at physical time `nowMs`. */
export function tickHlc(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.wallMs) return { wallMs: nowMs, counter: 0, node: last.node };
  return bump(last.wallMs, last.counter + 1, last.node);
}

/** Merge a timestamp received from elsewhere (pulled change, server response). */
export function receiveHlc(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wall = Math.max(last.wallMs, remote.wallMs, nowMs);
  let counter = 0;
  if (wall === last.wallMs && wall === remote.wallMs) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wallMs) counter = last.counter + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  return bump(wall, counter, last.node);
}

/**
 * T1: the server never lets a tablet with a clock set in the future push the whole building's
 * clock forward. A timestamp more than `maxFutureMs` ahead of the server's time is pulled back.
 */
export function clampHlc(remote: Hlc, serverNowMs: number, maxFutureMs: number): Hlc {
  const limit = serverNowMs + maxFutureMs;
  if (remote.wallMs <= limit) return remote;
  return { wallMs: limit, counter: remote.counter, node: remote.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bump(wallMs: number, counter: number, node: string): Hlc {
  if (counter > MAX_COUNTER) {
    // Over a million events in one millisecond means a runaway loop; refuse rather than wrap.
    throw new HlcError(`HLC counter overflow at ${wallMs}`);
  }
  return { wallMs, counter, node };
}
