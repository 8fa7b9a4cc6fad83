/**
 * Issue 8, end-to-end test 4 (D5): the server's search finds an entry from 18 months ago, and the
 * tablet's search finds one from last week while offline; offline, a search the tablet cannot
 * answer suggests the server's search.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { initialVersions } from '../../src/server/sync/server-rows';
import { DB_FILE_NAME } from '../../src/server/main';
import { openSqliteStore } from '../../src/server/store/sqlite-store';
import type { RowWrite } from '../../src/server/store/store';
import type { SyncTable } from '../../src/domain/entities';
import { createEnrolmentCode, setUpViaApi } from './api';
import { enrolTablet, shown, signIn, statusBar } from './app-steps';
import { useE2e } from './harness';

const ADMIN = '黃志強';
const PIN = '135790';
const DAY = 86_400_000;
const OLD_CAUSE = '地庫水泵房漏水，已關總掣';
const RECENT_CAUSE = '15樓洗手間漏水';

/** Seed a past duty and its entries straight into the server's store, as they were kept then. */
async function seedHistory(dataDir: string, siteId: string, staffId: string): Promise<void> {
  const store = openSqliteStore(join(dataDir, DB_FILE_NAME), { nowMs: Date.now() });
  const writes: RowWrite<SyncTable>[] = [];
  try {
    const now = Date.now();
    const put = (table: 'duty' | 'logEntry', row: Record<string, unknown>) => {
      const full = { ...row, siteId, updatedAt: `${String(now).padStart(15, '0')}-0000-seed`, deleted: false };
      writes.push({
        siteId,
        table,
        id: String(row.id),
        row: full,
        versions: initialVersions(full),
        updatedHlc: full.updatedAt,
        deleted: false,
        receivedAt: now,
      });
    };
    for (const [cause, at] of [
      [OLD_CAUSE, now - 548 * DAY],
      [RECENT_CAUSE, now - 6 * DAY],
    ] as const) {
      const dutyId = newId();
      put('duty', {
        id: dutyId,
        staffId,
        shiftId: 'day',
        startedAt: at - 3_600_000,
        endedAt: at + 3_600_000,
        handoverId: null,
      });
      put('logEntry', {
        id: newId(),
        dutyId,
        staffId,
        kind: 'repair',
        severity: 'routine',
        status: 'resolved',
        cause,
        process: '通知工程部',
        result: '已修妥',
        party: '',
        contact: '',
        location: '地庫',
        occurredAt: at,
        referredTo: '',
        operationEndedAt: null,
        backdateReason: '',
        channel: null,
        partyType: null,
        unit: '',
        assignedTo: '',
        completedAt: null,
        recordedAt: at,
        deviceTime: at,
      });
    }
    await store.transaction(siteId, async (tx) => {
      for (const w of writes) await tx.writeRow(w);
    });
  } finally {
    await store.close();
  }
}

describe('search (D5), Chinese first', () => {
  const e2e = useE2e();

  it('D5: the server finds an entry from 18 months ago; offline, the tablet finds last week and suggests the server', async () => {
    const { env, page } = e2e;
    const { url } = env.server;
    const setup = await setUpViaApi(env.server, ADMIN, PIN);
    await seedHistory(env.server.dataDir, setup.siteId, setup.adminStaffId);
    await page.goto(url);
    await enrolTablet(page, await createEnrolmentCode(url, setup, PIN), 'Lobby desk');
    await signIn(page, ADMIN, PIN);
    await shown(statusBar(page).getByText('All changes are on the server'));
    // The search section by its URL, inside the app (the nav link belongs to the roles' homes).
    await page.evaluate(() => {
      history.pushState(null, '', '/search');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await shown(page.getByRole('heading', { name: 'Search the records' }));

    const box = page.getByRole('textbox', { name: 'Search for' });
    await box.fill('漏水');
    // The server: every record, however old.
    await page.getByRole('button', { name: 'Search the server' }).first().click();
    await shown(page.getByText('Results from the server: every record of the building.'));
    await shown(page.getByRole('button', { name: new RegExp(OLD_CAUSE) }));
    await shown(page.getByRole('button', { name: new RegExp(RECENT_CAUSE) }));
    // Older than the tablet's window: read as the server holds it.
    await page.getByRole('button', { name: new RegExp(OLD_CAUSE) }).click();
    await shown(page.getByText('This record is older than the tablet keeps; it is shown as the server holds it.'));

    // The tablet, offline: last week's entry is in its window (traditional query, simplified folding, a space).
    await env.browser.context.setOffline(true);
    await box.fill('洗手间 漏水');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await shown(page.getByText(/Results from this tablet/));
    await shown(page.getByRole('button', { name: new RegExp(RECENT_CAUSE) }));
    expect(await page.getByRole('button', { name: 'Search the server' }).count()).toBe(0);

    // Not in the window: said plainly, with where to look.
    await box.fill('水泵房');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await shown(page.getByText('No records match "水泵房".'));
    await shown(
      page.getByText(/are not on this tablet\. When the tablet is online again, search the server for them\./),
    );

    // Opening a result shows the entry itself.
    await box.fill('洗手間漏水');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: new RegExp(RECENT_CAUSE) }).click();
    await shown(page.getByRole('dialog').getByText(RECENT_CAUSE));
    await env.browser.context.setOffline(false);
  });
});
