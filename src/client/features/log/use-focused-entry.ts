import { useEffect, useState } from 'react';
import { useUiStore } from '../../state/ui-store';

/**
 * The entry whose detail is open, and the one another screen asked to show: the handover gate links
 * a blocking entry with `openFocus('log', {table: 'logEntry', id})`. The focus is taken once, then
 * cleared, so closing the detail does not reopen it.
 */
export function useFocusedEntry(): [string | null, (entryId: string | null) => void] {
  const focus = useUiStore((s) => s.focus);
  const clearFocus = useUiStore((s) => s.clearFocus);
  const [openEntryId, setOpenEntryId] = useState<string | null>(null);
  const focusedId = focus?.table === 'logEntry' ? focus.id : null;
  // Adjusting state during render (not in an effect) shows the detail in the same pass.
  if (focusedId !== null && focusedId !== openEntryId) setOpenEntryId(focusedId);
  useEffect(() => {
    if (focusedId !== null) clearFocus();
  }, [focusedId, clearFocus]);
  return [openEntryId, setOpenEntryId];
}
