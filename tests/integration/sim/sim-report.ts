/**
 * The end of a fault simulation run (issue 9 §10): with every tablet settled, each replica is
 * compared with the server, then the server is stopped and the invariants read its store (the SQLite
 * file, or the PostgreSQL database with TEST_STORE=postgres).
 * The report carries the run's figures and, by invariant, what broke.
 */
import { snapshotClient, snapshotServer } from '../tablet-steps';
import { WRITABLE_TABLES } from '../../../src/domain/sync-protocol';
import type { ServerHandle } from './sim-faults';
import type { Fleet } from './sim-fleet';
import {
  checkAcked,
  checkChain,
  readFacts,
  checkConflicts,
  checkOrder,
  checkOutcomes,
  checkRefusals,
  checkVersions,
} from './sim-invariants';
import type { FaultCounts, SimNet } from './sim-net';

export interface SimReport {
  seed: number;
  ops: number;
  opsByTable: Record<string, number>;
  opsByKind: Record<string, number>;
  outcomes: Record<string, number>;
  /** The server's refusals (syncError rows) by table, op kind and code. */
  refusals: Record<string, number>;
  untouchedTables: string[];
  localRefusals: Record<string, number>;
  faults: FaultCounts;
  skewsMs: number[];
  fieldsChecked: number;
  signedRecords: number;
  /** Wall time of each phase, ms; `run: <fault>` is the part of the run spent on that server fault. */
  phasesMs: Record<string, number>;
  broken: Record<string, string[]>;
}

/** Compares the replicas, stops the server and checks the invariants on its store. */
export async function finalChecks(
  f: Fleet,
  server: ServerHandle,
  net: SimNet,
  seed: number,
  localRefusals: Record<string, number>,
): Promise<Omit<SimReport, 'phasesMs'>> {
  const broken: Record<string, string[]> = {};
  const note = (name: string, list: string[]) => {
    if (list.length > 0) broken[name] = list.slice(0, 20);
  };
  const replicas: string[] = [];
  for (const t of f.tablets) {
    for (const [i, tab] of t.tabs.entries()) {
      const mine = await snapshotClient(tab.db);
      const theirs = (await snapshotServer(server.baseUrl, tab)).rows;
      if (mine.outbox !== 0 || mine.ackedThrough !== mine.counter)
        replicas.push(`${t.name}#${i}: outbox ${mine.outbox}, acked ${mine.ackedThrough} of ${mine.counter}`);
      const serverCounter = await server.lastCounter(t.deviceId);
      if (serverCounter !== mine.counter)
        replicas.push(`${t.name}#${i}: server has counter ${serverCounter}, tablet ${mine.counter}`);
      for (const key of new Set([...Object.keys(mine.rows), ...Object.keys(theirs)])) {
        if (JSON.stringify(mine.rows[key]) !== JSON.stringify(theirs[key]))
          replicas.push(
            `${t.name}#${i} ${key} differs from the server: ${fieldsDiffering(mine.rows[key], theirs[key])}`,
          );
      }
    }
  }
  note('replicas equal the server', replicas);
  await server.kill();
  const { store, inspect } = await server.openStore();
  try {
    const db = await readFacts(inspect);
    note('one outcome per (device, counter), the op sent', checkOutcomes(db, net.log));
    note('0 acknowledged ops lost', checkAcked(db, net.log));
    note("each device's order kept", checkOrder(db));
    const versions = checkVersions(db, net.log);
    note('versions rise once per applied op', versions.broken);
    note('no conflict rows from replays', checkConflicts(db).broken);
    note('every refusal visible', checkRefusals(db).broken);
    const chain = await checkChain(store, Date.now());
    note('the chain verifies', chain.broken);

    const opsByTable: Record<string, number> = {};
    const opsByKind: Record<string, number> = {};
    for (const op of net.log.sent.values()) {
      opsByTable[op.table] = (opsByTable[op.table] ?? 0) + 1;
      opsByKind[op.kind] = (opsByKind[op.kind] ?? 0) + 1;
    }
    const refusals: Record<string, number> = {};
    for (const r of db.rows.get('syncError')?.values() ?? []) {
      const e = r.data as { table: string; opKind: string; code: string };
      const key = `${e.table} ${e.opKind}: ${e.code}`;
      refusals[key] = (refusals[key] ?? 0) + 1;
    }
    const outcomes: Record<string, number> = {};
    for (const o of db.deviceOps) outcomes[o.status] = (outcomes[o.status] ?? 0) + 1;
    return {
      seed,
      ops: net.log.sent.size,
      opsByTable,
      opsByKind,
      outcomes,
      refusals,
      // With the admin API (issue 9 §3), staff and site change by admin actions, never by ops.
      untouchedTables: WRITABLE_TABLES.filter((t) => !opsByTable[t] && !(t === 'staff' || t === 'site')),
      localRefusals,
      faults: net.counts,
      skewsMs: f.tablets.map((t) => t.skewMs),
      fieldsChecked: versions.fieldsChecked,
      signedRecords: chain.records,
      broken,
    };
  } finally {
    await store.close();
  }
}

/** The fields two copies of a row disagree on, with both values, for the report (or "missing here/there"). */
function fieldsDiffering(mine: unknown, theirs: unknown): string {
  if (mine === undefined) return 'missing on the tablet';
  if (theirs === undefined) return 'missing on the server';
  const a = mine as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k} ${JSON.stringify(a[k])?.slice(0, 80)} ≠ ${JSON.stringify(b[k])?.slice(0, 80)}`)
    .join('; ');
}
