/**
 * Single-row look-ups by primary key for the screens, meant for `useLiveQuery(() => fn(db, ...))`:
 * a screen that shows one task, item or movement reads that row, never the whole table.
 * Tombstoned rows (deleted) are never returned.
 */
import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import type { RotaShift } from '../../../domain/rota-entities';
import type { Task } from '../../../domain/task-entities';
import type { HandoverDb } from '../schema';

/** Keeps a row only when it is there and not tombstoned. */
function live<T extends { deleted: boolean }>(row: T | undefined): T | undefined {
  return row && !row.deleted ? row : undefined;
}

/** The task with this id, or undefined when it is not on this tablet (or deleted). */
export async function getTask(db: HandoverDb, id: string): Promise<Task | undefined> {
  return live(await db.task.get(id));
}

/** The item with this id, active or not (an old task still names what it concerned). */
export async function getItem(db: HandoverDb, id: string): Promise<Item | undefined> {
  return live(await db.item.get(id));
}

/** The item movement (lend, return, custody in/out) with this id. */
export async function getMovement(db: HandoverDb, id: string): Promise<ItemMovement | undefined> {
  return live(await db.itemMovement.get(id));
}

/**
 * The rota shifts with these ids that are on this tablet and not deleted, by id (one bulkGet,
 * whatever week they fall in: a swap request may name a shift far from the week shown).
 */
export async function rotaShiftsByIds(db: HandoverDb, ids: readonly string[]): Promise<Map<string, RotaShift>> {
  const rows = await db.rotaShift.bulkGet([...new Set(ids)]);
  const byId = new Map<string, RotaShift>();
  for (const row of rows) if (row && !row.deleted) byId.set(row.id, row);
  return byId;
}
