/**
 * A fetch that misbehaves like a flaky building network: drops a request before it is sent,
 * loses the response after the server committed, or delivers the request twice.
 */
export interface FaultStats {
  dropped: number;
  lost: number;
  duplicated: number;
  passed: number;
}

export interface FaultSwitch {
  on: boolean;
}

/** A small seeded PRNG (mulberry32), so a failing run replays exactly from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function faultyFetch(random: () => number, faults: FaultSwitch, stats: FaultStats): typeof fetch {
  const real: typeof fetch = (input, init) => globalThis.fetch(input, init);
  return async (input, init) => {
    if (!faults.on) return real(input, init);
    const r = random();
    if (r < 0.15) {
      stats.dropped++;
      throw new TypeError('fault: request dropped before sending');
    }
    if (r < 0.3) {
      stats.lost++;
      const res = await real(input, init);
      await res.text(); // the server has answered, so it has committed
      throw new TypeError('fault: response lost');
    }
    if (r < 0.45) {
      stats.duplicated++;
      if (random() < 0.5) {
        // Both copies race; the server's one-transaction-per-push must keep them apart.
        const [a, b] = await Promise.all([real(input, init), real(input, init)]);
        const [keep, drop] = random() < 0.5 ? [a, b] : [b, a];
        await drop.text();
        return keep;
      }
      const first = await real(input, init);
      await first.text();
      return real(input, init);
    }
    stats.passed++;
    return real(input, init);
  };
}
