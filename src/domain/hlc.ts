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
/** The largest counter the 4 base-36 digits hold. */
export const HLC_MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

/**
 * Issue 9 §5: the bounds of an HLC a tablet may send in an op (sync-protocol.ts `OpHlc`). The wall
 * time lies between 2000 and 2200 (the server clamps the future further, T1); the counter stays at
 * or below half its maximum, so a clock that merges it still has half a million ticks of room
 * before it moves to the next millisecond (`bump`); the node is a device id or `server`.
 */
export const OP_HLC_MIN_WALL_MS = Date.UTC(2000, 0, 1);
export const OP_HLC_MAX_WALL_MS = Date.UTC(2200, 0, 1);
export const OP_HLC_MAX_COUNTER = Math.floor(HLC_MAX_COUNTER / 2);
const OP_HLC_NODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Issue 9 §5: no clock throws any more (`bump` moves on by 1 ms instead of overflowing). Kept so
 * callers written before that still compile; nothing in the domain throws it.
 * @deprecated never thrown.
 */
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

/** Issue 9 §5: an HLC within the bounds an op may carry (OP_HLC_MIN_WALL_MS...). */
export function isOpHlc(s: string): boolean {
  const h = parseHlc(s);
  return (
    h !== null &&
    h.wallMs >= OP_HLC_MIN_WALL_MS &&
    h.wallMs <= OP_HLC_MAX_WALL_MS &&
    h.counter <= OP_HLC_MAX_COUNTER &&
    OP_HLC_NODE.test(h.node)
  );
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

/**
 * Issue 9 §5: a counter past its 4 digits moves the clock to the next millisecond instead of
 * throwing. The order is kept ((wall + 1, 0) sorts after (wall, max)), and a clock never fails:
 * before, one op with a near-maximum counter made the server's clock throw on every push of
 * every building until real time caught up.
 */
function bump(wallMs: number, counter: number, node: string): Hlc {
  if (counter > HLC_MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node };
  return { wallMs, counter, node };
}
