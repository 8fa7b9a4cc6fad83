/**
 * Issue 8, "A home for each role": the property office manager's home lists what waits for them:
 * the swaps and covers the section chief confirmed (S1; approving stays on the rota, linked) and
 * the escalations sent to the manager and not yet decided (D3; each linked to its own page).
 */
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerHomeScreen } from '../../src/client/features/home/manager-home';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { Escalation } from '../../src/domain/review-entities';
import type { SwapRequest, SwapStatus } from '../../src/domain/rota-entities';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { seedDuty, seedEntry } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

const HOUR = 3_600_000;
const T = Date.UTC(2026, 2, 16, 1, 0); // 09:00 in Hong Kong
let tablet: SeededTablet;
let people: { desk: string; other: string; chief: string; manager: string };

const base = () => ({
  siteId: tablet.siteId,
  updatedAt: formatHlc({ wallMs: T, counter: 0, node: 'seed' }),
  deleted: false,
  _versions: {},
});

async function seedSwap(status: SwapStatus, reason: string): Promise<SwapRequest> {
  const shiftId = newId();
  await tablet.db.rotaShift.put({
    ...base(),
    id: shiftId,
    staffId: people.desk,
    day: '2026-03-20',
    shiftId: 'day',
    startsAt: T + 4 * 24 * HOUR,
    endsAt: T + 4 * 24 * HOUR + 9 * HOUR,
    note: '',
  });
  const confirmed = status !== 'requested';
  const swap: SwapRequest = {
    ...base(),
    id: newId(),
    kind: 'cover',
    rotaShiftId: shiftId,
    requesterId: people.desk,
    substituteId: people.other,
    otherShiftId: null,
    reason,
    status,
    requestedAt: T,
    confirmedBy: confirmed ? people.chief : null,
    confirmedAt: confirmed ? T + HOUR : null,
    approvedBy: status === 'approved' ? people.manager : null,
    approvedAt: status === 'approved' ? T + 2 * HOUR : null,
    decidedBy: null,
    decidedAt: null,
    decisionNote: '',
  };
  await tablet.db.swapRequest.put({ ...swap, _versions: {} });
  return swap;
}

async function seedEscalation(entryId: string, fields: Partial<Escalation>): Promise<Escalation> {
  const escalation: Escalation = {
    ...base(),
    id: newId(),
    entryId,
    level: 'manager',
    forwardedFromId: null,
    reason: '影響全座供水',
    sentBy: people.chief,
    sentAt: T + HOUR,
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
    ...fields,
  };
  await tablet.db.escalation.put({ ...escalation, _versions: {} });
  return escalation;
}

beforeEach(async () => {
  tablet = await seedTablet();
  people = {
    desk: await seedStaff(tablet, { name: '李嘉欣' }),
    other: await seedStaff(tablet, { name: '張偉明' }),
    chief: await seedStaff(tablet, { name: '陳國華', role: 'chief' }),
    manager: await seedStaff(tablet, { name: '梁美玲', role: 'manager' }),
  };
});

describe("the manager's home (issue 8)", () => {
  it('S1: lists the covers the chief confirmed, not those still with the chief or already approved, and links to the rota', async () => {
    await seedSwap('confirmed', '家中有事');
    await seedSwap('requested', '覆診');
    await seedSwap('approved', '進修');
    renderWithDb(<ManagerHomeScreen />, tablet.db);
    const swaps = await screen.findByRole('region', { name: 'Swaps and covers awaiting your approval' });
    const items = await within(swaps).findAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('張偉明 covers 李嘉欣');
    expect(items[0]).toHaveTextContent('Reason: 家中有事');
    expect(items[0]).toHaveTextContent('Confirmed by 陳國華 at 2026-03-16 10:00');
    expect(within(swaps).getByRole('link', { name: 'Approve or reject on the rota' })).toHaveAttribute('href', '/rota');
  });

  it("D3: lists the escalations sent to the manager and not decided, each linked to its page; the chief's and the decided are not", async () => {
    const duty = await seedDuty(tablet, people.desk, T - HOUR);
    const burst = await seedEntry(tablet, people.desk, duty.id, {
      kind: 'repair',
      severity: 'major',
      cause: '12樓水管爆裂',
      process: '已關上總掣，通知工程部',
      occurredAt: T - 30 * 60_000,
    });
    const waiting = await seedEscalation(burst.id, {});
    const seen = await seedEscalation(burst.id, { acknowledgedBy: people.manager, acknowledgedAt: T + 2 * HOUR });
    await seedEscalation(burst.id, { level: 'chief', sentBy: people.desk });
    await seedEscalation(burst.id, {
      decision: '安排承辦商即日維修',
      decidedBy: people.manager,
      decidedAt: T + 3 * HOUR,
    });
    renderWithDb(<ManagerHomeScreen />, tablet.db);
    const list = await screen.findByRole('region', { name: 'Escalations sent to you' });
    const items = await within(list).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    const links = within(list).getAllByRole('link', { name: '12樓水管爆裂' });
    expect(links.map((l) => l.getAttribute('href'))).toEqual([`/escalations/${waiting.id}`, `/escalations/${seen.id}`]);
    expect(items[0]).toHaveTextContent('Sent by 陳國華 at 2026-03-16 10:00');
    expect(items[0]).toHaveTextContent('Not acknowledged yet');
    expect(items[1]).toHaveTextContent('Acknowledged by 梁美玲 at 2026-03-16 11:00');
  });

  it('says when nothing waits', async () => {
    renderWithDb(<ManagerHomeScreen />, tablet.db);
    expect(await screen.findByText('No swap or cover waits for your approval.')).toBeInTheDocument();
    expect(screen.getByText('No escalation waits for your decision.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Approve or reject on the rota' })).not.toBeInTheDocument();
  });
});
