/**
 * Background Sync (docs/architecture.md "Where it runs"): a change written offline reaches the server through
 * the service worker's `sync` event after the app's page is gone, so only the worker can have sent
 * it. This also proves that the page books the same tag the worker listens for.
 */
import { describe, expect, it } from 'vitest';
import { API_TIME_ZONE, createEnrolmentCode, pullAll, setUpViaApi } from './api';
import {
  enrolTablet,
  openTheDesk,
  readDevice,
  shiftAroundNow,
  shown,
  signIn,
  statusBar,
  writeEntry,
} from './app-steps';
import { useE2e, waitForServiceWorkerControl } from './harness';

const ADMIN = '黃志強';
const PIN = '135790';
const CAUSE = 'Fire door on B1 found propped open';

describe('Background Sync in the service worker', () => {
  const e2e = useE2e();

  it('delivers an entry written offline after the page has closed', async () => {
    const { env, page } = e2e;
    const { url } = env.server;
    const setup = await setUpViaApi(env.server, ADMIN, PIN);
    await page.goto(url);
    await enrolTablet(page, await createEnrolmentCode(url, setup, PIN), 'Car park desk');
    await signIn(page, ADMIN, PIN);
    // H3, S1: the first duty of the building begins by opening the desk.
    await openTheDesk(page, { name: ADMIN, pin: PIN }, shiftAroundNow(API_TIME_ZONE).day);
    await shown(statusBar(page).getByText('All changes are on the server'));
    await waitForServiceWorkerControl(page);
    const { token } = await readDevice(page);

    await env.browser.context.setOffline(true);
    await writeEntry(page, {
      kind: 'Anomaly',
      cause: CAUSE,
      process: 'Closed it and told security',
      party: 'Building',
      location: 'B1',
    });
    await shown(statusBar(page).getByText('1 change not yet on the server'));
    const causes = async () =>
      (await pullAll(url, token)).filter((c) => c.table === 'logEntry').map((c) => c.row.cause);
    // Not on the server while the page is open; checked before leaving it, because the worker's
    // `sync` may fire as soon as the page is gone (its own fetches are not under the page's offline
    // emulation), and then the entry is already there: that is the delivery this test proves.
    expect(await causes()).toEqual([]);

    // Leave the app: from here on no page code runs, only the service worker can sync.
    await page.goto('about:blank');

    await env.browser.context.setOffline(false);
    await expect.poll(causes, { timeout: 60_000, interval: 500 }).toEqual([CAUSE]);

    // Back in the app, the tablet knows the change is on the server (its outbox was acked).
    await page.goto(url);
    await shown(statusBar(page).getByText('All changes are on the server'));
  });
});
