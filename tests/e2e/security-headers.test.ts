/**
 * Issue 9 §7 in Chromium: the Content-Security-Policy and Permissions-Policy the server sends break
 * nothing the app does. Setup, sign-in, opening the desk (its count and a handwritten signature,
 * which the pad stores as a data URL), a duty-record entry and sync all run with no CSP violation
 * and no policy warning in the console, the service worker takes control, and pulls come gzipped.
 */
import { describe, expect, it } from 'vitest';
import {
  browserZone,
  entryList,
  openTheDesk,
  setUpBuilding,
  shiftAroundNow,
  shown,
  signIn,
  statusBar,
  writeEntry,
} from './app-steps';
import { useE2e, waitForServiceWorkerControl } from './harness';

const BUILDING = { name: 'Harbour Centre 海港中心', adminName: '陳美玲', pin: '246813', tabletName: 'Lobby desk' };

/** Console lines that mean a policy refused or did not understand something. */
const POLICY_PROBLEM =
  /Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions policy|Unrecognized feature/i;

describe('issue 9 §7: the security headers break nothing in the app', () => {
  const e2e = useE2e();
  const problems: string[] = [];
  const pulls: { encoding: string | null; status: number }[] = [];

  it('1. sets up, signs in, opens the desk with a count and a signature, writes an entry, with no policy violation', async () => {
    const { env, page } = e2e;
    await env.browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (msg) => {
      if (POLICY_PROBLEM.test(msg.text())) problems.push(msg.text());
    });
    page.on('response', (res) => {
      if (res.url().includes('/api/v1/sync/pull')) {
        void res
          .allHeaders()
          .then((h) => pulls.push({ encoding: h['content-encoding'] ?? null, status: res.status() }));
      }
    });

    const first = await page.goto(env.server.url);
    expect(first?.headers()['content-security-policy']).toContain("default-src 'self'");
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
    await writeEntry(page, {
      kind: 'Enquiry',
      cause: 'Visitor asked for the dentist on 12/F',
      process: 'Directed to lift lobby B',
      party: 'Visitor',
      location: 'Lobby',
    });
    await shown(entryList(page).getByText('1 entry', { exact: true }));
    await shown(statusBar(page).getByText('All changes are on the server'));
    await waitForServiceWorkerControl(page);

    expect(problems).toEqual([]);
  });

  it('2. a reload raises no violation either, and the pulls came gzipped', async () => {
    const { page } = e2e;
    const reload = await page.reload();
    expect(reload?.ok()).toBe(true);
    // Issue 9 §3: after a reload the person types the PIN again (the admin's is checked online).
    await signIn(page, BUILDING.adminName, BUILDING.pin);
    expect(problems).toEqual([]);
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.every((p) => p.status === 200)).toBe(true);
    // Small pages (under 1 KiB) are sent as they are; at least the first full pull was compressed.
    expect(pulls.some((p) => p.encoding === 'gzip')).toBe(true);
  });
});
