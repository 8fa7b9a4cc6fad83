/**
 * Issue 9 §11: a tap is durable. On a persistent Chromium profile, offline, the person on duty
 * saves a duty-record entry and the incoming person taps an item off in the handover's count; the
 * browser is then killed at once (SIGKILL, no clean close). Relaunched on the same profile, both
 * are still on the tablet, and once the server is reachable both reach it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountLine } from '../../src/domain/handover-entities';
import type { LogEntry } from '../../src/domain/entities';
import { enrolTablet, readDevice, shown, signIn, STEP_TIMEOUT_MS, writeEntry } from './app-steps';
import { firstPage, launchBrowser, stopAll, type Browser } from './harness';
import {
  joinAsRostered,
  lastChangeBefore,
  pullEverything,
  readRows,
  rowsOf,
  startDemoE2e,
  type DemoEnv,
} from './handover-steps';

const MINUTE = 60_000;
/** The demo's person on duty before the change of shift (scripts/demo-data.ts). */
const OUTGOING = { name: '李嘉欣', pin: '1111' };
const CAUSE = `停車場B2出口閘機故障，已通知維修 ${Date.now().toString(36)}`;

/** The pid of the Chromium browser process of `profileDir` (not its renderers), from /proc. */
function browserPid(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended while the list was read
    }
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) {
      return Number(entry);
    }
  }
  throw new Error(`no Chromium process uses ${profileDir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a tap is durable (issue 9 §11)', () => {
  let env: DemoEnv | undefined;
  let relaunched: Browser | undefined;
  const changeAt = lastChangeBefore(Date.now(), 10 * MINUTE);
  const saved: { itemLabel?: string; handoverId?: string } = {};

  beforeAll(async () => {
    env = await startDemoE2e(changeAt - 60 * MINUTE);
  });
  afterAll(async () => {
    await stopAll(relaunched);
    await env?.stop();
  });
  const started = () => {
    if (!env) throw new Error('the end-to-end environment did not start');
    return env;
  };

  it('saves an entry and a count tap offline, then Chromium is killed at once', async () => {
    const { server, codes, browser } = started();
    const p = await firstPage(browser.context);
    await p.goto(server.url);
    await enrolTablet(p, codes[0], 'Lobby desk');
    await signIn(p, OUTGOING.name, OUTGOING.pin);
    // The building pulled (its items are what the count lists) before the network goes.
    await expect.poll(async () => (await readRows(p, 'item')).length, { timeout: 60_000 }).toBe(40);
    await browser.context.setOffline(true);

    const nav = p.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Duty record' }).click();
    await writeEntry(p, { kind: 'Repair', cause: CAUSE, process: '已通知維修', party: '管理處', location: 'B2' });

    await nav.getByRole('link', { name: 'Handover' }).click();
    await p.getByRole('button', { name: /^(Start the handover|Start early)$/ }).click();
    for (const check of [
      "This shift's duty record reviewed and complete",
      'Office equipment checked',
      'Pending work and instructions reviewed',
    ])
      await p.getByRole('checkbox', { name: check }).click();
    await joinAsRostered(p);
    await p.getByRole('radio', { name: 'Fit', exact: true }).click();
    await p.getByRole('button', { name: 'Next: Count' }).click();
    const count = await shown(p.getByRole('region', { name: 'Item count' }));
    const present = count.getByRole('button', { name: /^Present: / }).first();
    const name = (await present.getAttribute('aria-label')) ?? '';
    saved.itemLabel = /^Present: (.+) \(/.exec(name)?.[1] ?? '';
    await present.click();
    await shown(count.getByRole('listitem', { name: saved.itemLabel }).getByText('Present', { exact: true }));

    // At once: no close, no flush, no time for the page to do anything more.
    const pid = browserPid(browser.profileDir);
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => alive(pid), { timeout: STEP_TIMEOUT_MS }).toBe(false);
  });

  it('relaunched on the same profile, both are there, and both reach the server', async () => {
    const { server, browser } = started();
    relaunched = await launchBrowser({ profileDir: browser.profileDir });
    const p = await firstPage(relaunched.context);
    await p.goto(server.url);

    const entries = await readRows<LogEntry>(p, 'logEntry');
    expect(entries.filter((e) => e.cause === CAUSE)).toHaveLength(1);
    const items = await readRows<{ id: string; label: string }>(p, 'item');
    const item = items.find((i) => i.label === saved.itemLabel);
    if (!item) throw new Error(`the tapped item ${saved.itemLabel} is not on the tablet`);
    const lines = (await readRows<CountLine>(p, 'countLine')).filter((l) => l.itemId === item.id);
    expect(lines).toHaveLength(1);
    const [line] = lines;

    // Online again: the outbox reaches the server, with nobody signed in.
    const { token } = await readDevice(p);
    await expect
      .poll(
        async () => {
          const { changes } = await pullEverything(server.url, token);
          return {
            entry: rowsOf<LogEntry>(changes, 'logEntry').filter((e) => e.cause === CAUSE).length,
            line: rowsOf<CountLine>(changes, 'countLine').filter((l) => l.id === line?.id).length,
          };
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toEqual({ entry: 1, line: 1 });
  });
});
