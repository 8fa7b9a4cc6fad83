import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getMovement } from '../../db/queries/lookups';
import { useUiStore } from '../../state/ui-store';
import { useDb } from '../../ui/db-context';

/** Movements shown under Loans: lends, their returns and the undo of a return. */
const LOAN_KINDS: ReadonlySet<string> = new Set(['lend', 'return', 'returnUndone']);

export type ItemsTab = 'register' | 'loans' | 'custody';

/**
 * The tab to show and the row to highlight. Another screen may open this one on a record with
 * `openFocus('items', ...)` (the handover's carry-over links an overdue loan or a held custody
 * item): the tab follows the record's kind until the person picks a tab themselves.
 */
export function useItemsFocus() {
  const db = useDb();
  const focus = useUiStore((s) => s.focus);
  const clearFocus = useUiStore((s) => s.clearFocus);
  const [chosen, setChosen] = useState<ItemsTab | null>(null);
  const ours = focus && (focus.table === 'item' || focus.table === 'itemMovement') ? focus : null;
  const movement = useLiveQuery(
    async () => (ours?.table === 'itemMovement' ? ((await getMovement(db, ours.id)) ?? null) : null),
    [db, ours?.table, ours?.id],
  );
  // The focus belongs to this visit: leaving the screen drops it, so coming back starts plain.
  useEffect(() => () => clearFocus(), [clearFocus]);

  let focusTab: ItemsTab | null = null;
  if (ours?.table === 'item') focusTab = 'register';
  else if (movement) focusTab = LOAN_KINDS.has(movement.kind) ? 'loans' : 'custody';

  const select = (tab: ItemsTab) => {
    setChosen(tab);
    clearFocus();
  };
  return { tab: chosen ?? focusTab ?? 'register', select, highlightId: ours?.id ?? null };
}

/** Brings a highlighted row into view once it is rendered (jsdom has no scrollIntoView). */
export function scrollIntoViewRef(el: HTMLElement | null): void {
  el?.scrollIntoView?.({ block: 'center' });
}
