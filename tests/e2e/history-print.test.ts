/**
 * The handover history prints on A4 (issue 8, point 3), end to end in headless Chromium on the demo
 * building 海港中心, whose current shift was opened by a handover signed through the real server:
 * the desk person signs in, opens the history, prints the list of a date range and the record
 * itself with print media, and each PDF is of A4 pages without the app's nav or buttons.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTablet, goInApp, readDevice, shown, signIn } from './app-steps';
import { firstPage } from './harness';
import { pullEverything, readMeta, readRows, startDemoE2e, type DemoEnv } from './handover-steps';
import { isA4, pdfPageSizes } from './pdf-pages';
import { HISTORY_PAGE } from '../../src/client/features/history/use-history-list';

const DESK = { name: '李嘉欣', pin: '1111' };

/**
 * Prints the page as the browser's print would (print media) on `format` paper, or on the page size
 * the print CSS asks for with `preferCSSPageSize`, and returns the PDF with its page sizes.
 */
async function printToPdf(p: Page, opts: { format: 'A4' | 'Letter'; preferCSSPageSize?: boolean }) {
  await p.emulateMedia({ media: 'print' });
  try {
    const pdf = await p.pdf({ printBackground: true, ...opts });
    return { pdf, sizes: pdfPageSizes(pdf) };
  } finally {
    await p.emulateMedia({ media: 'screen' });
  }
}

describe('the handover history prints on A4 (issue 8, point 3)', () => {
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

  it('lists the signed handover, prints the list of its day and the record itself as A4 PDFs', async () => {
    const { server, codes } = started();
    const p = await firstPage(started().browser.context);
    await p.goto(server.url);
    await enrolTablet(p, codes[0], 'Lobby desk');
    const device = await readDevice(p);
    const { cursor } = await pullEverything(server.url, device.token);
    await expect
      .poll(async () => Number(await readMeta(p, 'cursor')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(cursor);
    // The desk person reads the history too (nothing there writes).
    await signIn(p, DESK.name, DESK.pin);

    const records = await readRows<{ id: string; kind: string; signedAt: number; correctsId: string | null }>(
      p,
      'handoverRecord',
    );
    const signed = records.filter((r) => r.correctsId === null).sort((a, b) => b.signedAt - a.signedAt);
    expect(signed.length).toBeGreaterThan(0);

    await goInApp(p, '/history');
    const table = await shown(p.getByRole('table'));
    // Newest first, one page of them (the demo holds 18 months of records) under the header row.
    expect(await table.getByRole('row').count()).toBe(Math.min(signed.length, HISTORY_PAGE) + 1);
    const firstRow = table.getByRole('row').nth(1);
    const day = ((await firstRow.textContent()) ?? '').match(/\d{4}-\d{2}-\d{2}/)?.[0];
    expect(day).toBeDefined();

    // The list of one building day, as a compact table on A4.
    await p.getByLabel('From (building day)').fill(day ?? '');
    await p.getByLabel('To (building day)').fill(day ?? '');
    await expect.poll(() => new URL(p.url()).search).toBe(`?from=${day}&to=${day}`);
    const listTitle = p.getByText(`Harbour Centre: handover history, ${day} to ${day}`);
    await listTitle.waitFor({ state: 'attached' });
    // The header naming the building and the range is on paper only; the filters are not.
    await p.emulateMedia({ media: 'print' });
    expect(await listTitle.isVisible()).toBe(true);
    expect(await p.getByRole('group', { name: 'Filter the history' }).isVisible()).toBe(false);
    expect(await p.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(false);
    // Offered Letter paper, the print CSS's own `@page` still asks for A4.
    const list = await printToPdf(p, { format: 'Letter', preferCSSPageSize: true });
    expect(list.sizes.length).toBeGreaterThanOrEqual(1);
    expect(list.sizes.every(isA4)).toBe(true);

    // The newest record, read in full, with its signatures as images.
    await p
      .getByRole('button', { name: /^Open the record signed / })
      .first()
      .click();
    const record = await shown(p.getByRole('article'));
    expect(new URL(p.url()).pathname).toBe(`/history/${signed[0]?.id}`);
    await shown(record.getByRole('table', { name: 'Final count' }));
    const signatures = record.getByRole('region', { name: 'Signatures' }).getByRole('img', { name: /^Signature of / });
    expect(await signatures.count()).toBeGreaterThanOrEqual(1);

    await p.emulateMedia({ media: 'print' });
    // In print: no nav, no buttons, no status bar; the header names the building.
    expect(await p.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(false);
    expect(await record.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await p.getByRole('region', { name: 'Sync status' }).isVisible()).toBe(false);
    expect(await record.getByText(/Harbour Centre: /).isVisible()).toBe(true);
    const printed = await printToPdf(p, { format: 'A4' });
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed.sizes.length).toBeGreaterThanOrEqual(1);
    expect(printed.sizes.every(isA4)).toBe(true);
  });
});
