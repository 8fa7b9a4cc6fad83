/**
 * The update prompt (issue 2, item 7): a new service worker waits, the app says "A new version is
 * ready", the reload is held back while an entry is half-typed, and once the person discards it
 * the new version takes over and the page reloads into it.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TIME_ZONE, createEnrolmentCode, setUpViaApi } from './api';
import { enrolTablet, openTheDesk, shiftAroundNow, shown, signIn } from './app-steps';
import {
  assertBuilt,
  firstPage,
  launchBrowser,
  stopAll,
  waitForServiceWorkerControl,
  type Browser,
  type ServerProcess,
} from './harness';
import { REPO_ROOT, startServerProcess } from './server-process';

const ADMIN = '李嘉欣';
const PIN = '975310';

describe('service worker update prompt', () => {
  // The server serves a copy of dist/, so the test can ship a "new version" of sw.js.
  let distCopy: string;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    assertBuilt();
    distCopy = mkdtempSync(join(tmpdir(), 'handover-dist-'));
    cpSync(join(REPO_ROOT, 'dist'), distCopy, { recursive: true });
    server = await startServerProcess({ distDir: distCopy });
    browser = await launchBrowser();
    page = await firstPage(browser.context);
  });

  afterAll(async () => {
    await stopAll(browser, server);
    rmSync(distCopy, { recursive: true, force: true });
  });

  it('offers the new version, waits for unsaved input, then reloads into it', async () => {
    if (!server) throw new Error('the server did not start');
    const setup = await setUpViaApi(server, ADMIN, PIN);
    await page.goto(server.url);
    await enrolTablet(page, await createEnrolmentCode(server.url, setup, PIN), 'Lobby desk');
    await signIn(page, ADMIN, PIN);
    // H3, S1: the first duty of the building begins by opening the desk.
    await openTheDesk(page, { name: ADMIN, pin: PIN }, shiftAroundNow(API_TIME_ZONE).day);
    await waitForServiceWorkerControl(page);

    // Deploy a new build: any byte change to sw.js makes it a new service worker.
    appendFileSync(join(distCopy, 'sw.js'), '\n// next release\n');
    const form = page.getByRole('form', { name: 'New entry' });
    await form.getByRole('textbox', { name: 'Cause' }).fill('Courier waiting at the loading bay');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });

    const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready' });
    await shown(prompt);
    // Half-typed entry: the reload is held back and says why.
    await shown(prompt.getByText('Save or discard your entry first'));
    expect(await prompt.getByRole('button', { name: 'Reload' }).isDisabled()).toBe(true);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(
      true,
    );

    await form.getByRole('button', { name: 'Discard entry' }).click();
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;

    // The waiting worker took over (a plain reload would have left it waiting) and the app is back.
    await waitForServiceWorkerControl(page);
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null),
    ).toBeNull();
    // The new version asks for the PIN again (issue 9 §3: keys live in the page's memory only) and
    // opens on the same section.
    await signIn(page, ADMIN, PIN);
    await shown(page.getByRole('form', { name: 'New entry' }));
    expect(await page.getByRole('status').filter({ hasText: 'A new version is ready' }).count()).toBe(0);
  });
});
