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
  /** Issue 9 §7: the one-time code the server logged at start (ServerProcess.setupCode()). */
  setupCode: string;
  name: string;
  adminName: string;
  pin: string;
  tabletName: string;
  /** The building's shift (S2), when not the default 09:00-18:00: see shiftAroundNow. */
  shift?: { start: string; end: string };
}

/**
 * First run (issue 2, item 5): the setup code from the server's console (issue 9 §7), the
 * building, the first admin with a PIN of 6 to 8 digits, and this tablet.
 */
export async function setUpBuilding(page: Page, b: Building): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Set up this building' }));
  await page.getByRole('textbox', { name: 'Setup code' }).fill(b.setupCode);
  await page.getByRole('textbox', { name: 'Building name' }).fill(b.name);
  if (b.shift) {
    await page.getByLabel('Shift start', { exact: true }).fill(b.shift.start);
    await page.getByLabel('Shift end', { exact: true }).fill(b.shift.end);
  }
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

/**
 * Opens the section named `name` from the nav (issue 8: a role's main sections stand in the row,
 * the rest are under "More", which then names the section shown: "More: Rota", "更多：值班記錄").
 */
export async function openSection(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Sections|功能)$/ });
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: /^(More|更多)/ }).click();
  await link.click();
}

/**
 * Opens `path` inside the running app, as a link would (the router follows history), instead of a
 * page load: a load is a reload, which forgets the signed-in person's proof key (issue 9 §3) and
 * sends them back to sign-in.
 */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
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

/**
 * S2: a shift around now in `timeZone` (the browser's, which the setup form offers), from the hour
 * before now for `hours` (9, or 24 so that the next day's shift follows on at once), and the
 * building day it starts on: someone rostered on it is rostered now, whatever the time the test
 * runs (S1: only they may open the desk).
 */
export function shiftAroundNow(
  timeZone: string,
  nowMs = Date.now(),
  hours = 9,
): { start: string; end: string; day: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const startHour = Math.max(0, Number(part('hour')) - 1);
  const clock = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  // 24 hours: the end equals the start, which the building reads as the next day's (S2).
  return {
    start: clock(startHour),
    end: clock(startHour + hours),
    day: `${part('year')}-${part('month')}-${part('day')}`,
  };
}

/** The browser's time zone, which the first-run form offers for the building. */
export function browserZone(page: Page): Promise<string> {
  return page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** One handwritten stroke across a signature box with the mouse. */
export async function strokeOn(page: Page, canvas: Locator): Promise<void> {
  await canvas.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature box is not laid out');
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6, { steps: 6 });
  await page.mouse.up();
}

/**
 * H3, S1: the first duty of a building with no duty open. An admin or chief (signed in) rosters
 * `person` on `day`'s shift, then `person`, signed in, opens the desk: the count (a new building
 * has no items), the check, their signature and PIN; the duty record then takes entries.
 */
export async function openTheDesk(page: Page, person: { name: string; pin: string }, day: string): Promise<void> {
  await openSection(page, 'Rota');
  const arrange = await shown(page.getByRole('form', { name: 'Arrange the rota' }));
  await arrange.getByRole('combobox', { name: 'Day' }).selectOption(day);
  await arrange.getByRole('combobox', { name: 'Person' }).selectOption({ label: person.name });
  await arrange.getByRole('button', { name: 'Add to rota' }).click();
  await shown(arrange.getByRole('status').getByText(`${person.name} is rostered on`, { exact: false }));
  await openSection(page, 'Handover');
  await (await shown(page.getByRole('button', { name: 'Open the desk' }))).click();
  await shown(page.getByRole('heading', { name: 'Opening the desk' }));
  await page.getByRole('tab', { name: /^Signatures/ }).click();
  const block = await shown(page.getByRole('region', { name: `Opening the desk: ${person.name}` }));
  await strokeOn(page, block.getByRole('img', { name: `Signature of ${person.name}` }));
  await shown(block.getByText('Signed. Clear to sign again.'));
  const keypad = block.getByRole('group', { name: `PIN of ${person.name}` });
  for (const digit of person.pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await keypad.getByRole('button', { name: 'Sign and open the desk' }).click();
  await shown(page.getByRole('region', { name: 'Desk opened' }));
  await openSection(page, 'Duty record');
  await shown(page.getByRole('form', { name: 'New entry' }));
}
