import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Duty, LogEntry } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { Escalation } from '../../src/domain/review-entities';
import { EscalationsScreen } from '../../src/client/features/escalation/escalations-screen';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { useLanguageStore } from '../../src/client/state/language-store';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';
import { DutyRecordParts, seedDuty, seedEntry } from './log-fixtures';

vi.setConfig({ testTimeout: 30_000 });

const hk = (local: string) => new Date(`${local}+08:00`).getTime();
const NOW = hk('2025-03-15T15:00:00');

let tablet: SeededTablet;
let deskId: string;
let chiefId: string;
let managerId: string;
let duty: Duty;
let leak: LogEntry;

/** An escalation as a pull from the server leaves it on this tablet. */
async function pulled(over: Partial<Escalation> = {}): Promise<Escalation> {
  const e: Escalation = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: NOW, counter: 0, node: 'server' }),
    deleted: false,
    entryId: leak.id,
    level: 'chief',
    forwardedFromId: null,
    reason: 'Water through the lobby ceiling; close the east entrance?',
    sentBy: deskId,
    sentAt: hk('2025-03-15T14:00:00'),
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
    ...over,
  };
  await tablet.db.escalation.put({ ...e, _versions: {} });
  return e;
}

const queuedOps = async () => (await tablet.db.outbox.toArray()).filter((o) => o.table === 'escalation');

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  useLanguageStore.getState().setLanguage('en');
  window.history.replaceState(null, '', '/');
  tablet = await seedTablet();
  deskId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  chiefId = await seedStaff(tablet, { name: 'Wong Mei Ling', role: 'chief' });
  managerId = await seedStaff(tablet, { name: 'Leung Mei Ling', role: 'manager' });
  duty = await seedDuty(tablet, deskId, hk('2025-03-15T09:00:00'));
  leak = await seedEntry(tablet, deskId, duty.id, {
    kind: 'repair',
    severity: 'major',
    cause: 'Ceiling leak by the east entrance',
    process: 'Buckets set out; area roped off',
    occurredAt: hk('2025-03-15T13:50:00'),
  });
});

afterEach(() => {
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});

describe('escalating an entry (D2, D3)', () => {
  it('D3: marks an entry difficult with its reason and shows who sent it, when, why, and that it waits', async () => {
    const user = userEvent.setup();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={deskId} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: /Ceiling leak by the east entrance/ }));
    const dialog = await screen.findByRole('dialog');
    const panel = await within(dialog).findByRole('region', { name: 'Escalation' });
    await user.click(within(panel).getByRole('button', { name: 'Mark difficult / send to the section chief' }));
    // D3: the reason is required, said beside the field; nothing is queued.
    await user.click(within(panel).getByRole('button', { name: 'Mark difficult / send to the section chief' }));
    const reason = within(panel).getByRole('textbox', { name: 'Why it goes up' });
    await vi.waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Required')));
    expect(await queuedOps()).toEqual([]);

    await user.type(within(panel).getByRole('textbox', { name: 'Why it goes up' }), 'Water keeps coming; close it?');
    await user.click(within(panel).getByRole('button', { name: 'Mark difficult / send to the section chief' }));
    expect(await within(panel).findByText(/Sent by Chan Tai Man, 2025-03-15 15:00/)).toBeVisible();
    expect(within(panel).getByText('Water keeps coming; close it?')).toBeVisible();
    expect(within(panel).getByText('Not acknowledged yet')).toBeVisible();
    expect(within(panel).getByText('No decision yet')).toBeVisible();
    // Sent to the chief once; a major matter may still go to the manager.
    expect(within(panel).queryByRole('button', { name: 'Mark difficult / send to the section chief' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Send to the manager' })).toBeVisible();
    const [op] = await queuedOps();
    expect(op).toMatchObject({ kind: 'put', actorStaffId: deskId });
    expect(op?.fields).toMatchObject({ level: 'chief', sentBy: deskId, entryId: leak.id, acknowledgedBy: null });
  });

  it("D2: the entry shows the chief's acknowledgement and decision once the sync brings them", async () => {
    const user = userEvent.setup();
    const e = await pulled();
    renderWithDb(<DutyRecordParts dutyId={duty.id} staffId={deskId} />, tablet.db);
    await user.click(await screen.findByRole('button', { name: /Ceiling leak by the east entrance/ }));
    const panel = await within(await screen.findByRole('dialog')).findByRole('region', { name: 'Escalation' });
    expect(await within(panel).findByText('Not acknowledged yet')).toBeVisible();
    await act(async () => {
      await tablet.db.escalation.update(e.id, {
        acknowledgedBy: chiefId,
        acknowledgedAt: hk('2025-03-15T14:10:00'),
        decision: 'Close the east entrance; call the contractor',
        decidedBy: chiefId,
        decidedAt: hk('2025-03-15T14:20:00'),
      });
    });
    expect(await within(panel).findByText('Wong Mei Ling, 2025-03-15 14:10')).toBeVisible();
    expect(within(panel).getByText('Close the east entrance; call the contractor')).toBeVisible();
  });
});

describe('the desk banner (D3)', () => {
  it('D3: an unacknowledged escalation stays at the top of the duty record until acknowledged', async () => {
    const user = userEvent.setup();
    const e = await pulled();
    await pulled({ acknowledgedBy: chiefId, acknowledgedAt: NOW, reason: 'Already seen by the chief' });
    renderWithDb(<LogScreen staffId={deskId} />, tablet.db);
    const banner = await screen.findByRole('region', { name: 'Escalations not acknowledged yet (1)' });
    expect(within(banner).getByText('Water through the lobby ceiling; close the east entrance?')).toBeVisible();
    expect(within(banner).queryByText('Already seen by the chief')).toBeNull();
    await user.click(within(banner).getByRole('button', { name: 'Open the entry' }));
    expect(await screen.findByRole('dialog', { name: /Repair/ })).toBeVisible();
    await act(async () => {
      await tablet.db.escalation.update(e.id, { acknowledgedBy: chiefId, acknowledgedAt: NOW });
    });
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: /Escalations not acknowledged/ })).toBeNull());
  });
});

describe("the chief's queue (D2, D3)", () => {
  it('D3: lists unacknowledged first, then awaiting decision, then decided; the manager-only ones stay out', async () => {
    await pulled({
      reason: 'Decided one',
      acknowledgedBy: chiefId,
      acknowledgedAt: NOW,
      decidedBy: chiefId,
      decidedAt: NOW,
      decision: 'Done',
    });
    await pulled({ reason: 'Acknowledged one', acknowledgedBy: chiefId, acknowledgedAt: NOW });
    await pulled({ reason: 'New one' });
    await pulled({ reason: 'For the manager only', level: 'manager' });
    renderWithDb(<EscalationsScreen staffId={chiefId} />, tablet.db);
    await screen.findByRole('region', { name: 'Not acknowledged (1)' });
    const groups = screen.getAllByRole('region');
    expect(groups.map((g) => g.getAttribute('aria-labelledby') && within(g).getByRole('heading').textContent)).toEqual([
      'Not acknowledged (1)',
      'Awaiting decision (1)',
      'Decided (1)',
    ]);
    expect(within(groups[0]!).getByText('New one')).toBeVisible();
    expect(within(groups[1]!).getByText('Acknowledged one')).toBeVisible();
    expect(within(groups[2]!).getByText('Decided one')).toBeVisible();
    expect(screen.queryByText('For the manager only')).toBeNull();
    // jsdom has no Notification API: the screen says so rather than offering a button that cannot work.
    expect(screen.getByText('This browser cannot show notifications; this list still updates at once.')).toBeVisible();
  });

  it('D2, D3: the chief acknowledges, then records the measures decided, in their own name', async () => {
    const user = userEvent.setup();
    const e = await pulled();
    renderWithDb(<EscalationsScreen staffId={chiefId} />, tablet.db);
    const unacked = await screen.findByRole('region', { name: 'Not acknowledged (1)' });
    await user.click(within(unacked).getByRole('button', { name: 'Open' }));
    const detail = await screen.findByRole('region', { name: 'Escalation' });
    expect(within(detail).getByText('Ceiling leak by the east entrance')).toBeVisible();
    await user.click(within(detail).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(detail).findByText('Wong Mei Ling, 2025-03-15 15:00')).toBeVisible();
    expect(within(detail).queryByRole('button', { name: 'Acknowledge' })).toBeNull();

    await user.click(within(detail).getByRole('button', { name: 'Record the decision' }));
    const measures = within(detail).getByRole('textbox', { name: 'Measures decided' });
    await vi.waitFor(() => expect(measures).toHaveAccessibleDescription(expect.stringContaining('Required')));
    await user.type(within(detail).getByRole('textbox', { name: 'Measures decided' }), 'Close the east entrance');
    await user.click(within(detail).getByRole('button', { name: 'Record the decision' }));
    expect(
      await within(detail).findByText('Decided by Wong Mei Ling, 2025-03-15 15:00', { exact: false }),
    ).toBeVisible();
    const stored = await tablet.db.escalation.get(e.id);
    expect(stored).toMatchObject({ acknowledgedBy: chiefId, decidedBy: chiefId, decision: 'Close the east entrance' });
    expect((await queuedOps()).map((o) => [o.kind, o.actorStaffId])).toEqual([
      ['patch', chiefId],
      ['patch', chiefId],
    ]);
  });

  it('D3: the chief sends a matter on to the manager with the judgement; it leaves the chief for the manager', async () => {
    const user = userEvent.setup();
    const e = await pulled();
    window.history.replaceState(null, '', `/escalations/${e.id}`);
    renderWithDb(<EscalationsScreen staffId={chiefId} />, tablet.db);
    const detail = await screen.findByRole('region', { name: 'Escalation' });
    await user.click(within(detail).getByRole('button', { name: 'Send on to the manager' }));
    await user.type(within(detail).getByRole('textbox', { name: 'Why the manager must decide' }), 'Structural damage');
    await user.click(within(detail).getByRole('button', { name: 'Send on to the manager' }));
    expect(await within(detail).findByText('Sent on to the manager')).toBeVisible();
    const [op] = await queuedOps();
    expect(op?.fields).toMatchObject({
      level: 'manager',
      forwardedFromId: e.id,
      sentBy: chiefId,
      reason: 'Structural damage',
    });
  });

  it('D3: a desk person has no queue; a chief cannot act on an escalation to the manager', async () => {
    const e = await pulled({ level: 'manager' });
    const { unmount } = renderWithDb(<EscalationsScreen staffId={deskId} />, tablet.db);
    expect(await screen.findByText('Escalations are handled by the section chief and the manager.')).toBeVisible();
    unmount();
    window.history.replaceState(null, '', `/escalations/${e.id}`);
    renderWithDb(<EscalationsScreen staffId={chiefId} />, tablet.db);
    const detail = await screen.findByRole('region', { name: 'Escalation' });
    expect(within(detail).getByText('To the manager', { selector: 'strong' })).toBeVisible();
    expect(within(detail).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: 'Record the decision' })).toBeNull();
    expect(managerId).not.toBe(chiefId);
  });
});
