/**
 * D5, O1: the integrity screen runs the server's chain check for the chief and the manager and
 * shows the result per record; a desk person gets the refusal (as the server's 403); offline it
 * says the check needs the server and checks the tablet's own copy of the chain.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuildingIntegrity, IntegrityResponse } from '../../src/domain/integrity';
import { IntegrityScreen } from '../../src/client/features/integrity/integrity-screen';
import { renderWithDb, seedStaff, seedTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

// 2030-01-15 09:00 and 2030-01-16 10:00 in Hong Kong (UTC+8).
const SIGNED = Date.UTC(2030, 0, 15, 1, 0);
const REVIEWED = Date.UTC(2030, 0, 16, 2, 0);

function building(ok: boolean): BuildingIntegrity {
  return {
    siteId: 's',
    siteName: 'Harbour View Tower',
    ok,
    checkedAt: REVIEWED,
    records: [
      { id: 'r1', table: 'handoverRecord', kind: 'handover', correctsId: null, day: null, signedAt: SIGNED, ok },
      {
        id: 'v1',
        table: 'dayReview',
        kind: 'review',
        correctsId: null,
        day: '2030-01-15',
        signedAt: REVIEWED,
        ok: true,
      },
    ],
    entriesChecked: 4,
    entriesFollowedUp: 0,
    archivedLinks: 0,
    problems: ok ? [] : [{ kind: 'hashMismatch', recordId: 'r1', table: 'handoverRecord', refId: null, detail: 'x' }],
  };
}

function serverAnswers(body: IntegrityResponse | { error: { code: string; message: string } }, status = 200) {
  const fetchMock = vi.fn(async () => Response.json(body, { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function openAs(role: 'chief' | 'manager' | 'desk') {
  const tablet = await seedTablet();
  const staffId = await seedStaff(tablet, { name: 'Chan Kwok Wah', role });
  renderWithDb(<IntegrityScreen staffId={staffId} />, tablet.db);
  return staffId;
}

describe('integrity screen (D5, O1)', () => {
  it('shows a passing check per record for the section chief', async () => {
    const fetchMock = serverAnswers({ building: building(true), serverTime: REVIEWED });
    const chiefId = await openAs('chief');
    expect(await screen.findByText('Passed: no signed record was changed, removed or reordered.')).toBeInTheDocument();
    expect(String(fetchMock.mock.calls[0]?.at(0))).toBe(`/api/v1/integrity?staffId=${chiefId}`);
    expect(screen.getByText('Signed records: 1 · Day reviews: 1 · Entries checked: 4')).toBeInTheDocument();
    const list = screen.getByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Day review of 2030-01-15, signed 2030-01-16 10:00 Intact',
      'Handover, signed 2030-01-15 09:00 Intact',
    ]);
  });

  it('shows a failing check with what is wrong with which record, for the manager', async () => {
    serverAnswers({ building: building(false), serverTime: REVIEWED });
    await openAs('manager');
    expect(await screen.findByText('Failed: 1 problem(s) found.')).toBeInTheDocument();
    expect(
      screen.getByText('Handover, signed 2030-01-15 09:00: Its content was changed after it was signed.'),
    ).toBeInTheDocument();
    const records = screen.getAllByRole('list').at(-1);
    expect(
      within(records as HTMLElement).getByText('Handover, signed 2030-01-15 09:00').parentElement,
    ).toHaveTextContent('Problem');
  });

  it('refuses a desk person, without asking the server', async () => {
    const fetchMock = serverAnswers({ building: building(true), serverTime: REVIEWED });
    await openAs('desk');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only the section chief or the office manager can check the records’ integrity.',
    );
    expect(screen.queryByRole('button', { name: 'Check now' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the refusal when the server answers 403 forbidden_role', async () => {
    serverAnswers({ error: { code: 'forbidden_role', message: 'only the section chief or the manager' } }, 403);
    await openAs('chief');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only the section chief or the office manager can check the records’ integrity.',
    );
  });

  it('offline, says the check needs the server and checks the tablet’s own copy', async () => {
    const user = userEvent.setup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await openAs('chief');
    expect(await screen.findByText(/The full check needs the server/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check this tablet’s copy' }));
    expect(
      await screen.findByText('This tablet’s copy checks out: 0 signed records and 0 day reviews.'),
    ).toBeInTheDocument();
  });
});
