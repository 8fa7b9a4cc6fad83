/**
 * What "usable on the tablet" means in the browser tests (accessibility.test.ts and the screens'
 * own tests): axe-core's WCAG 2.1 AA rules with no serious or critical violation, every control a
 * finger aims at at least 48 px tall and wide, no label spilling out of its button or tab, and no
 * sideways scroll.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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
  // From the top: a sticky bar (the count's progress) scrolled over content hides that content's
  // background from axe, which then leaves its contrast "incomplete" instead of measuring it.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.app-main')) el.scrollTop = 0;
  });
  // Evaluated over the DevTools protocol, not as an inline <script>: the app's CSP (issue 9 §7)
  // rightly refuses inline scripts, and the checker must not need the policy loosened.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
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

/** Visible buttons, links, tabs, inputs, selects and textareas smaller than the minimum touch target. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, textarea, input:not([type="radio"]), [role="button"], [role="tab"]',
    );
    const small: string[] = [];
    for (const el of controls) {
      // A checkbox or a (visually hidden) file input is operated through its label, the whole row
      // or the button drawn around it: the label is what a finger hits, so the label is measured.
      const labelled = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'file');
      const target = (labelled ? el.labels?.[0] : undefined) ?? el;
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

/** The page scrolled sideways: its width against the viewport, and the elements sticking out. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return [];
    const out = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right ${Math.round(el.getBoundingClientRect().right)}`);
    return [`page ${scrollWidth} px wide in a ${width} px viewport`, ...out];
  });
}

/** Buttons, tabs and chips whose text spills out of their box (a label too long for its tab). */
function spilledLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="tab"], label.choice')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `"${el.textContent?.trim() ?? ''}" ${el.scrollWidth} px in ${el.clientWidth} px`),
  );
}

/** What is wrong with the page as shown, as one object so a failure lists everything at once. */
export async function expectUsable(page: Page, where = page.url()): Promise<void> {
  // Colours are checked as a person reads them, not halfway through a button's 120 ms colour
  // transition after a tap (which a loaded machine can catch): with reduced motion there is none.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const found = {
    violations: await seriousViolations(page),
    smallTargets: await smallTargets(page),
    overflow: await horizontalOverflow(page),
    spilled: await spilledLabels(page),
  };
  expect(found, where).toEqual({ violations: [], smallTargets: [], overflow: [], spilled: [] });
}
