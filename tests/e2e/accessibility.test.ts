/**
 * Tablet first, readable at arm's length: every main screen, in English and Traditional Chinese,
 * passes axe-core's WCAG 2.1 AA rules (labels, names, contrast, structure) with no serious or
 * critical violation, and every control a finger aims at is at least 48 px tall and wide.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBuilding, shown, signIn } from './app-steps';
import { useE2e } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BUILDING = { name: 'Harbour Centre 海港中心', adminName: '陳美玲', pin: '2468', tabletName: 'Lobby desk' };
/** The smallest touch target the product allows (tablet first). */
const MIN_TARGET_PX = 48;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: RunOptions): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => String(n.target)),
      }));
  });
}

/** Visible buttons, inputs, selects and textareas smaller than the minimum touch target. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, select, textarea, input:not([type="radio"])');
    const small: string[] = [];
    for (const el of controls) {
      // A visually hidden radio sits inside its label; the label (the chip) is what a finger hits.
      const target = el.closest('label.choice') ?? el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.height < min || r.width < min) {
        small.push(
          `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}" ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
      }
    }
    for (const chip of document.querySelectorAll<HTMLElement>('label.choice')) {
      const r = chip.getBoundingClientRect();
      if (r.width > 0 && (r.height < min || r.width < min))
        small.push(`chip "${chip.textContent?.trim()}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
  }, MIN_TARGET_PX);
}

async function expectUsable(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);
}

describe('accessibility and touch targets (tablet first)', () => {
  const e2e = useE2e();

  it('first-run setup, sign-in, the duty record with field errors, the sync panel and admin', async () => {
    const { env, page } = e2e;
    await page.goto(env.server.url);
    await shown(page.getByRole('heading', { name: 'Set up this building' }));
    await expectUsable(page);

    await setUpBuilding(page, BUILDING);
    await shown(page.getByRole('heading', { name: 'Who is signing in?' }));
    await expectUsable(page);

    await signIn(page, BUILDING.adminName, BUILDING.pin);
    await page.getByRole('button', { name: 'Start duty' }).click();
    const form = await shown(page.getByRole('form', { name: 'New entry' }));
    // H6: the form with its error messages showing must stay readable too.
    await form.getByRole('button', { name: 'Save entry' }).click();
    await shown(form.getByText('Cause is required'));
    await expectUsable(page);

    await page.getByRole('button', { name: 'Sync details' }).click();
    await shown(page.getByRole('dialog', { name: 'Sync' }));
    await expectUsable(page);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Admin' }).click();
    await shown(page.getByRole('button', { name: 'Create enrolment code' }));
    await expectUsable(page);
  });

  it('the same screens in Traditional Chinese and in portrait', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '繁體中文' });
    await shown(page.getByRole('button', { name: '值班記錄' }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await expectUsable(page);
    await page.getByRole('button', { name: '值班記錄' }).click();
    await shown(page.getByRole('form', { name: '新增記錄' }));
    await expectUsable(page);
  });
});
