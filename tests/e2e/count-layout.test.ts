/**
 * Issue 7, point 9 (H8: the count fits its 5 minutes): on the demo building's 40 items, the count
 * opens with its first items in view and shows at least 12 whole item rows at once on a landscape
 * tablet (1180 × 820) and at least 16 in portrait (820 × 1180), with the real app header and status
 * bar in place (the handover's steps above the count scroll away as it opens). A row counts only
 * when all of it can be seen and tapped: inside the viewport, inside the scrolling area, and not
 * covered by the sticky count bar, the header or the status bar.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTablet, readDevice, shown, signIn, statusBar } from './app-steps';
import { firstPage } from './harness';
import { joinAsRostered, pullEverything, readMeta, readRows, startDemoE2e, type DemoEnv } from './handover-steps';

const OUTGOING = { name: '李嘉欣', pin: '1111' };
const LANDSCAPE = { width: 1180, height: 820 };
const PORTRAIT = { width: 820, height: 1180 };

/**
 * How many of the rows can be seen whole: every corner of the row (8 px inside it) hit-tests to
 * the row itself, so a row cut off by the viewport, clipped by a scrolling ancestor or lying under
 * the sticky bar, the header or the status bar does not count.
 */
function wholeRowsInView(rows: Locator): Promise<number> {
  return rows.evaluateAll((els) => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    return els.filter((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (r.left < 0 || r.top < 0 || r.right > w || r.bottom > h) return false;
      // 8 px in from each corner: inside the row's rounded corners, which hit-testing honours.
      const corners = [
        [r.left + 8, r.top + 8],
        [r.right - 8, r.top + 8],
        [r.left + 8, r.bottom - 8],
        [r.right - 8, r.bottom - 8],
      ] as const;
      return corners.every(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit !== null && el.contains(hit);
      });
    }).length;
  });
}

describe('the count fits the 5 minutes (issue 7, H8)', () => {
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

  const tab = (p: Page, name: string) =>
    p.getByRole('tablist', { name: 'Handover steps' }).getByRole('tab', { name: new RegExp(`^${name}(, done)?$`) });

  /** Signs in as the person on duty, starts the handover and opens its Count step. */
  async function openCount(p: Page): Promise<Locator> {
    const { server, codes } = started();
    await p.goto(server.url);
    await enrolTablet(p, codes[0], 'Lobby desk');
    const { cursor } = await pullEverything(server.url, (await readDevice(p)).token);
    await expect
      .poll(async () => Number(await readMeta(p, 'cursor')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(cursor);
    expect(await readRows(p, 'item')).toHaveLength(40);
    await signIn(p, OUTGOING.name, OUTGOING.pin);
    await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Handover' }).click();
    await p.getByRole('button', { name: /^(Start the handover|Start early)$/ }).click();
    // H8: the incoming person counts, so the count opens once they have joined.
    await joinAsRostered(p);
    await tab(p, 'Count').click();
    return p.getByRole('region', { name: 'Item count' });
  }

  /**
   * The count as it opens: the app's header is still at the top of the page and the status bar at
   * its foot (the page itself never scrolls), the first item is a whole row in view, and the number
   * of whole rows in view.
   */
  async function measure(p: Page, count: Locator, size: { width: number; height: number }): Promise<number> {
    const rows = count.getByRole('listitem');
    await shown(count.getByRole('button', { name: 'Present: 對講機 1 號 (R-01)' }));
    expect(await rows.count()).toBe(40);
    const header = await p.getByRole('banner').first().boundingBox();
    const status = await statusBar(p).boundingBox();
    expect(header?.y).toBe(0);
    expect(Math.round((status?.y ?? 0) + (status?.height ?? 0))).toBe(size.height);
    await expect.poll(() => wholeRowsInView(rows.first())).toBe(1);
    return wholeRowsInView(rows);
  }

  it('H8: the count opens with its first items in view: at least 12 whole rows at 1180 × 820, 16 at 820 × 1180', async () => {
    const p = await firstPage(started().browser.context);
    await p.setViewportSize(LANDSCAPE);
    const count = await openCount(p);
    const landscape = await measure(p, count, LANDSCAPE);

    // Turned to portrait, the count is opened again from the handover's steps.
    await p.setViewportSize(PORTRAIT);
    await tab(p, 'Preparation').click();
    await tab(p, 'Count').click();
    const portrait = await measure(p, count, PORTRAIT);
    console.log(`count layout: ${landscape} item rows visible at 1180 × 820, ${portrait} at 820 × 1180`);
    expect(landscape).toBeGreaterThanOrEqual(12);
    expect(portrait).toBeGreaterThanOrEqual(16);
  });
});
