/**
 * A half-written form kept as a draft in IndexedDB for the person typing it (issue 7, "Nothing typed
 * is lost"): restored when the form opens again, after switching screens, an idle sign-out, a
 * reload or a closed tab; saved as the person types (debounced), when the form goes away and when
 * the page is hidden; removed after a successful save or when the person discards it. Per person:
 * someone else signing in on the tablet gets a blank form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, loadDraft, saveDraft } from '../db/repos/draft-repo';
import { useDb } from './db-context';
import { useDirtyForm } from './use-dirty-form';

/** Typing pauses this long before the draft is written: one write per pause, not per key. */
export const DRAFT_SAVE_DELAY_MS = 400;

export interface FormDraftOptions<T> {
  /** One id per form, and per record where a form belongs to one (`amendment:<entryId>`). */
  formId: string;
  /** The signed-in person whose draft this is. */
  staffId: string;
  /** The empty form; a discard or a successful save starts from it again. */
  blank(): T;
  /** True when `value` holds nothing worth keeping (then no draft is stored). */
  isBlank(value: T): boolean;
  /** Adapts a stored draft as it is restored (e.g. a time that meant "now" when it was typed). */
  restore?(stored: T): T;
}

export interface FormDraft<T> {
  value: T;
  /** Changes the form; the draft is written shortly after. */
  update(change: (prev: T) => T): void;
  /** A stored draft was restored and is still being worked on (show "Draft restored"). */
  restored: boolean;
  /** The form holds something not yet saved. */
  dirty: boolean;
  /** Starts the form blank again and forgets the stored draft: after a save, or on "Discard draft". */
  reset(): void;
}

interface DraftState<T> {
  key: string;
  value: T;
  restored: boolean;
  /** Typed into since it opened: a draft read late from storage must not overwrite it. */
  touched: boolean;
}

/** The draft of one form for one person; see the module comment. */
export function useFormDraft<T>(options: FormDraftOptions<T>): FormDraft<T> {
  const db = useDb();
  const { formId, staffId } = options;
  const key = `${staffId}\u0000${formId}`;
  const [state, setState] = useState<DraftState<T>>(() => ({
    key,
    value: options.blank(),
    restored: false,
    touched: false,
  }));
  // Another person or another record in the same place: start from that one's own draft.
  if (state.key !== key) setState({ key, value: options.blank(), restored: false, touched: false });

  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  /** What the person typed and is not yet written, with whose draft it is. */
  const unsaved = useRef<{ staffId: string; formId: string; value: T } | null>(null);

  const flush = useCallback(() => {
    const pending = unsaved.current;
    if (!pending) return;
    unsaved.current = null;
    const write = latest.current.isBlank(pending.value)
      ? clearDraft(db, pending.staffId, pending.formId)
      : saveDraft(db, pending.staffId, pending.formId, pending.value, Date.now());
    // A draft that cannot be written (storage full) still lives in the form; saving the form
    // itself reports the storage problem, so this write fails quietly.
    write.catch(() => undefined);
  }, [db]);

  useEffect(() => {
    let cancelled = false;
    loadDraft(db, staffId, formId)
      .then((stored) => {
        if (cancelled || stored === undefined) return;
        const { restore, isBlank } = latest.current;
        const value = restore ? restore(stored as T) : (stored as T);
        if (isBlank(value)) return;
        setState((s) => (s.touched || s.key !== key ? s : { key, value, restored: true, touched: false }));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [db, staffId, formId, key]);

  // Written once typing pauses, when the form goes away (a screen switch, a sign-out) and when the
  // page is hidden or unloaded (a reload, a closed tab), whichever comes first.
  useEffect(() => {
    if (!state.touched) return;
    unsaved.current = { staffId, formId, value: state.value };
    const timer = setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state.value, state.touched, staffId, formId, flush]);
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
    };
  }, [flush, key]);

  const update = useCallback((change: (prev: T) => T) => {
    setState((s) => ({ ...s, value: change(s.value), touched: true }));
  }, []);

  const reset = useCallback(() => {
    unsaved.current = null;
    setState({ key, value: latest.current.blank(), restored: false, touched: false });
    void clearDraft(db, staffId, formId).catch(() => undefined);
  }, [db, staffId, formId, key]);

  const dirty = !options.isBlank(state.value);
  useDirtyForm(formId, dirty);
  return { value: state.value, update, restored: state.restored && dirty, dirty, reset };
}
