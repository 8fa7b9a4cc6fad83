/**
 * What a person does on the tablet, as reusable steps for the end-to-end tests. Every element is
 * found by its role and accessible name from the English catalogue (src/client/i18n/en.ts), as a
 * screen reader would; the two PIN inputs of the setup form are password fields, which have no
 * ARIA role, so they are found by their label.
 */
import type { Locator, Page } from 'playwright-core';

/** Upper bound for one UI step (PBKDF2 sign-in and a sync round trip fit with room on 2 cores). */
export const STEP_TIMEOUT_MS = 30_000;

/** Waits until the locator is visible; fails after STEP_TIMEOUT_MS. */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return locator;
}

export interface Building {
  name: string;
  adminName: string;
  pin: string;
  tabletName: string;
}

/** First run (issue 2, item 5): the building, the first admin with a PIN, and this tablet. */
export async function setUpBuilding(page: Page, b: Building): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Set up this building' }));
  await page.getByRole('textbox', { name: 'Building name' }).fill(b.name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Administrator name' }).fill(b.adminName);
  await page.getByLabel('PIN', { exact: true }).fill(b.pin);
  await page.getByLabel('Confirm PIN', { exact: true }).fill(b.pin);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Tablet name' }).fill(b.tabletName);
  await page.getByRole('button', { name: 'Set up building' }).click();
  await shown(page.getByRole('heading', { name: 'The building is set up' }));
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Enrols a second tablet with a one-time code created by an admin. */
export async function enrolTablet(page: Page, code: string, tabletName: string): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Enrol this tablet' }));
  await page.getByRole('textbox', { name: 'Enrolment code' }).fill(code);
  await page.getByRole('textbox', { name: 'Tablet name' }).fill(tabletName);
  await page.getByRole('button', { name: 'Enrol this tablet' }).click();
  await shown(page.getByRole('heading', { name: 'This tablet is enrolled' }));
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Picks the person and types the PIN on the on-screen keypad, then presses Sign in. */
export async function enterPin(page: Page, name: string, pin: string): Promise<void> {
  const pinHeading = page.getByRole('heading', { name: `PIN for ${name}` });
  if (!(await pinHeading.isVisible())) {
    await shown(page.getByRole('heading', { name: 'Who is signing in?' }));
    await (await shown(page.getByRole('button', { name, exact: true }))).click();
    await shown(pinHeading);
  }
  const keypad = page.getByRole('main');
  // The keypad must be enabled again (the previous check finished) before typing.
  await keypad.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await keypad.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the header to name the person. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await enterPin(page, name, pin);
  await shown(page.getByText(`Signed in: ${name}`));
}

export interface EntryInput {
  kind: 'Enquiry' | 'Help request' | 'Complaint' | 'Repair' | 'Anomaly';
  cause: string;
  process: string;
  party: string;
  location: string;
}

/** Fills the fast entry form and saves; waits for the form to confirm and clear. */
export async function writeEntry(page: Page, e: EntryInput): Promise<void> {
  const form = page.getByRole('form', { name: 'New entry' });
  await form.getByRole('radio', { name: e.kind, exact: true }).check();
  await form.getByRole('textbox', { name: 'Cause' }).fill(e.cause);
  await form.getByRole('textbox', { name: 'What was done' }).fill(e.process);
  await form.getByRole('textbox', { name: 'Tenant or unit' }).fill(e.party);
  await form.getByRole('textbox', { name: 'Location' }).fill(e.location);
  await form.getByRole('button', { name: 'Save entry' }).click();
  await shown(form.getByRole('status').getByText('Entry saved.'));
}

/** The list of the current duty's entries. */
export function entryList(page: Page): Locator {
  return page.getByRole('region', { name: "This duty's entries" });
}

/** The always-visible status bar. */
export function statusBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Sync status' });
}

/** The IndexedDB device record (token, ids) of this tablet, read the way the app stores it. */
export function readDevice(page: Page): Promise<{ deviceId: string; siteId: string; token: string }> {
  return page.evaluate(
    () =>
      new Promise<{ deviceId: string; siteId: string; token: string }>((resolve, reject) => {
        const open = indexedDB.open('handover-desk');
        open.onerror = () => reject(open.error ?? new Error('cannot open IndexedDB'));
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('device');
          get.onerror = () => reject(get.error ?? new Error('cannot read meta'));
          get.onsuccess = () => {
            open.result.close();
            const row = get.result as { value?: { deviceId: string; siteId: string; token: string } } | undefined;
            if (row?.value) resolve(row.value);
            else reject(new Error('this tablet is not enrolled'));
          };
        };
      }),
  );
}
