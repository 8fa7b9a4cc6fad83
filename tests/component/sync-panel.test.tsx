import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncError } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { startDuty } from '../unit/client/duty-fixture';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { useLanguageStore } from '../../src/client/state/language-store';
import { useSessionStore } from '../../src/client/state/session-store';
import { StatusBar } from '../../src/client/ui/status-bar';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

const LONG_CAUSE = `12樓男洗手間水龍頭漏水，${'水'.repeat(2_800)}`;

let tablet: SeededTablet;
let staffId: string;
let dutyId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  dutyId = (await startDuty(tablet.db, await makeWriteContext(tablet.db, staffId), { shiftId: 'day' })).id;
  // The duty is on the server already: only what the tests do is waiting.
  await tablet.db.outbox.clear();
});

/** A refused change as the server's syncError row arrives on the tablet (issues empty, as today). */
async function refusal(over: Partial<SyncError> = {}): Promise<SyncError> {
  const rowId = newId();
  const row: SyncError = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'server' }),
    deleted: false,
    deviceId: tablet.deviceId,
    counter: 7,
    table: 'logEntry',
    rowId,
    opKind: 'put',
    code: 'validation_failed',
    message: 'cause: Too big: expected string to have <=2000 characters',
    actorStaffId: staffId,
    fields: {
      id: rowId,
      siteId: tablet.siteId,
      dutyId,
      staffId,
      kind: 'repair',
      severity: 'routine',
      status: 'open',
      cause: LONG_CAUSE,
      process: '已通知工程部',
      result: '',
      party: '12樓',
      contact: '',
      location: '12樓洗手間',
      // After its duty began (just now): an earlier time would need a reason (T1).
      occurredAt: Date.now(),
      recordedAt: Date.now(),
      deviceTime: Date.now(),
    },
    recordedAt: Date.now(),
    issues: [],
    dismissedAt: null,
    dismissedBy: null,
    ...over,
  };
  await tablet.db.syncError.put({ ...row, _versions: { dismissedAt: 1, dismissedBy: 1 } });
  return row;
}

async function openPanel(
  user: ReturnType<typeof userEvent.setup>,
  names = { bar: 'Sync status', details: 'Sync details' },
) {
  renderWithDb(<StatusBar />, tablet.db);
  const bar = screen.getByRole('region', { name: names.bar });
  await user.click(within(bar).getByRole('button', { name: names.details }));
  return bar;
}

describe('refused changes in the sync panel (issue 7 §8)', () => {
  it('says what was wrong in the UI language, per field; the server text only behind Details', async () => {
    useLanguageStore.setState({ language: 'zh-Hant' });
    await refusal();
    await refusal({ counter: 8, message: 'H6: process: required', issues: [] });
    await refusal({
      counter: 9,
      message: 'something else',
      issues: [{ path: 'result', code: 'too_big', limit: 2000 }],
    });
    const user = userEvent.setup();
    await openPanel(user, { bar: '同步狀態', details: '同步詳情' });
    const refused = within(screen.getByRole('dialog', { name: '同步' })).getByRole('list', { name: '被拒絕的變更' });
    const items = await within(refused).findAllByRole('listitem', { name: '值班記錄' });
    expect(items).toHaveLength(3);
    const [byServerIssue, byH6, byZod] = items;
    // Parsed from the zod text the server writes today.
    expect(within(byZod!).getByRole('list', { name: '伺服器發現的問題' })).toHaveTextContent('原因：最多 2,000 個字');
    expect(byZod).toHaveTextContent('伺服器認為資料不完整或無效');
    expect(byZod).toHaveTextContent('由 Chan Tai Man 輸入');
    expect(byH6).toHaveTextContent('處理經過：必須填寫');
    // From the server's own issues when it sends them.
    expect(byServerIssue).toHaveTextContent('結果：最多 2,000 個字');
    // The raw English text is kept, but only inside the Details disclosure.
    const raw = within(byZod!).getByText('cause: Too big: expected string to have <=2000 characters');
    expect(raw.closest('details')).not.toBeNull();
    expect(raw.closest('details')).not.toHaveAttribute('open');
  });

  it('Copy text puts the typed text on the clipboard and says so', async () => {
    await refusal();
    const user = userEvent.setup();
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    await user.click(within(item).getByRole('button', { name: 'Copy text' }));
    expect(await within(item).findByRole('status')).toHaveTextContent('Text copied.');
    expect(await navigator.clipboard.readText()).toBe(
      `Cause: ${LONG_CAUSE}\nWhat was done: 已通知工程部\nTenant or unit: 12樓\nLocation: 12樓洗手間`,
    );
  });

  it('without the Clipboard API, Copy text selects the whole text to copy by hand', async () => {
    await refusal();
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    await user.click(within(item).getByRole('button', { name: 'Copy text' }));
    expect(await within(item).findByRole('status')).toHaveTextContent('Copying is not available here.');
    const box = within(item).getByRole<HTMLTextAreaElement>('textbox', { name: 'Text of the refused change' });
    expect(box.value.startsWith(`Cause: ${LONG_CAUSE}`)).toBe(true);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, box.value.length]);
  });

  it('Edit and send again writes a new entry under a new id and marks the refusal dealt with', async () => {
    const refused = await refusal();
    useSessionStore.setState({ staffId });
    const user = userEvent.setup();
    const bar = await openPanel(user);
    expect(within(bar).getByText('1 refused')).toBeInTheDocument();
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    await user.click(within(item).getByRole('button', { name: 'Edit and send again' }));

    const dialog = screen.getByRole('dialog', { name: 'Edit and send again' });
    const cause = within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Cause' });
    expect(cause.value).toBe(LONG_CAUSE);
    expect(cause).toHaveAttribute('maxLength', '2000');
    expect(cause).toHaveAccessibleDescription(/at most 2,000 characters/);
    expect(within(dialog).getByText(`${LONG_CAUSE.length} of 2000 characters`)).toBeInTheDocument();
    await user.clear(cause);
    await user.type(cause, '12樓男洗手間水龍頭漏水，已關上總掣');
    await user.click(within(dialog).getByRole('button', { name: 'Send again' }));

    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    expect(within(panel).getByRole('status')).toHaveTextContent('Sent again as a new change.');
    const dealt = within(panel).getByRole('list', { name: 'Dealt with' });
    expect(await within(dealt).findByRole('listitem', { name: 'Duty record entry' })).toHaveTextContent(
      /Dealt with by Chan Tai Man, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    await waitFor(() => expect(within(bar).queryByText('1 refused')).not.toBeInTheDocument());

    const entries = await tablet.db.logEntry.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ cause: '12樓男洗手間水龍頭漏水，已關上總掣', dutyId, process: '已通知工程部' });
    expect(entries[0]?.id).not.toBe(refused.rowId);
    const ops = await tablet.db.outbox.orderBy('counter').toArray();
    expect(ops.map((o) => [o.table, o.kind, o.rowId])).toEqual([
      ['logEntry', 'put', entries[0]?.id],
      ['syncError', 'patch', refused.id],
    ]);
    expect(ops[1]?.fields).toEqual({ dismissedAt: expect.any(Number), dismissedBy: staffId });
  });

  it('issue 9 §7: a refusal whose too-large field the server did not keep says so, and is sent again with that field typed anew', async () => {
    const base = await refusal({ counter: 3 });
    await tablet.db.syncError.delete(base.id);
    const { cause: _dropped, ...kept } = base.fields;
    const refused = await refusal({
      code: 'reference_unknown',
      message: 'dutyId: no duty in this building',
      fields: { ...kept, '(cut)': ['cause'] },
    });
    useSessionStore.setState({ staffId });
    const user = userEvent.setup();
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    expect(item).toHaveTextContent(
      'Too large to keep with the refusal: Cause. Type it again if you send this change again.',
    );
    await user.click(within(item).getByRole('button', { name: 'Edit and send again' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit and send again' });
    const cause = within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Cause' });
    expect(cause.value).toBe('');
    await user.type(cause, '12樓男洗手間水龍頭漏水');
    await user.click(within(dialog).getByRole('button', { name: 'Send again' }));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    expect(await within(panel).findByRole('status')).toHaveTextContent('Sent again as a new change.');
    const entries = await tablet.db.logEntry.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ cause: '12樓男洗手間水龍頭漏水', process: '已通知工程部', dutyId });
    expect(entries[0]?.id).not.toBe(refused.rowId);
    expect(entries[0]).not.toHaveProperty('(cut)');
  });

  it('issue 9 §7: a too-long text the server did not keep is still said in characters', async () => {
    const base = await refusal({ counter: 3 });
    await tablet.db.syncError.delete(base.id);
    const { cause: _dropped, ...kept } = base.fields;
    await refusal({
      code: 'validation_failed',
      message: 'cause: Too big: expected string to have <=2000 characters',
      fields: { ...kept, '(cut)': ['cause'] },
    });
    const user = userEvent.setup();
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    expect(within(item).getByRole('list', { name: 'What the server found' })).toHaveTextContent(
      'Cause: at most 2,000 characters',
    );
  });

  it('the dialog keeps the refused limit: a text still too long is refused beside its field and nothing is written', async () => {
    await refusal();
    useSessionStore.setState({ staffId });
    const user = userEvent.setup();
    await openPanel(user);
    await user.click(
      within(await screen.findByRole('listitem', { name: 'Duty record entry' })).getByRole('button', {
        name: 'Edit and send again',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit and send again' });
    await user.click(within(dialog).getByRole('button', { name: 'Send again' }));
    const cause = within(dialog).getByRole('textbox', { name: 'Cause' });
    await waitFor(() => expect(cause).toHaveFocus());
    expect(cause).toHaveAccessibleDescription(/at most 2,000 characters/);
    expect(await tablet.db.logEntry.count()).toBe(0);
    expect(await tablet.db.outbox.count()).toBe(0);
  });

  it('Dismiss sends a syncError patch of dismissedAt and dismissedBy; the refusal leaves the count and stays under "Dealt with"', async () => {
    const refused = await refusal({ table: 'item', opKind: 'put', code: 'rule_violation', message: 'item: H8 ...' });
    useSessionStore.setState({ staffId });
    const user = userEvent.setup();
    const bar = await openPanel(user);
    expect(within(bar).getByText('1 refused')).toBeInTheDocument();
    const open = screen.getByRole('list', { name: 'Refused changes' });
    const item = await within(open).findByRole('listitem', { name: 'Item' });
    expect(within(item).queryByRole('button', { name: 'Edit and send again' })).not.toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Dismiss' }));

    const dealt = screen.getByRole('list', { name: 'Dealt with' });
    expect(await within(dealt).findByRole('listitem', { name: 'Item' })).toHaveTextContent(
      'Dealt with by Chan Tai Man',
    );
    await waitFor(() => expect(within(bar).queryByText('1 refused')).not.toBeInTheDocument());
    expect(screen.getByText('The server has refused no changes.')).toBeInTheDocument();
    const ops = await tablet.db.outbox.toArray();
    expect(ops.map((o) => ({ table: o.table, kind: o.kind, rowId: o.rowId, fields: o.fields }))).toEqual([
      {
        table: 'syncError',
        kind: 'patch',
        rowId: refused.id,
        fields: { dismissedAt: expect.any(Number), dismissedBy: staffId },
      },
    ]);
    expect(ops[0]?.baseVersion).toEqual({ dismissedAt: 1, dismissedBy: 1 });
  });

  it('nobody signed in: the refusal can be read and copied, not sent again or dismissed', async () => {
    await refusal();
    const user = userEvent.setup();
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: 'Duty record entry' });
    expect(within(item).getByRole('button', { name: 'Copy text' })).toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: 'Dismiss' })).not.toBeInTheDocument();
    expect(item).toHaveTextContent('Sign in to send it again or dismiss it.');
  });
});

describe('photos in the status bar and the sync panel (issue 7 §8)', () => {
  it('photos waiting or refused are counted: the bar no longer says all changes are on the server', async () => {
    const blob = (sha: string, over: object = {}) => ({
      sha256: sha.repeat(64),
      mime: 'image/jpeg',
      data: new ArrayBuffer(8),
      uploaded: 0 as const,
      ...over,
    });
    await tablet.db.photoBlob.bulkPut([
      blob('a'),
      blob('b'),
      blob('c', { refusal: { status: 413, code: 'payload_too_large', message: 'too big', at: Date.now() } }),
      blob('d', { uploaded: 1 }),
    ]);
    await tablet.db.photo.put({
      id: newId(),
      siteId: tablet.siteId,
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'seed' }),
      deleted: false,
      sha256: 'c'.repeat(64),
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      bytes: 8,
      ownerTable: 'logEntry',
      ownerId: newId(),
      staffId,
      takenAt: Date.now(),
      _versions: {},
    });
    const user = userEvent.setup();
    renderWithDb(<StatusBar />, tablet.db);
    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(await within(bar).findByText('2 photos waiting to upload')).toBeInTheDocument();
    expect(within(bar).getByText('1 photo refused')).toBeInTheDocument();
    expect(within(bar).queryByText('All changes are on the server')).not.toBeInTheDocument();

    await user.click(within(bar).getByRole('button', { name: 'Sync details' }));
    const photos = await screen.findByRole('region', { name: 'Photos' });
    expect(within(photos).queryByText('Every photo taken on this tablet is on the server.')).not.toBeInTheDocument();
    expect(await within(photos).findByText('2 photos waiting to upload')).toBeInTheDocument();
    const refused = within(photos).getByRole('listitem');
    expect(refused).toHaveTextContent('Photo of: Duty record entry');
    expect(refused).toHaveTextContent(/Refused .*: larger than the server takes \(2 MiB\)/);
  });
});
