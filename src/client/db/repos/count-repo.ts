/**
 * The count (H8): every tap is one append-only count line, durable at once (one transaction with
 * its outbox op). The incoming person taps (once joined: H8 the incoming person counts), so the
 * line's `staffId` and the op's actor are theirs; a discrepancy needs the outgoing person's
 * explanation (`explainedBy`, 由交班人說明) and opens ONE follow-up task per handover and item in
 * the same transaction; a later tap that clears it closes the task.
 */
import type { Table } from 'dexie';
import { expectedAtDesk, isAccountedWithoutTap, isDiscrepancy, validateCountLine } from '../../../domain/count-rules';
import type { Item } from '../../../domain/entities';
import type { CountLine, CountState, Handover } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import type { Task } from '../../../domain/task-entities';
import { HandoverActorError, RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { countActor, explainer } from './handover-actors';
import { assertHandoverUnlocked, lockTables } from './handover-locks';
import { lentNow } from './movement-helpers';
import { addPhotoInTx, photoTables, type PreparedPhoto } from './photo-repo';
import type { WriteContext } from './write-context';

export type CountTapErrors = { explanation?: 'required'; quantity?: 'tooHigh' };

/** The result a follow-up task closes with when the item turns up at the count (H6: a result). */
export const FOUND_AT_COUNT_RESULT = 'Found present at the count';

function countTables(db: HandoverDb): Table[] {
  return [db.countLine, db.item, db.itemMovement, db.task, ...lockTables(db)];
}

/**
 * Inside the write: the handover, checked not signed and tapped by its counter (H8): the incoming
 * person once joined, the opener, or the person closing the desk.
 */
async function unlockedHandover(db: HandoverDb, ctx: WriteContext, handoverId: string): Promise<Handover> {
  const handover = await db.handover.get(handoverId);
  if (!handover || handover.deleted) throw new RowNotFoundError('handover', handoverId);
  await assertHandoverUnlocked(db, handover);
  if (countActor(handover) !== ctx.actorStaffId) throw new HandoverActorError(handoverId, 'count');
  return handover;
}

async function requireItem(db: HandoverDb, itemId: string): Promise<Item> {
  const item = await db.item.get(itemId);
  if (!item || item.deleted) throw new RowNotFoundError('item', itemId);
  return item;
}

/** The open follow-up task this handover's count opened for the item, if any. */
async function openFollowUp(db: HandoverDb, handoverId: string, itemId: string): Promise<Task | undefined> {
  const lineIds = await db.countLine.where('[handoverId+itemId]').equals([handoverId, itemId]).primaryKeys();
  if (lineIds.length === 0) return undefined;
  const tasks = await db.task.where('sourceId').anyOf(lineIds).toArray();
  return tasks.find((t) => !t.deleted && t.status === 'open' && t.kind === 'followUp' && t.sourceTable === 'countLine');
}

/**
 * Appends one line and keeps the item's follow-up task in step (H8): a discrepancy opens one if
 * none is open for this handover and item; a line without discrepancy closes the open one.
 * Call inside a write over countTables(db).
 */
async function appendLine(
  db: HandoverDb,
  ctx: WriteContext,
  handover: Handover,
  item: Item,
  lent: number,
  tap: { state: CountState; quantity: number; explanation: string },
): Promise<CountLine> {
  const now = ctx.now();
  // Looked up before the new line exists, so the line's own id is not yet among the sources.
  const followUp = await openFollowUp(db, handover.id, item.id);
  const line = await insertRow(db, ctx, 'countLine', 'append', {
    id: newId(),
    siteId: ctx.siteId,
    handoverId: handover.id,
    itemId: item.id,
    state: tap.state,
    quantity: tap.quantity,
    explanation: tap.explanation,
    staffId: ctx.actorStaffId,
    // H8: the explanation is the outgoing person's, said at the desk while the incoming one taps.
    explainedBy: tap.explanation === '' ? null : explainer(handover),
    recordedAt: now,
    deviceTime: ctx.deviceNow(),
  });
  if (isDiscrepancy(item, line, lent)) {
    if (!followUp) {
      await insertRow(db, ctx, 'task', 'put', {
        id: newId(),
        siteId: ctx.siteId,
        kind: 'followUp' as const,
        title: `${item.label} (${item.code})`,
        // H6: the cause is the outgoing person's explanation of where it went (H8).
        cause: tap.explanation,
        process: '',
        result: '',
        important: false,
        status: 'open' as const,
        createdBy: ctx.actorStaffId,
        createdAt: now,
        dutyId: handover.outgoingDutyId,
        sourceTable: 'countLine' as const,
        sourceId: line.id,
        itemId: item.id,
        closedBy: null,
        closedAt: null,
      });
    }
  } else if (followUp) {
    await patchRow(db, ctx, 'task', followUp.id, {
      status: 'done',
      result: FOUND_AT_COUNT_RESULT,
      closedBy: ctx.actorStaffId,
      closedAt: now,
    });
  }
  return line;
}

/**
 * Records one tap of the count, with an optional photo, in ONE transaction: the line, its photo and
 * the follow-up task are durable together as soon as this resolves. The PIN is not asked per tap.
 * H8: missing, damaged or short needs an explanation; more than the register holds is refused.
 * On an error nothing is written.
 * @throws RowNotFoundError when the handover or the item is not on this tablet.
 * @throws LockedError once the handover is signed (H3).
 * @throws HandoverActorError when `ctx` is not the person counting (countActor).
 * @throws InvalidPhotoError when the photo would be refused by the server (then nothing is written).
 * @throws RangeError for a quantity that is not a whole number from 0.
 */
export async function recordCountTap(
  db: HandoverDb,
  ctx: WriteContext,
  input: {
    handoverId: string;
    itemId: string;
    state: CountState;
    quantity: number;
    explanation: string;
    photo?: PreparedPhoto;
  },
): Promise<Result<CountLine, CountTapErrors>> {
  if (!Number.isInteger(input.quantity) || input.quantity < 0) {
    throw new RangeError(`count quantity must be a whole number from 0, got ${input.quantity}`);
  }
  const tap = { state: input.state, quantity: input.quantity, explanation: input.explanation.trim() };
  const tables = input.photo ? [...countTables(db), ...photoTables(db)] : countTables(db);
  return runWrite(db, tables, async () => {
    const handover = await unlockedHandover(db, ctx, input.handoverId);
    const item = await requireItem(db, input.itemId);
    const lent = await lentNow(db, item.id, ctx.now());
    const error = validateCountLine(item, tap, lent);
    if (error === 'explanationRequired') return fail({ explanation: 'required' as const });
    if (error === 'quantityTooHigh') return fail({ quantity: 'tooHigh' as const });
    const line = await appendLine(db, ctx, handover, item, lent, tap);
    if (input.photo) await addPhotoInTx(db, ctx, { ownerTable: 'countLine', ownerId: line.id, photo: input.photo });
    return ok(line);
  });
}

/**
 * "All present" for a group in one tap and ONE transaction: one line per item with the quantity
 * expected at the desk (the register's less those lent). Items wholly lent out are skipped: their
 * loans account for them. Clears (closes) the items' open follow-up tasks like any present tap.
 * @throws RowNotFoundError when the handover or an item is not on this tablet.
 * @throws LockedError once the handover is signed (H3).
 * @throws HandoverActorError when `ctx` is not the person counting (countActor).
 */
export async function markAllPresent(
  db: HandoverDb,
  ctx: WriteContext,
  input: { handoverId: string; itemIds: string[] },
): Promise<CountLine[]> {
  return runWrite(db, countTables(db), async () => {
    const handover = await unlockedHandover(db, ctx, input.handoverId);
    const lines: CountLine[] = [];
    for (const itemId of new Set(input.itemIds)) {
      const item = await requireItem(db, itemId);
      const lent = await lentNow(db, item.id, ctx.now());
      if (isAccountedWithoutTap(item, lent)) continue;
      const tap = { state: 'present' as const, quantity: expectedAtDesk(item, lent), explanation: '' };
      lines.push(await appendLine(db, ctx, handover, item, lent, tap));
    }
    return lines;
  });
}
