import { describe, expect, it } from 'vitest';
import {
  clampHlc,
  compareHlc,
  formatHlc,
  HLC_MAX_COUNTER,
  isHlc,
  isOpHlc,
  OP_HLC_MAX_COUNTER,
  parseHlc,
  receiveHlc,
  tickHlc,
  zeroHlc,
  type Hlc,
} from '../../../src/domain/hlc';

const T = 1_750_000_000_000;

describe('HLC ordering', () => {
  it('string order equals (wall, counter, node) order', () => {
    const stamps: Hlc[] = [
      { wallMs: T, counter: 0, node: 'a' },
      { wallMs: T, counter: 0, node: 'b' },
      { wallMs: T, counter: 1, node: 'a' },
      { wallMs: T, counter: 36, node: 'a' },
      { wallMs: T + 1, counter: 0, node: 'a' },
      { wallMs: 10 * T, counter: 0, node: 'a' },
    ];
    const strings = stamps.map(formatHlc);
    expect([...strings].sort(compareHlc)).toEqual(strings);
    for (const s of strings) expect(isHlc(s)).toBe(true);
  });

  it('round-trips through format and parse', () => {
    const h = { wallMs: T, counter: 1234, node: '01970f3a-0000-7000-8000-000000000000' };
    expect(parseHlc(formatHlc(h))).toEqual(h);
    expect(parseHlc('not-an-hlc')).toBeNull();
  });

  it('tick is strictly increasing even when the wall clock steps back', () => {
    let h = zeroHlc('dev');
    const walls = [T, T, T + 5, T - 1000, T - 1000, T + 5, T + 6];
    const out: string[] = [];
    for (const w of walls) {
      h = tickHlc(h, w);
      out.push(formatHlc(h));
    }
    for (let i = 1; i < out.length; i++) expect(compareHlc(out[i - 1]!, out[i]!)).toBe(-1);
    expect(h.wallMs).toBe(T + 6);
  });
});

describe('HLC receive/merge', () => {
  it('moves past a remote timestamp ahead of the local clock', () => {
    const local = { wallMs: T, counter: 3, node: 'a' };
    const remote = { wallMs: T + 500, counter: 7, node: 'b' };
    const merged = receiveHlc(local, remote, T + 100);
    expect(merged).toEqual({ wallMs: T + 500, counter: 8, node: 'a' });
    expect(compareHlc(formatHlc(merged), formatHlc(remote))).toBe(1);
  });

  it('uses the larger counter when wall times tie', () => {
    const merged = receiveHlc({ wallMs: T, counter: 3, node: 'a' }, { wallMs: T, counter: 9, node: 'b' }, T - 5);
    expect(merged).toEqual({ wallMs: T, counter: 10, node: 'a' });
  });

  it('resets the counter when physical time is ahead of both', () => {
    expect(receiveHlc({ wallMs: T, counter: 3, node: 'a' }, { wallMs: T - 1, counter: 9, node: 'b' }, T + 1)).toEqual({
      wallMs: T + 1,
      counter: 0,
      node: 'a',
    });
  });
});

describe('T1: clamping future timestamps', () => {
  it('pulls a timestamp more than maxFutureMs ahead back to the limit', () => {
    const future = { wallMs: T + 3_600_000, counter: 4, node: 'tablet' };
    expect(clampHlc(future, T, 60_000)).toEqual({ wallMs: T + 60_000, counter: 4, node: 'tablet' });
  });

  it('keeps a timestamp within the allowance unchanged', () => {
    const near = { wallMs: T + 59_000, counter: 1, node: 'tablet' };
    expect(clampHlc(near, T, 60_000)).toBe(near);
  });
});

describe('HLC overflow (issue 9 §5: no clock throws)', () => {
  it('a counter past its maximum moves the clock on by 1 ms instead of wrapping or throwing', () => {
    const max = { wallMs: T, counter: HLC_MAX_COUNTER, node: 'a' };
    const ticked = tickHlc(max, T);
    expect(ticked).toEqual({ wallMs: T + 1, counter: 0, node: 'a' });
    expect(compareHlc(formatHlc(ticked), formatHlc(max))).toBe(1);
    const merged = receiveHlc(max, { wallMs: T, counter: 0, node: 'b' }, T - 1);
    expect(merged).toEqual({ wallMs: T + 1, counter: 0, node: 'a' });
    expect(receiveHlc({ wallMs: T, counter: 0, node: 'a' }, max, T - 1)).toEqual({
      wallMs: T + 1,
      counter: 0,
      node: 'a',
    });
    // Time moving on resets the counter as before.
    expect(tickHlc(max, T + 5)).toEqual({ wallMs: T + 5, counter: 0, node: 'a' });
  });

  it('an op may carry an HLC within bounds only: sane wall time, counter at most half, a plain node', () => {
    const ok = formatHlc({ wallMs: T, counter: 3, node: 'd2c1e0c4-0000-4000-8000-000000000001' });
    expect(isOpHlc(ok)).toBe(true);
    expect(isOpHlc(formatHlc({ wallMs: T, counter: OP_HLC_MAX_COUNTER, node: 'server' }))).toBe(true);
    expect(isOpHlc(formatHlc({ wallMs: T, counter: OP_HLC_MAX_COUNTER + 1, node: 'd1' }))).toBe(false);
    expect(isOpHlc(formatHlc({ wallMs: T, counter: HLC_MAX_COUNTER, node: 'd1' }))).toBe(false);
    expect(isOpHlc(formatHlc({ wallMs: 5, counter: 0, node: 'd1' }))).toBe(false);
    expect(isOpHlc(formatHlc({ wallMs: 99_999_999_999_999, counter: 0, node: 'd1' }))).toBe(false);
    expect(isOpHlc(formatHlc({ wallMs: T, counter: 0, node: 'x'.repeat(65) }))).toBe(false);
    expect(isOpHlc(formatHlc({ wallMs: T, counter: 0, node: 'a b' }))).toBe(false);
    expect(isOpHlc('not an hlc')).toBe(false);
  });
});
