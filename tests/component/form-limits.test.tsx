/**
 * Issue 7, "Nothing typed is lost": the same text limits on the tablet as on the server (read from
 * the shared zod schema), a counter near the limit, an over-long text refused at the field before
 * anything is saved, and the focus on the first invalid field after a refused Save.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDuty } from '../unit/client/duty-fixture';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { LogScreen } from '../../src/client/features/log/log-screen';
import { useLanguageStore } from '../../src/client/state/language-store';
import { renderWithDb, seedStaff, seedTablet, type SeededTablet } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

let tablet: SeededTablet;
let staffId: string;

beforeEach(async () => {
  tablet = await seedTablet();
  staffId = await seedStaff(tablet, { name: 'Chan Tai Man' });
  await startDuty(tablet.db, await makeWriteContext(tablet.db, staffId), { shiftId: 'day' });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const TOO_LONG_CAUSE = '電梯'.repeat(1402) + 'x'; // 2,805 characters, as in the issue

/** What a paste or an input method does in a browser that does not enforce maxlength. */
function pastePastMaxLength(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

describe('text limits from the shared schema (issue 7)', () => {
  it('an over-long cause is refused at the field: said beside it, focused, and nothing is saved or queued', async () => {
    const user = userEvent.setup();
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    const cause = await screen.findByRole('textbox', { name: 'Cause' });
    // The limit is LogEntryFields.cause's text(2000), on the textarea itself.
    expect(cause).toHaveAttribute('maxlength', '2000');
    expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveAttribute('maxlength', '4000');
    expect(screen.getByRole('textbox', { name: 'Tenant or unit' })).toHaveAttribute('maxlength', '120');
    const outboxBefore = await tablet.db.outbox.count();

    pastePastMaxLength(cause, TOO_LONG_CAUSE);
    expect(screen.getByRole('status')).toHaveTextContent('2,805 of 2,000 characters');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));

    await waitFor(() => expect(cause).toHaveFocus());
    expect(cause).toHaveAttribute('aria-invalid', 'true');
    expect(cause).toHaveAccessibleDescription(/^At most 2,000 characters; now 2,805/);
    expect(screen.getByRole('alert')).toHaveTextContent('At most 2,000 characters; now 2,805');
    // Everything typed stays, and nothing the server would refuse was written.
    expect(cause).toHaveValue(TOO_LONG_CAUSE);
    expect(screen.queryByText('Entry saved.')).not.toBeInTheDocument();
    expect(await tablet.db.logEntry.count()).toBe(0);
    expect(await tablet.db.outbox.count()).toBe(outboxBefore);

    // Shortened to the limit, it saves.
    pastePastMaxLength(cause, TOO_LONG_CAUSE.slice(0, 2000));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(await screen.findByText('Entry saved.')).toBeInTheDocument();
    expect((await tablet.db.logEntry.toArray()).map((e) => e.cause.length)).toEqual([2000]);
    expect(await tablet.db.outbox.count()).toBe(outboxBefore + 1);
  });

  it('a paste the field cannot hold is not cut without a word: it says how much was left out', async () => {
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    const cause = await screen.findByRole('textbox', { name: 'Cause' });
    // What the browser sees: a paste event with 2,500 characters into the empty field.
    fireEvent.paste(cause, { clipboardData: { getData: () => 'x'.repeat(2500) } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The pasted text was longer than this field allows: 500 characters were left out.',
    );
    expect(cause).toHaveAccessibleDescription(/500 characters were left out/);
    // A paste that fits says nothing.
    fireEvent.paste(cause, { clipboardData: { getData: () => 'Tap leaking on 12/F' } });
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('says the limit in the UI language: Traditional and Simplified Chinese', async () => {
    act(() => useLanguageStore.getState().setLanguage('zh-Hant'));
    const view = renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    const cause = await screen.findByRole('textbox', { name: '原因' });
    pastePastMaxLength(cause, TOO_LONG_CAUSE);
    expect(screen.getByRole('alert')).toHaveTextContent('最多 2,000 個字；現在 2,805 個字');
    expect(screen.getByRole('status')).toHaveTextContent('2,805 / 2,000 個字');

    act(() => useLanguageStore.getState().setLanguage('zh-Hans'));
    expect(within(view.container).getByRole('alert')).toHaveTextContent('最多 2,000 个字；现在 2,805 个字');
    expect(await tablet.db.logEntry.count()).toBe(0);
  });

  it('the counter appears from 80 % of the limit, as a polite status tied to the field', async () => {
    const user = userEvent.setup();
    renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
    const party = await screen.findByRole('textbox', { name: 'Tenant or unit' });
    await user.click(party);
    await user.paste('A'.repeat(95));
    expect(party).toHaveValue('A'.repeat(95));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();

    await user.type(party, 'B');
    const counter = screen.getByRole('status');
    expect(counter).toHaveTextContent('96 of 120 characters');
    expect(counter).toHaveAttribute('id');
    expect(party.getAttribute('aria-describedby')?.split(' ')).toContain(counter.id);
    expect(party).not.toHaveAttribute('aria-invalid');

    // At the limit the browser stops typing; the counter says so without calling it an error.
    await user.paste('C'.repeat(40));
    expect(party).toHaveValue(`${'A'.repeat(95)}B${'C'.repeat(24)}`);
    expect(screen.getByRole('status')).toHaveTextContent('120 of 120 characters');
    expect(party).not.toHaveAttribute('aria-invalid');
  });

  it('after Save with errors, the focus moves to the first invalid field, which scrolls into view', async () => {
    const user = userEvent.setup();
    const scrolled: Element[] = [];
    const scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    // jsdom has no layout, so no scrollIntoView: record which field was asked to scroll.
    Object.defineProperty(Element.prototype, 'scrollIntoView', { value: scrollIntoView, configurable: true });
    try {
      renderWithDb(<LogScreen staffId={staffId} />, tablet.db);
      await screen.findByRole('heading', { name: 'New entry' });
      // H6: a major matter needs a cause and what was done; the cause comes first on the form.
      await user.click(within(screen.getByRole('group', { name: 'Severity' })).getByRole('radio', { name: 'Major' }));
      const save = screen.getByRole('button', { name: 'Save entry' });
      await user.click(save);

      const cause = screen.getByRole('textbox', { name: 'Cause' });
      await waitFor(() => expect(cause).toHaveFocus());
      expect(cause).toHaveAccessibleDescription('Cause is required');
      expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveAttribute('aria-invalid', 'true');
      expect(scrolled.at(-1)).toBe(cause.closest('.field'));

      await user.type(cause, 'Water leaking from the 12/F ceiling');
      await user.click(save);
      const process = screen.getByRole('textbox', { name: 'What was done' });
      await waitFor(() => expect(process).toHaveFocus());
      expect(scrolled.at(-1)).toBe(process.closest('.field'));
      expect(await tablet.db.logEntry.count()).toBe(0);
    } finally {
      delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    }
  });
});
