/**
 * Issue 8's end-to-end proof 3 in headless Chromium against the real server process: a repair
 * written at the desk appears in the repair register (F2), which exports CSV in UTF-8 with a BOM
 * (downloaded by the browser and parsed back here, Chinese intact) and prints to an A4 PDF in the
 * paper register's layout (landscape, no nav or buttons). The steps share one building, in order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, parseCsv } from '../../src/domain/csv';
import {
  browserZone,
  openSection,
  openTheDesk,
  setUpBuilding,
  shiftAroundNow,
  shown,
  signIn,
  statusBar,
} from './app-steps';
import { useE2e } from './harness';

const BUILDING = { name: '海港中心 Harbour Centre', adminName: '陳美玲', pin: '246813', tabletName: 'Lobby desk' };
const CAUSE = '12樓男洗手間水龍頭漏水，地面有積水';

/** A4 in PDF points: 595.28 × 841.89. */
const A4 = { short: 595.28, long: 841.89 };

describe('the registers end to end (issue 8 proof 3)', () => {
  const e2e = useE2e();

  it('1. a repair is recorded at the desk with its register fields (F1, F2)', async () => {
    const { env, page } = e2e;
    await page.goto(env.server.url);
    await setUpBuilding(page, {
      ...BUILDING,
      setupCode: env.server.setupCode(),
      shift: shiftAroundNow(await browserZone(page)),
    });
    await signIn(page, BUILDING.adminName, BUILDING.pin);
    await openTheDesk(
      page,
      { name: BUILDING.adminName, pin: BUILDING.pin },
      shiftAroundNow(await browserZone(page)).day,
    );
    const form = page.getByRole('form', { name: 'New entry' });
    await form.getByRole('radio', { name: 'Repair', exact: true }).check();
    await form.getByRole('group', { name: 'Call or visit' }).getByRole('radio', { name: 'Call' }).check();
    await form.getByRole('group', { name: 'Owner or tenant' }).getByRole('radio', { name: 'Tenant' }).check();
    await form.getByRole('textbox', { name: 'Unit', exact: true }).fill('1203室');
    await form.getByRole('textbox', { name: 'Cause' }).fill(CAUSE);
    await form.getByRole('textbox', { name: 'Location' }).fill('12樓洗手間');
    await form.getByRole('textbox', { name: /Assigned to/ }).fill('工程部 陳師傅');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await shown(form.getByRole('status').getByText('Entry saved.'));
    await shown(statusBar(page).getByText('All changes are on the server'));
  });

  it('2. the repair register exports CSV with a BOM and the Chinese intact', async () => {
    const { page } = e2e;
    // Inside the app, as staff move between sections: a reload forgets the signed-in person's proof
    // key (issue 9 §3), and the server exports only in a proven person's name.
    await openSection(page, 'Registers');
    await page.getByRole('navigation', { name: 'Register' }).getByRole('button', { name: 'Repairs' }).click();
    const table = await shown(page.getByRole('table'));
    await shown(table.getByRole('cell', { name: CAUSE }));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^repairs-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await download.path());
    // UTF-8 BOM, so Excel reads the file as UTF-8 and shows Chinese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['Location', 'Assigned to (department or contractor)', 'Completed at']),
    );
    const row = rows.find((r) => r.includes(CAUSE));
    expect(row).toBeDefined();
    expect(row).toEqual(expect.arrayContaining(['12樓洗手間', '1203室', '工程部 陳師傅', 'Open']));
    await shown(page.getByRole('status').getByText(/Saved repairs-/));
  });

  it('3. prints on A4 landscape as the paper register, without the app around it', async () => {
    const { page } = e2e;
    await page.emulateMedia({ media: 'print' });
    await expect(
      page.getByRole('heading', { name: 'Register of repair requests and repairs' }).isVisible(),
    ).resolves.toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
    expect(await page.getByRole('cell', { name: CAUSE }).isVisible()).toBe(true);

    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const boxes = [
      ...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g),
    ];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, x0, y0, x1, y1] of boxes) {
      const width = Number(x1) - Number(x0);
      const height = Number(y1) - Number(y0);
      // Landscape A4: the long side across.
      expect(Math.abs(width - A4.long)).toBeLessThan(2);
      expect(Math.abs(height - A4.short)).toBeLessThan(2);
    }
  });
});
