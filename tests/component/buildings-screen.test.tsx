/**
 * Issue 10 §1: on an office device, a manager's buildings side by side, each with its figures and
 * review queue (O1), the one shown marked; opening another asks the page to switch (root.tsx);
 * a building that cannot be loaded is said on its card, and the page stays where it was.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTOR_HEADERS } from '../../src/domain/actor-proof';
import type { BuildingSummary } from '../../src/domain/api';
import { newId } from '../../src/domain/ids';
import { getDevice } from '../../src/client/db/repos/device-repo';
import { setMeta } from '../../src/client/db/meta';
import { BuildingsScreen } from '../../src/client/features/buildings/buildings-screen';
import { forgetProofKeys } from '../../src/client/state/proof-keys';
import { BuildingNotLoadedError } from '../../src/client/sync/open-building';
import { BuildingSwitchProvider, type BuildingSwitch } from '../../src/client/ui/building-switch';
import { DbProvider } from '../../src/client/ui/db-context';
import { EngineProvider } from '../../src/client/ui/engine-context';
import { render } from '@testing-library/react';
import { fakeEngine, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  forgetProofKeys();
});

const figures = (over: Partial<NonNullable<BuildingSummary['figures']>> = {}) => ({
  awaitingReview: 0,
  overdueReview: 0,
  reviewDays: [],
  escalationsToChief: 0,
  escalationsToManager: 0,
  swapsAwaitingApproval: 0,
  openEntriesToday: 0,
  dailyReportsYesterday: 0,
  ...over,
});

async function officeWithManager() {
  const tablet = await seedTablet();
  const device = await getDevice(tablet.db);
  if (!device) throw new Error('no device');
  await setMeta(tablet.db, 'device', { ...device, kind: 'office' });
  const managerId = await seedStaff(tablet, { name: 'Leung Mei Ling', role: 'manager', pin: '246810' });
  const site = await tablet.db.site.get(tablet.siteId);
  const other = newId();
  const buildings: BuildingSummary[] = [
    {
      siteId: tablet.siteId,
      name: site?.name ?? '',
      timeZone: 'Asia/Hong_Kong',
      staffId: managerId,
      role: 'manager',
      figures: figures({ escalationsToManager: 2 }),
    },
    {
      siteId: other,
      name: 'Kowloon Bay Tower',
      timeZone: 'Asia/Hong_Kong',
      staffId: newId(),
      role: 'manager',
      figures: figures({
        awaitingReview: 2,
        overdueReview: 1,
        reviewDays: [
          { day: '2026-11-30', overdue: false },
          { day: '2026-11-27', overdue: true },
        ],
      }),
    },
  ];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://office.local');
    const proven = new Headers(init?.headers).get(ACTOR_HEADERS.staffId) === managerId;
    if (url.pathname === '/api/v1/office/buildings' && proven) {
      return Response.json({ buildings, serverTime: Date.now() });
    }
    return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  const open = vi.fn<BuildingSwitch['open']>(async () => undefined);
  const switcher: BuildingSwitch = { siteId: tablet.siteId, open };
  render(
    <BuildingSwitchProvider value={switcher}>
      <DbProvider db={tablet.db}>
        <EngineProvider engine={fakeEngine()}>
          <BuildingsScreen staffId={managerId} />
        </EngineProvider>
      </DbProvider>
    </BuildingSwitchProvider>,
  );
  return { tablet, managerId, buildings, open, site };
}

describe('the buildings overview on an office device (issue 10 §1)', () => {
  it('shows each building with its figures and review queue side by side; the one shown is marked and has no Open button', async () => {
    const w = await officeWithManager();
    const here = await screen.findByRole('region', { name: w.site?.name ?? '' });
    const there = screen.getByRole('region', { name: 'Kowloon Bay Tower' });
    expect(within(here).getByText('Shown on this device now')).toBeVisible();
    expect(within(here).queryByRole('button', { name: /^Open/ })).toBeNull();
    expect(within(here).getByText('Escalations to the manager, not decided').nextElementSibling).toHaveTextContent('2');
    expect(within(there).getByText('Days awaiting review').nextElementSibling).toHaveTextContent('2');
    const queue = within(there).getByRole('list', { name: 'Review queue' });
    expect(
      within(queue)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['2026-11-30', '2026-11-27overdue']);
    expect(within(here).getByText('No day awaits review.')).toBeVisible();
  });

  it('Open asks the page to switch to that building with the person’s row there; a failure is said on the card', async () => {
    const user = userEvent.setup();
    const w = await officeWithManager();
    const button = await screen.findByRole('button', { name: 'Open Kowloon Bay Tower' });
    w.open.mockRejectedValueOnce(new BuildingNotLoadedError(w.buildings[1]?.siteId ?? ''));
    await user.click(button);
    const there = screen.getByRole('region', { name: 'Kowloon Bay Tower' });
    expect(await within(there).findByRole('alert')).toHaveTextContent(
      'Kowloon Bay Tower could not be loaded on this device. Connect to the network and try again.',
    );
    await user.click(button);
    expect(w.open).toHaveBeenLastCalledWith(w.buildings[1], { staffId: w.managerId });
    expect(within(there).queryByRole('alert')).toBeNull();
  });
});
