/**
 * Issue 10 §1's end-to-end proof in headless Chromium against the real server: the demo building
 * and a second building of the company, the manager assigned to both. On an office device the
 * manager sees both buildings side by side, each with its own review queue, opens the second on
 * this device (a database of its own, signed in with the same PIN) and comes back; a desk tablet
 * of the first building never receives a row of the second.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../scripts/demo-data';
import { dayKeyOf } from '../../src/domain/building-day';
import { ServerClock } from '../../src/server/sync/server-clock';
import { assignToBuilding, createBuilding } from '../../src/server/site/company-service';
import { createEnrolmentCode } from '../../src/server/site/enrolment-service';
import { listStaff } from '../../src/server/site/staff-service';
import { API_TIME_ZONE } from './api';
import { enrolTablet, openSection, shown, signIn } from './app-steps';
import { firstPage } from './harness';
import { enrolApiTablet, pullEverything, readRows, startDemoE2e } from './handover-steps';
import { expectUsable } from './usability';

const MANAGER = DEMO_STAFF.find((p) => p.key === 'manager');
const OTHER = '九龍灣商業中心';

describe('a manager across two buildings on an office device (issue 10 §1)', () => {
  it('sees both buildings’ review queues side by side, opens the second on this device and comes back; a desk tablet gets nothing of it', async () => {
    if (!MANAGER) throw new Error('the demo has no manager');
    let officeCode = '';
    let otherSiteId = '';
    const env = await startDemoE2e(Date.now(), async (store, siteId, nowMs) => {
      const staff = await listStaff(store, siteId);
      const admin = staff.find((s) => s.role === 'admin' && s.active);
      const manager = staff.find((s) => s.name === MANAGER.name);
      if (!admin || !manager) throw new Error('the demo has no admin or manager');
      const clock = new ServerClock();
      const acting = { siteId, deviceId: 'e2e-setup', staffId: admin.id };
      const b = await store.transaction(null, (tx) => createBuilding(tx, clock, acting, { name: OTHER }, nowMs));
      otherSiteId = b.siteId;
      await store.transaction(null, (tx) => assignToBuilding(tx, clock, acting, manager.id, b.siteId, nowMs));
      officeCode = (
        await store.transaction(siteId, (tx) =>
          createEnrolmentCode(tx, { siteId, actorStaffId: admin.id, deviceKind: 'office' }, nowMs),
        )
      ).code;
    });
    try {
      const { server, browser, codes } = env;
      const page = await firstPage(browser.context);
      await page.goto(server.url);
      await enrolTablet(page, officeCode, 'Property office PC');
      await signIn(page, MANAGER.name, MANAGER.pin);
      await openSection(page, 'Buildings');

      // Both buildings side by side, each with its own review queue (O1).
      const home = await shown(page.getByRole('region', { name: '海港中心 Harbour Centre' }));
      const other = await shown(page.getByRole('region', { name: OTHER }));
      await shown(home.getByText('Shown on this device now'));
      const homeQueue = await shown(home.getByRole('list', { name: 'Review queue' }));
      const homeDays = await homeQueue.getByRole('listitem').allTextContents();
      expect(homeDays.length).toBeGreaterThan(0);
      expect(homeDays.every((d) => /^\d{4}-\d{2}-\d{2}/.test(d))).toBe(true);
      expect(homeDays.some((d) => d.startsWith(dayKeyOf(Date.now(), API_TIME_ZONE)))).toBe(false);
      await shown(other.getByText('No day awaits review.'));
      await expectUsable(page, 'buildings overview, English landscape');

      // Open the second building: its own database, the manager signed in there without a PIN.
      await other.getByRole('button', { name: `Open ${OTHER}` }).click();
      const otherNow = await shown(page.getByRole('region', { name: OTHER }));
      await shown(otherNow.getByText('Shown on this device now'));
      await shown(page.getByText(`Signed in: ${MANAGER.name}`));
      await shown(page.getByRole('banner').getByText(OTHER));
      const otherRows = await page.evaluate(async (name) => {
        const open = indexedDB.open(name);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const read = (table: string) =>
          new Promise<{ siteId: string }[]>((resolve, reject) => {
            const req = db.transaction(table).objectStore(table).getAll();
            req.onsuccess = () => resolve(req.result as { siteId: string }[]);
            req.onerror = () => reject(req.error);
          });
        const rows = [...(await read('staff')), ...(await read('site')), ...(await read('logEntry'))];
        db.close();
        return rows.map((r) => r.siteId);
      }, `handover-desk@${otherSiteId}`);
      expect(otherRows.length).toBeGreaterThan(0);
      expect(new Set(otherRows)).toEqual(new Set([otherSiteId]));

      // And back to the first: the manager is still signed in, the first building is shown.
      await page
        .getByRole('region', { name: '海港中心 Harbour Centre' })
        .getByRole('button', { name: /^Open / })
        .click();
      const back = await shown(page.getByRole('region', { name: '海港中心 Harbour Centre' }));
      await shown(back.getByText('Shown on this device now'));
      await shown(page.getByText(`Signed in: ${MANAGER.name}`));
      const homeStaff = await readRows<{ siteId: string }>(page, 'staff');
      expect(homeStaff.every((s) => s.siteId !== otherSiteId)).toBe(true);

      // Tablet first: the overview in Traditional Chinese, the tablet turned to portrait.
      await page.setViewportSize({ width: 800, height: 1280 });
      await page.getByRole('combobox', { name: /^(Language|語言|语言)$/ }).selectOption({ label: '繁體中文' });
      await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
      await shown(page.getByRole('heading', { name: '你負責的大廈' }));
      await shown(page.getByRole('button', { name: `打開${OTHER}` }));
      await expectUsable(page, 'buildings overview, Chinese portrait');

      // A desk tablet of the first building never receives a row of the second.
      const desk = await enrolApiTablet(server.url, codes[1], 'Lobby spare');
      const everything = await pullEverything(server.url, desk.token);
      expect(everything.changes.length).toBeGreaterThan(0);
      expect(everything.changes.some((c) => (c.row as { siteId?: string }).siteId === otherSiteId)).toBe(false);
    } finally {
      await env.stop();
    }
  });
});
