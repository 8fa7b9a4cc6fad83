/**
 * O3 end to end in headless Chromium on the demo building 海港中心: the section chief opens the
 * month's per-person figures, which print on A4 landscape (Chromium's PDF output); the server's
 * people.csv answers the chief with Chinese names intact behind a BOM and refuses a desk person.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../src/client/sync/actor-request';
import { staffListOf, staffProofKey } from '../support/staff-keys';
import { enrolTablet, goInApp, readDevice, shown, signIn } from './app-steps';
import { firstPage } from './harness';
import { isA4, pdfPageSizes } from './pdf-pages';
import { pullEverything, readMeta, startDemoE2e, type DemoEnv } from './handover-steps';

const CHIEF = { name: '陳國華', pin: '777777' };

describe('O3: per-person figures printed and exported', () => {
  let env: DemoEnv | undefined;
  beforeAll(async () => {
    env = await startDemoE2e();
  });
  afterAll(async () => {
    await env?.stop();
  });
  const started = () => {
    if (!env) throw new Error('the end-to-end environment did not start');
    return env;
  };
  const page = async (): Promise<Page> => firstPage(started().browser.context);

  it('the chief opens the month’s figures and they print on A4 landscape', async () => {
    const { server, codes } = started();
    const p = await page();
    await p.goto(server.url);
    await enrolTablet(p, codes[0], 'Office PC');
    const device = await readDevice(p);
    const { cursor } = await pullEverything(server.url, device.token);
    await expect
      .poll(async () => Number(await readMeta(p, 'cursor')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(cursor);
    await signIn(p, CHIEF.name, CHIEF.pin);
    await goInApp(p, '/reports');
    await (await shown(p.getByRole('link', { name: 'Per-person figures' }))).click();
    const table = await shown(p.getByRole('table', { name: /^Per-person figures: \d{4}-\d{2}$/ }));
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    await p.emulateMedia({ media: 'print' });
    expect(await p.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    // Back to no emulation: an emulated `screen` would print with screen media too, without the
    // print rules (the named page among them) that a person's print dialog applies.
    await p.emulateMedia({ media: null });
    const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: false });
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    // A4 landscape: 297 × 210 mm = 842 × 595 pt, whatever paper Chromium offers (Letter here).
    for (const size of sizes) expect(isA4({ width: size.height, height: size.width })).toBe(true);
  });

  it('people.csv answers the chief with a BOM and Chinese names, and refuses a desk person (403)', async () => {
    const { server } = started();
    const p = await page();
    const device = await readDevice(p);
    const staff = await staffListOf(server.url, device);
    const chief = staff.find((s) => s.name === CHIEF.name)!;
    const desk = staff.find((s) => s.name === '李嘉欣')!;
    const month = new Date().toISOString().slice(0, 7);
    const path = `/api/v1/reports/people.csv?month=${month}`;
    // Issue 9 §3: asked in a proven person's name (proof headers), no longer a staffId claim.
    const asPerson = async (person: { id: string }, pin: string) => {
      const proofKey = await staffProofKey(server.url, device, person.id, pin);
      const actor = { proofKey, deviceId: device.deviceId, staffId: person.id, at: Date.now() };
      const headers = { authorization: `Bearer ${device.token}`, ...actorHeaders({ ...actor, method: 'GET', path }) };
      return fetch(`${server.url}${path}`, { headers });
    };
    const csv = await asPerson(chief, CHIEF.pin);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toMatch(/\r\n(李嘉欣|張偉明|何翠儀|劉子軒),/);
    const refused = await asPerson(desk, '1111');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden_role' } });
  });
});
