/**
 * One run of the fault simulation (issue 9 §10): the fleet works, the faults land at fixed points of
 * the run (and the network's at random throughout), then everything settles without faults and the
 * invariants are checked. Returns the figures of the run and what broke, by invariant.
 */
import { join } from 'node:path';
import { getMeta } from '../../../src/client/db/meta';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { openDesk, rosterNow } from '../desk-steps';
import { ACTIONS, pickAction } from './sim-actions';
import { serverHandle, type ServerHandle } from './sim-faults';
import { buildFleet, reopen, type Fleet, type Tablet } from './sim-fleet';
import { finalChecks, type SimReport } from './sim-report';
import { prng, SimNet } from './sim-net';

export type { SimReport } from './sim-report';

/** The ops the fleet has queued so far (each tablet's counter). */
async function opsQueued(fleet: Fleet): Promise<number> {
  let n = 0;
  for (const t of fleet.tablets) n += (await getMeta(t.tabs[0]!.db, 'counter')) ?? 0;
  return n;
}

/** Syncs every tab of every tablet, round after round, until a whole round moves nothing. */
async function settle(fleet: Fleet): Promise<void> {
  for (let round = 0; round < 40; round++) {
    let quiet = true;
    for (const t of fleet.tablets) {
      for (const tab of t.tabs) {
        const o = await tab.engine.syncNow();
        if (o.error !== null || o.pushed > 0 || o.pulled > 0 || (await tab.db.outbox.count()) > 0) quiet = false;
      }
    }
    if (quiet) return;
  }
  throw new Error('the fleet did not settle in 40 sync rounds');
}

/** The old simulation's desk helpers take one connection, one engine and one person. */
async function deskView(t: Tablet, staffId: string) {
  const tab = t.tabs[0]!;
  return {
    name: t.name,
    db: tab.db,
    engine: tab.engine,
    ctx: await makeWriteContext(tab.db, staffId, () => Date.now() + t.skewMs),
  };
}

export async function runSimulation(opts: { seed: number; ops: number; dataDir: string }): Promise<SimReport> {
  const random = prng(opts.seed);
  const phasesMs: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phasesMs[name] = Date.now() - phaseStart;
    phaseStart = Date.now();
  };
  // Inside the run: what the server faults cost (where a slower store would show), ms by fault.
  const timed = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = Date.now();
    await fn();
    phasesMs[`run: ${name}`] = (phasesMs[`run: ${name}`] ?? 0) + Date.now() - t0;
  };
  const server = serverHandle(opts.dataDir);
  const first = await server.start();
  const net = new SimNet(random);
  const localRefusals: Record<string, number> = {};
  const backupFile = join(opts.dataDir, 'sim-backup');
  let fleet: Fleet | null = null;
  try {
    phase('server start');
    fleet = await buildFleet(net, () => server.baseUrl, first.setupCode, random);
    phase('fleet');
    const f = fleet;
    const [desk1, desk2] = f.tablets;
    // S1, H3: the chief rosters the desk person now; they open the desk on the second tablet.
    await rosterNow(await deskView(desk1!, f.people.chief.id), f.people.desk1.id);
    await settle(f);
    await openDesk(await deskView(desk2!, f.people.desk1.id));
    await settle(f);
    phase('setup');
    net.on = true;

    const at = (fraction: number) => Math.floor(opts.ops * fraction);
    const plan = {
      kill: [at(0.15), at(0.5), at(0.8)],
      clientKill: [at(0.25), at(0.65)],
      twoTabs: [at(0.1), at(0.4), at(0.7)],
      backup: at(0.35),
      restore: at(0.45),
      upgrade: at(0.6),
    };
    let downUntil = -1;
    let serial = 0;
    let queued = await opsQueued(f);
    const passed = (mark: number, before: number) => before < mark && queued >= mark;

    while (queued < opts.ops) {
      serial++;
      const before = queued;
      const t = f.tablets[Math.floor(random() * f.tablets.length)]!;
      const tab = t.tabs.length > 1 && random() < 0.5 ? 1 : 0;
      const name = pickAction(random);
      try {
        const result = (await ACTIONS[name]!.run({ fleet: f, t, tab, random, serial }, t.tabs[tab]!.db)) as
          { ok?: boolean; errors?: unknown } | undefined;
        if (result?.ok === false) {
          // A rule the tablet checks itself: the screen shows it beside the field; nothing is queued.
          const kind = `${name}: ${JSON.stringify(result.errors).slice(0, 80)}`;
          localRefusals[kind] = (localRefusals[kind] ?? 0) + 1;
        }
      } catch (e) {
        const kind = `${name}: ${e instanceof Error ? e.name : 'thrown'}`;
        localRefusals[kind] = (localRefusals[kind] ?? 0) + 1;
        if (e instanceof TypeError || e instanceof ReferenceError) throw e;
      }
      const r = random();
      if (r < 0.3) await t.tabs[tab]!.engine.syncNow();
      else if (r < 0.33 && t.tabs.length > 1) {
        // Two tabs sync at once; no Web Lock between them (issue 9 §10).
        net.counts.twoTabSyncs++;
        await Promise.all(t.tabs.map((x) => x.engine.syncNow()));
      }
      queued = await opsQueued(f);

      if (server.server === null && serial >= downUntil) await timed('restarts', () => server.start());
      if (plan.kill.some((m) => passed(m, before)) && server.server) {
        await timed('kill mid-push', () => killMidPush(f, server, net, random));
        downUntil = serial + 5;
      }
      if (plan.clientKill.some((m) => passed(m, before))) await clientKill(f, net, random);
      if (plan.twoTabs.some((m) => passed(m, before))) await twoTabs(f, net, random, serial);
      if (passed(plan.backup, before) && server.server) await timed('backup', () => server.backup(backupFile));
      if (passed(plan.restore, before)) {
        if (!server.server) await timed('restarts', () => server.start());
        await timed('restore', () => server.restore(backupFile));
        net.counts.restores++;
      }
      if (passed(plan.upgrade, before)) {
        await timed('upgrade', () => server.upgrade());
        net.counts.schemaUpgrades++;
      }
    }

    phase('run');
    net.on = false;
    if (!server.server) await server.start();
    await settle(f);
    phase('settle');
    const report = await finalChecks(f, server, net, opts.seed, localRefusals);
    phase('checks');
    return { ...report, phasesMs };
  } catch (e) {
    console.error(
      `simulation seed ${opts.seed} failed; faults ${JSON.stringify(net.counts)}; server log:\n${server.server?.tail() ?? '(down)'}`,
    );
    throw e;
  } finally {
    await server.kill();
    for (const t of fleet?.tablets ?? []) for (const tab of t.tabs) tab.db.close();
  }
}

/** Arms the kill on a tablet with queued ops and syncs it; retried until a kill lands mid-push. */
async function killMidPush(f: Fleet, server: ServerHandle, net: SimNet, random: () => number): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    if (!server.server) await server.start();
    const t = f.tablets[Math.floor(random() * 5)]!;
    const tab = t.tabs[0]!;
    // A bigger push takes longer to apply: queue a few more ops on this tablet first.
    for (let i = 0; i < 10; i++) {
      try {
        await ACTIONS[i % 2 ? 'entry' : 'amend']!.run(
          { fleet: f, t, tab: 0, random, serial: 1e6 + attempt * 10 + i },
          tab.db,
        );
      } catch {
        // A local refusal: the screen says so; the next action goes on.
      }
    }
    if ((await tab.db.outbox.count()) === 0) continue;
    const before = await server.lastCounter(t.deviceId);
    const landed = net.counts.serverKillsMidPush;
    net.serverKillArmed = { device: t.deviceId, kill: () => server.kill() };
    await tab.engine.syncNow();
    net.serverKillArmed = null;
    if (net.counts.serverKillsMidPush > landed) {
      if ((await server.lastCounter(t.deviceId)) > before) net.counts.serverKillsAfterCommit++;
      return;
    }
  }
}

/** Arms the death of a tablet between the server's answer and its acknowledgement, then reopens it. */
async function clientKill(f: Fleet, net: SimNet, random: () => number): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const t = f.tablets[Math.floor(random() * f.tablets.length)]!;
    const tab = t.tabs[0]!;
    if ((await tab.db.outbox.count()) === 0) continue;
    const killed = net.counts.clientKills;
    net.clientKillArmed = { tablet: t.name, kill: () => undefined };
    await tab.engine.syncNow();
    net.clientKillArmed = null;
    if (net.counts.clientKills > killed) {
      reopen(f, t);
      return;
    }
  }
}

/** Both tabs of the first tablet write, then sync at once with no Web Lock between them (issue 9 §10). */
async function twoTabs(f: Fleet, net: SimNet, random: () => number, serial: number): Promise<void> {
  const t = f.tablets[0]!;
  for (const [tab, x] of t.tabs.entries()) {
    try {
      await ACTIONS['entry']!.run({ fleet: f, t, tab, random, serial: 2e6 + serial * 2 + tab }, x.db);
    } catch {
      // A local refusal: the screen says so; the syncs below go on.
    }
  }
  net.counts.twoTabSyncs++;
  await Promise.all(t.tabs.map((x) => x.engine.syncNow()));
}
