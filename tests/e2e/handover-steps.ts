/**
 * Helpers of the handover end-to-end test (issues 3 and 7): the demo building seeded into a data
 * dir before the server starts (as of a chosen time, so the change of shift is already past), a
 * tap counter, a handwritten stroke on a signature box, a small generated photo, reads of the
 * tablet's IndexedDB and of the server's rows, and writes of another enrolled tablet over the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { signOp } from '../../src/domain/actor-proof';
import type { CountLine, HandoverRecord } from '../../src/domain/handover-entities';
import { formatHlc, tickHlc, zeroHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/domain/sync-protocol';
import { openDataDirStore } from '../../src/server/main';
import { createEnrolmentCode } from '../../src/server/site/enrolment-service';
import { listStaff } from '../../src/server/site/staff-service';
import type { Store } from '../../src/server/store/store';
import { DEMO_STAFF } from '../../scripts/demo-data';
import { seedDemo } from '../../scripts/demo-seed';
import { STEP_TIMEOUT_MS } from './app-steps';
import { assertBuilt, launchBrowser, startServerProcess, stopAll, type Browser, type ServerProcess } from './harness';

export interface DemoEnv {
  server: ServerProcess;
  browser: Browser;
  /**
   * One-time codes: the tablet under test, an API client (editFromAnotherTablet), a second tablet
   * (a second browser), and an API client acting as the section chief (chiefTablet).
   */
  codes: [string, string, string, string];
  /** Stops the browser and the server and removes the seeded data dir. */
  stop(): Promise<void>;
}

const HOUR = 3_600_000;
const HK_OFFSET = 8 * HOUR;

/**
 * The demo's change of shift (09:00 or 18:00 in Hong Kong, S2) most recently at least `margin`
 * before `nowMs`: seeding the demo an hour before it leaves the outgoing person on duty past the
 * end of their shift, and the incoming person due already (H1: they arrive late).
 */
export function lastChangeBefore(nowMs: number, margin: number): number {
  const t = nowMs - margin;
  const hkMidnight = Math.floor((t + HK_OFFSET) / (24 * HOUR)) * 24 * HOUR - HK_OFFSET;
  const changes = [-6, 9, 18].map((h) => hkMidnight + h * HOUR);
  return Math.max(...changes.filter((c) => c <= t));
}

/**
 * Seeds 海港中心 Harbour Centre (scripts/demo-seed.ts) as of `seedAt` (now by default) into a fresh
 * data dir, creates four enrolment codes as its admin, then starts the real server on that dir
 * and one browser.
 */
export async function startDemoE2e(
  seedAt = Date.now(),
  /** More setup in the store before the server starts (issue 10 §1: another building). */
  prepare?: (store: Store, siteId: string, nowMs: number) => Promise<void>,
): Promise<DemoEnv> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-demo-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  let codes: [string, string, string, string];
  try {
    const nowMs = Date.now();
    const store = openDataDirStore(dataDir, nowMs);
    try {
      const { siteId } = await seedDemo(store, seedAt);
      const admin = (await listStaff(store, siteId)).find((s) => s.role === 'admin' && s.active);
      if (!admin) throw new Error('the demo building has no admin');
      const code = async () =>
        (await store.transaction(siteId, (tx) => createEnrolmentCode(tx, { siteId, actorStaffId: admin.id }, nowMs)))
          .code;
      codes = [await code(), await code(), await code(), await code()];
      if (prepare) await prepare(store, siteId, nowMs);
    } finally {
      await store.close();
    }
  } catch (err) {
    removeDir();
    throw err;
  }
  const server = await startServerProcess({ dataDir }).catch((err: unknown) => {
    removeDir();
    throw err;
  });
  const stop = async () => {
    await stopAll(browser, server);
    removeDir();
  };
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await stop();
    throw err;
  }
  return { server, browser, codes, stop };
}

/**
 * Counts taps on the tablet by phase. Every click of the test goes through `tap`, so the figures
 * are what a person's finger would do; a phase counts only while it is open.
 */
export class TapCounter {
  private readonly counts = new Map<string, number>();
  private readonly open = new Set<string>();

  begin(phase: string): void {
    this.open.add(phase);
    if (!this.counts.has(phase)) this.counts.set(phase, 0);
  }

  end(phase: string): void {
    this.open.delete(phase);
  }

  /** One tap on `locator` (waits until it can be tapped, like a person looking for it). */
  async tap(locator: Locator): Promise<void> {
    await locator.click({ timeout: STEP_TIMEOUT_MS });
    this.add(1);
  }

  /** Touches that are not clicks on the page: a signature stroke, the camera's shutter. */
  add(n: number): void {
    for (const phase of this.open) this.counts.set(phase, (this.counts.get(phase) ?? 0) + n);
  }

  of(phase: string): number {
    return this.counts.get(phase) ?? 0;
  }
}

/** One handwritten stroke across a signature canvas with the mouse (pointer down, moves, up). */
export async function drawSignature(page: Page, canvas: Locator, taps: TapCounter): Promise<void> {
  await canvas.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature box is not laid out');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  const path = [at(0.2, 0.5), at(0.35, 0.25), at(0.5, 0.7), at(0.65, 0.3), at(0.8, 0.6)];
  const [start, ...rest] = path;
  if (!start) return;
  await page.mouse.move(...start);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  taps.add(1);
}

/** A small RGB PNG (a colour gradient), standing in for a camera picture. */
export function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw.set([(x * 255) / width, (y * 255) / height, 128], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Every row of one table of the tablet's IndexedDB (not photoBlob: its bytes stay in the page). */
export function readRows<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('handover-desk');
        open.onerror = () => reject(open.error ?? new Error('cannot open IndexedDB'));
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction(name).objectStore(name).getAll();
          get.onerror = () => {
            db.close();
            reject(get.error ?? new Error(`cannot read ${name}`));
          };
          get.onsuccess = () => {
            db.close();
            resolve(get.result as unknown[]);
          };
        };
      }),
    table,
  ) as Promise<T[]>;
}

/** A value of the tablet's device-local `meta` table (e.g. `cursor`, the building sequence pulled). */
export async function readMeta(page: Page, key: string): Promise<unknown> {
  const rows = await readRows<{ key: string; value: unknown }>(page, 'meta');
  return rows.find((r) => r.key === key)?.value;
}

/** Every change of the token's building from the server, all pages, and the last cursor. */
export async function pullEverything(
  baseUrl: string,
  token: string,
): Promise<{ changes: PullResponse['changes']; cursor: number }> {
  const changes: PullResponse['changes'] = [];
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`pull -> ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

/** The rows of one table in pulled changes, as the server holds them now (newest change per id). */
export function rowsOf<T>(changes: PullResponse['changes'], table: string): T[] {
  const byId = new Map<string, PullResponse['changes'][number]>();
  for (const c of changes) if (c.table === table && (byId.get(c.id)?.seq ?? 0) < c.seq) byId.set(c.id, c);
  return [...byId.values()].map((c) => c.row as T);
}

/** The per-field versions of one row in pulled changes (the base of a patch). */
export function versionsOf(changes: PullResponse['changes'], table: string, id: string): Record<string, number> {
  const newest = changes.filter((c) => c.table === table && c.id === id).sort((a, b) => b.seq - a.seq)[0];
  if (!newest) throw new Error(`${table} ${id} is not on the server`);
  return newest.versions;
}

/** The ids of the count lines of one handover, sorted (to compare the tablet's and the server's). */
export function lineIdsOf(lines: Pick<CountLine, 'id' | 'handoverId'>[], handoverId: string): string[] {
  return lines
    .filter((l) => l.handoverId === handoverId)
    .map((l) => l.id)
    .sort();
}

/**
 * H3: a second tablet (an API client enrolled with `code`) tries to change a signed handover: a
 * patch of its anomaly answer (`anomalyVersion` is the field's current version) and one more count
 * line, as the outgoing person. Returns the push's per-op results.
 */
export async function editFromAnotherTablet(
  baseUrl: string,
  code: string,
  record: HandoverRecord,
  anomalyVersion: number,
  /** The outgoing person's proof key (issue 9 §3): the edit is refused for the lock, not the proof. */
  proofKey: Uint8Array,
): Promise<PushResponse> {
  const enrol = await fetch(`${baseUrl}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'Back office' }),
  });
  if (enrol.status !== 201) throw new Error(`enrol -> ${enrol.status} ${await enrol.text()}`);
  const { deviceId, token } = (await enrol.json()) as { deviceId: string; token: string };
  const actorStaffId = record.outgoingStaffId;
  if (!actorStaffId) throw new Error('the record names no outgoing person');
  const now = Date.now();
  const base = (counter: number) => ({
    deviceId,
    counter,
    hlc: formatHlc(tickHlc(zeroHlc(deviceId), now + counter)),
    deviceTime: now,
    actorStaffId,
  });
  const lineId = newId();
  const missing = record.count.find((c) => c.state !== 'present') ?? record.count[0];
  const line = {
    id: lineId,
    siteId: record.siteId,
    handoverId: record.handoverId,
    itemId: missing?.itemId,
    state: 'present',
    quantity: 1,
    explanation: '',
    staffId: record.outgoingStaffId,
    recordedAt: now,
    deviceTime: now,
  };
  const ops = [
    {
      ...base(1),
      table: 'handover',
      rowId: record.handoverId,
      kind: 'patch',
      fields: { anomalyAnswer: 'Changed after signing' },
      baseVersion: { anomalyAnswer: anomalyVersion },
    },
    { ...base(2), table: 'countLine', rowId: lineId, kind: 'append', fields: line, baseVersion: {} },
  ].map((op) => ({ ...op, proof: signOp(proofKey, op) }));
  const push = await fetch(`${baseUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ deviceId, schemaVersion: SCHEMA_VERSION, ops }),
  });
  if (!push.ok) throw new Error(`push -> ${push.status} ${await push.text()}`);
  return (await push.json()) as PushResponse;
}

/** Enrols an API client as a tablet of the building with `code`; its device id and token. */
export async function enrolApiTablet(
  baseUrl: string,
  code: string,
  name: string,
): Promise<{ siteId: string; deviceId: string; token: string }> {
  const enrol = await fetch(`${baseUrl}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: name }),
  });
  if (enrol.status !== 201) throw new Error(`enrol -> ${enrol.status} ${await enrol.text()}`);
  return (await enrol.json()) as { siteId: string; deviceId: string; token: string };
}

/**
 * The section chief, on their own tablet (an API client, its first push), takes rostered shifts
 * off the rota (S1: the chief arranges the rota): one delete op per rotaShift row, as a tablet
 * queues them.
 */
export async function removeRotaShifts(
  baseUrl: string,
  tablet: { deviceId: string; token: string },
  chiefStaffId: string,
  rotaShiftIds: string[],
  /** The chief's proof key (issue 9 §3). */
  proofKey: Uint8Array,
): Promise<PushResponse> {
  const now = Date.now();
  let hlc = zeroHlc(tablet.deviceId);
  const ops = rotaShiftIds
    .map((rowId, i) => {
      hlc = tickHlc(hlc, now);
      return {
        deviceId: tablet.deviceId,
        counter: i + 1,
        hlc: formatHlc(hlc),
        deviceTime: now,
        actorStaffId: chiefStaffId,
        table: 'rotaShift',
        rowId,
        kind: 'delete',
        fields: {},
        baseVersion: {},
      };
    })
    .map((op) => ({ ...op, proof: signOp(proofKey, op) }));
  const push = await fetch(`${baseUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tablet.token}` },
    body: JSON.stringify({ deviceId: tablet.deviceId, schemaVersion: SCHEMA_VERSION, ops }),
  });
  if (!push.ok) throw new Error(`push -> ${push.status} ${await push.text()}`);
  return (await push.json()) as PushResponse;
}

/**
 * H1, H8: the incoming person joins the handover with their PIN at its Incoming person step (the
 * person rostered next is chosen already), so the count opens for them. Their PIN is the demo
 * building's (scripts/demo-data.ts).
 */
export async function joinAsRostered(page: Page): Promise<string> {
  await page
    .getByRole('tablist', { name: 'Handover steps' })
    .getByRole('tab', { name: /^Incoming person/ })
    .click();
  await page
    .getByRole('radio', { name: /, rostered/, checked: true })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  let person: (typeof DEMO_STAFF)[number] | undefined;
  for (const s of DEMO_STAFF) {
    const radio = page.getByRole('radio', { name: new RegExp(`^${s.name}, rostered`), checked: true });
    if ((await radio.count()) > 0) person = s;
  }
  if (!person) throw new Error('no demo person is chosen as the rostered incoming person');
  const keypad = page.getByRole('group', { name: `PIN of ${person.name}` });
  for (const digit of person.pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await keypad.getByRole('button', { name: 'Join the handover' }).click();
  await page
    .getByText(new RegExp(`^${person.name} joined at `))
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  return person.name;
}
