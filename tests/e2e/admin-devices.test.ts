/**
 * Issue 9 §3, §6 end to end: the admin, signed in on the building's first tablet, adds a person
 * online (the server writes the row; nothing is queued) and revokes a second enrolled tablet from
 * the device list, after which that tablet's next sync request gets 401 at once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pullAll } from './api';
import { enrolTablet, openSection, readDevice, setUpBuilding, shown, signIn, statusBar } from './app-steps';
import { firstPage, launchBrowser, stopAll, useE2e, type Browser } from './harness';

const ADMIN = '黃志強';
const ADMIN_PIN = '135790';
const NEWCOMER = '何翠儀';

/** The sync pull as a tablet makes it, with its own token: the HTTP status only. */
async function pullStatus(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/sync/pull?cursor=0&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

/** Creates a one-time code on the admin screen and reads it off the screen. */
async function codeFromAdminScreen(page: Page): Promise<string> {
  const panel = page.getByRole('region', { name: 'Enrol another tablet' });
  await panel.getByRole('button', { name: 'Create enrolment code' }).click();
  const code = await shown(panel.locator('.code-display'));
  return (await code.innerText()).trim();
}

describe('admin online: a person added on the server, a second tablet revoked (issue 9 §3, §6)', () => {
  const e2e = useE2e();

  it('adds a person through the admin API and revokes the other tablet, whose next sync gets 401', async () => {
    const { env, page } = e2e;
    const { url } = env.server;
    let second: Browser | undefined;
    try {
      await page.goto(url);
      await shown(page.getByRole('heading', { name: 'Set up this building' }));
      await setUpBuilding(page, {
        setupCode: env.server.setupCode(),
        name: 'Pacific Plaza 太平洋廣場',
        adminName: ADMIN,
        pin: ADMIN_PIN,
        tabletName: 'Lobby desk',
      });
      await signIn(page, ADMIN, ADMIN_PIN);
      await openSection(page, 'Admin');

      // A second tablet, with its own browser profile, enrolled with a code made on the admin screen.
      second = await launchBrowser();
      const tablet2 = await firstPage(second.context);
      const code = await codeFromAdminScreen(page);
      await tablet2.goto(url);
      await enrolTablet(tablet2, code, 'Car park desk');
      await shown(statusBar(tablet2).getByText('All changes are on the server'));
      const { token: token2 } = await readDevice(tablet2);
      expect(await pullStatus(url, token2)).toBe(200);

      // The admin adds a person: written by the server, shown at once, queued nowhere.
      const form = page.getByRole('form', { name: 'Add a person' });
      await form.getByRole('textbox', { name: 'Name' }).fill(NEWCOMER);
      await form.getByRole('radio', { name: 'Desk staff' }).check();
      await form.getByLabel('PIN', { exact: true }).fill('4444');
      await form.getByLabel('Confirm PIN', { exact: true }).fill('4444');
      await form.getByRole('button', { name: 'Add person' }).click();
      await shown(form.getByRole('status').getByText(`${NEWCOMER} was added on the server.`));
      const staffList = page.getByRole('region', { name: 'Staff' });
      await shown(staffList.getByRole('button', { name: `Deactivate ${NEWCOMER}` }));
      const { token: token1 } = await readDevice(page);
      const staffRows = (await pullAll(url, token1)).filter((c) => c.table === 'staff').map((c) => c.row.name);
      expect(staffRows).toContain(NEWCOMER);
      await shown(statusBar(page).getByText('All changes are on the server'));

      // The device list: this tablet is marked and has no Revoke; the other one is revoked after confirming.
      const devices = page.getByRole('region', { name: 'Devices' });
      await devices.getByRole('button', { name: 'Refresh the list' }).click();
      const carPark = devices.getByRole('listitem').filter({ hasText: 'Car park desk' });
      const lobby = devices.getByRole('listitem').filter({ hasText: 'Lobby desk' });
      await shown(carPark);
      await expect.poll(() => lobby.innerText()).toContain('This device');
      expect(await lobby.getByRole('button').count()).toBe(0);
      await carPark.getByRole('button', { name: 'Revoke Car park desk' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke Car park desk?' });
      await dialog.getByRole('button', { name: 'Revoke device' }).click();
      await shown(devices.getByRole('status').getByText('Car park desk was revoked.'));
      await shown(carPark.getByText(/^Revoked /));

      // The revoked tablet's next sync request is refused at once; the admin's tablet still syncs.
      expect(await pullStatus(url, token2)).toBe(401);
      expect(await pullStatus(url, token1)).toBe(200);
    } finally {
      await stopAll(second);
    }
  });
});
