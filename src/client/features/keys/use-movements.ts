import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import { undoneReturnIds } from '../../../domain/loan-rules';
import { listItems, listMovements } from '../../db/queries/register-queries';
import { useDb } from '../../ui/db-context';

/** Every item of the building, in use or not, by id (a loan or custody row shows its label). */
export function useItemsById(): ReadonlyMap<string, Item> | undefined {
  const db = useDb();
  const items = useLiveQuery(() => listItems(db, { includeInactive: true }), [db]);
  return useMemo(() => (items ? new Map(items.map((i) => [i.id, i])) : undefined), [items]);
}

/** A closing movement (a return or a custodyOut) with the movement it closes and its item. */
export interface ClosedPair {
  close: ItemMovement;
  opened: ItemMovement | undefined;
  item: Item | undefined;
  /** A return cancelled within its minute (issue 7 §8): kept in the history, marked undone. */
  undone: boolean;
}

/** How many recent closings each list shows: enough for one shift's look back. */
const RECENT_LIMIT = 8;

/**
 * The newest closings of one kind (returns of loans, or custody given out), newest first, each
 * with the lend or intake it closes, so the list says who had it.
 */
export function useRecentClosings(kind: 'return' | 'custodyOut'): ClosedPair[] | undefined {
  const db = useDb();
  const items = useItemsById();
  const movements = useLiveQuery(() => listMovements(db), [db]);
  return useMemo(() => {
    if (!movements || !items) return undefined;
    const byId = new Map(movements.map((m) => [m.id, m]));
    const undone = undoneReturnIds(movements);
    return movements
      .filter((m) => m.kind === kind)
      .sort((a, b) => b.occurredAt - a.occurredAt || b.recordedAt - a.recordedAt || b.id.localeCompare(a.id))
      .slice(0, RECENT_LIMIT)
      .map((close) => ({
        close,
        opened: close.closesId ? byId.get(close.closesId) : undefined,
        item: items.get(close.itemId),
        undone: undone.has(close.id),
      }));
  }, [movements, items, kind]);
}
