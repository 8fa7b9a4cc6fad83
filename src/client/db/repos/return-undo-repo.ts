/**
 * Undoing a key or radio return (issue 7 §8, H8): within a minute of recording a return, a
 * `returnUndone` movement cancels it and the loan is open again. An op of its own, appended like
 * every movement, never a deletion: the item's history shows the return and its undo.
 */
import type { ItemMovement } from '../../../domain/item-entities';
import { checkReturnUndo, type ReturnUndoError } from '../../../domain/loan-rules';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import { closersOf, movementAndItem, movementFields } from './movement-helpers';
import type { WriteContext } from './write-context';

export type { ReturnUndoError } from '../../../domain/loan-rules';

/**
 * Cancels the return `returnId`, now (T1): the same rules as the server's (checkReturnUndo): a
 * return, undone within RETURN_UNDO_WINDOW_MS of its recording, once. Nothing is written on errors.
 * @throws RowNotFoundError when the return or its item is not on this tablet.
 */
export async function undoReturn(
  db: HandoverDb,
  ctx: WriteContext,
  input: { returnId: string; dutyId: string | null },
): Promise<Result<ItemMovement, { closesId: ReturnUndoError }>> {
  return runWrite(db, [db.item, db.itemMovement], async () => {
    const { m: ret, item } = await movementAndItem(db, input.returnId);
    const now = ctx.now();
    const draft = movementFields(ctx, {
      itemId: item.id,
      kind: 'returnUndone',
      quantity: ret.quantity,
      party: ret.party,
      closesId: ret.id,
      occurredAt: now,
      dutyId: input.dutyId,
    });
    const error = checkReturnUndo({ ...draft, recordedAt: now }, ret, await closersOf(db, ret.id));
    if (error !== null) return fail({ closesId: error });
    return ok(await insertRow(db, ctx, 'itemMovement', 'append', { ...draft, recordedAt: now }));
  });
}
