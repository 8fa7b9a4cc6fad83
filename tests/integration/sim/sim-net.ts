/**
 * The building's network in the fault simulation (issue 9 §10): one seeded fetch per tablet that
 * drops requests (20%), loses responses after the server committed, duplicates and reorders
 * deliveries (5%: a copy of the body is replayed at once or after newer requests), and carries the
 * armed faults: the server killed while a push is in flight, a client killed between the server's
 * answer and its acknowledgement. It also logs every op sent and every result a tablet received,
 * which the invariants compare with the server's own record.
 */
import type { Op, PushResponse } from '../../../src/domain/sync-protocol';

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

export interface FaultCounts {
  requests: number;
  dropped: number;
  lostAfterCommit: number;
  duplicated: number;
  reordered: number;
  /** SIGKILLs that landed while a push request was in flight (sent, not answered). */
  serverKillsMidPush: number;
  /** Of those, the ones whose push had committed before the kill (the answer died with it). */
  serverKillsAfterCommit: number;
  /** Armed kills whose push was answered before the kill landed (retried later). */
  serverKillsMissed: number;
  clientKills: number;
  twoTabSyncs: number;
  schemaUpgrades: number;
  restores: number;
}

export const zeroCounts = (): FaultCounts => ({
  requests: 0,
  dropped: 0,
  lostAfterCommit: 0,
  duplicated: 0,
  reordered: 0,
  serverKillsMidPush: 0,
  serverKillsAfterCommit: 0,
  serverKillsMissed: 0,
  clientKills: 0,
  twoTabSyncs: 0,
  schemaUpgrades: 0,
  restores: 0,
});

/** What the tablets sent and were told, keyed `deviceId:counter`. */
export interface OpLog {
  /** The last content sent under each key (a counter renumbered after a gap sends new content). */
  sent: Map<string, Op>;
  /** Results a tablet received: the op it had sent and the server's status. */
  acked: Map<string, { op: Op; status: string }>;
}

interface Held {
  url: string;
  init: RequestInit;
  device: string;
  /** Requests of the same device sent after this one was held. */
  newer: number;
}

export class SimNet {
  on = false;
  readonly counts = zeroCounts();
  readonly log: OpLog = { sent: new Map(), acked: new Map() };
  private readonly held: Held[] = [];
  /** Set by the simulation: the next push of that device kills the server while it is in flight. */
  serverKillArmed: { device: string; kill: () => Promise<void> } | null = null;
  /** Set by the simulation: the next answered push of that tablet kills the tablet before it records it. */
  clientKillArmed: { tablet: string; kill: () => void } | null = null;

  constructor(readonly random: () => number) {}

  /** The fetch of one tablet (`tablet` names the database, `device` the enrolled device). */
  fetchFor(tablet: string, device: () => string): typeof fetch {
    return async (input, init = {}) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const isPush = url.includes('/api/v1/sync/push');
      const dev = device();
      this.counts.requests++;
      for (const h of this.held) if (h.device === dev) h.newer++;
      await this.deliverHeld();
      const ops = isPush ? this.logSent(init) : null;

      if (isPush && this.serverKillArmed?.device === dev) return this.killMidPush(url, init);
      if (this.on) {
        const r = this.random();
        if (r < 0.2) {
          this.counts.dropped++;
          throw new TypeError('fault: request dropped');
        }
        if (r < 0.25) {
          const res = await fetch(url, init);
          await res.text(); // answered, so committed
          this.counts.lostAfterCommit++;
          throw new TypeError('fault: response lost after commit');
        }
        if (r < 0.275 && typeof init.body === 'string') {
          this.counts.duplicated++;
          const [a, b] = await Promise.all([fetch(url, init), fetch(url, init)]);
          const [keep, drop] = this.random() < 0.5 ? [a, b] : [b, a];
          await drop.text();
          return this.received(tablet, ops, keep);
        }
        if (r < 0.3 && typeof init.body === 'string') {
          // A copy arrives later, after newer requests of this device (reordered delivery).
          this.held.push({ url, init: { ...init }, device: dev, newer: 0 });
        }
      }
      return this.received(tablet, ops, await fetch(url, init));
    };
  }

  /** Delivers held copies whose device has since sent newer requests; their answers go nowhere. */
  private async deliverHeld(): Promise<void> {
    for (let i = this.held.length - 1; i >= 0; i--) {
      const h = this.held[i]!;
      if (h.newer === 0 || this.random() < 0.5) continue;
      this.held.splice(i, 1);
      try {
        await (await fetch(h.url, h.init)).text();
        this.counts.reordered++;
      } catch {
        // The server was down: this late copy is lost, as on a real network.
      }
    }
  }

  private logSent(init: RequestInit): Op[] | null {
    if (typeof init.body !== 'string') return null;
    const body = JSON.parse(init.body) as { ops: Op[] };
    for (const op of body.ops) this.log.sent.set(`${op.deviceId}:${op.counter}`, op);
    return body.ops;
  }

  /** Reads a push answer as the tablet will, logging each result; a client kill lands here. */
  private async received(tablet: string, ops: Op[] | null, res: Response): Promise<Response> {
    if (!ops || res.status !== 200) return res;
    const text = await res.text();
    if (this.clientKillArmed?.tablet === tablet) {
      const { kill } = this.clientKillArmed;
      this.clientKillArmed = null;
      this.counts.clientKills++;
      kill();
      throw new TypeError('fault: the tablet died before recording the answer');
    }
    const body = JSON.parse(text) as PushResponse;
    for (const r of body.results) {
      const op = ops.find((o) => o.counter === r.counter);
      if (op) this.log.acked.set(`${op.deviceId}:${op.counter}`, { op, status: r.status });
    }
    return new Response(text, { status: res.status, headers: res.headers });
  }

  /** Sends the push and kills the server a random few milliseconds later, while it is in flight. */
  private async killMidPush(url: string, init: RequestInit): Promise<Response> {
    const { kill } = this.serverKillArmed!;
    let answered = false;
    const sent = fetch(url, init).then(async (res) => {
      answered = true;
      await res.text();
    });
    sent.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2 + Math.floor(this.random() * 15)));
    await kill();
    await sent.catch(() => undefined);
    if (answered) {
      this.counts.serverKillsMissed++;
      throw new TypeError('fault: the server died after answering');
    }
    this.serverKillArmed = null;
    this.counts.serverKillsMidPush++;
    throw new TypeError('fault: the server died mid-push');
  }
}
