import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getMovement } from '../../db/queries/lookups';
import { usePathDetail } from '../../state/routes';
import { useUiStore } from '../../state/ui-store';
import { useDb } from '../../ui/db-context';

export const ITEMS_TABS = ['register', 'loans', 'custody'] as const;
export type ItemsTab = (typeof ITEMS_TABS)[number];

const isItemsTab = (value: string | null): value is ItemsTab => ITEMS_TABS.some((t) => t === value);

/** Movements shown under Loans: lends, their returns and the undo of a return. */
const LOAN_KINDS: ReadonlySet<string> = new Set(['lend', 'return', 'returnUndone']);

/**
 * The tab to show and the row to highlight. The tab picked is in the URL (`/items/loans`), so a
 * reload keeps it. Another screen may open this one on a record with `openFocus('items', ...)`
 * (the handover's carry-over links an overdue loan or a held custody item) at `/items`: the tab
 * follows the record's kind until the person picks a tab themselves.
 */
export function useItemsFocus() {
  const db = useDb();
  const focus = useUiStore((s) => s.focus);
  const clearFocus = useUiStore((s) => s.clearFocus);
  const [detail, setDetail] = usePathDetail('items');
  const chosen = isItemsTab(detail) ? detail : null;
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
    // Replaced, not pushed: Back leaves Items in one step rather than walking back through tabs.
    setDetail(tab);
    clearFocus();
  };
  return { tab: chosen ?? focusTab ?? 'register', select, highlightId: ours?.id ?? null };
}

/** Brings a highlighted row into view once it is rendered (jsdom has no scrollIntoView). */
export function scrollIntoViewRef(el: HTMLElement | null): void {
  el?.scrollIntoView?.({ block: 'center' });
}
