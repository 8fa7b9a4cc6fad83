/**
 * The item register (H8): the chief's list of public items, custody of others' property, and
 * lending keys and radios. Movements are append-only: a loan is closed by a `return`, a custody
 * intake by a `custodyOut`, so an item's history is never rewritten.
 */
import { ITEM_CATEGORIES, Item, type ItemCategory } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import type { BorrowerKind, ItemMovement } from '../../../domain/item-entities';
import { validateMovement, type MovementFieldErrors } from '../../../domain/loan-rules';
import { checkRowRules } from '../../../domain/row-rules';
import { overLimit } from '../../../domain/text-limits';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import {
  isClosed,
  lentNow,
  MOVEMENT_QUANTITY_MAX,
  movementAndItem,
  movementFields,
  quantityError,
} from './movement-helpers';
import { addPhotoInTx, photoTables, type PreparedPhoto } from './photo-repo';
import { isEmpty, plain, roleOf } from './repo-helpers';
import type { WriteContext } from './write-context';

export type ItemFieldErrors = Partial<
  Record<
    'label' | 'code' | 'expectedQuantity' | 'category' | 'location',
    'required' | 'codeTaken' | 'invalid' | 'tooLong'
  >
>;
/** Custody codes: `U-` and six base-36 characters, about two billion possibilities. */
const CUSTODY_CODE_SPACE = 36 ** 6;

/** Codes are compared without case or surrounding spaces: "k-01" and "K-01 " are one code. */
async function codeTaken(db: HandoverDb, code: string, exceptId: string | null): Promise<boolean> {
  const wanted = code.trim().toUpperCase();
  const items = await db.item.toArray();
  return items.some((i) => !i.deleted && i.id !== exceptId && i.code.trim().toUpperCase() === wanted);
}

/** The item's texts within the schema's limits (issue 7: one limit on the tablet and the server). */
function itemTextErrors(input: { label: string; code?: string; location: string }): ItemFieldErrors {
  return overLimit(Item, { label: input.label.trim(), code: input.code?.trim(), location: input.location.trim() });
}

function checkItemFields(input: {
  category: string;
  label: string;
  code: string;
  expectedQuantity: number;
  location: string;
}): ItemFieldErrors {
  const errors: ItemFieldErrors = itemTextErrors(input);
  if (!(ITEM_CATEGORIES as readonly string[]).includes(input.category)) errors.category = 'invalid';
  if (input.label.trim() === '') errors.label = 'required';
  if (input.code.trim() === '') errors.code = 'required';
  const q = input.expectedQuantity;
  if (!Number.isInteger(q) || q < 0 || q > MOVEMENT_QUANTITY_MAX) errors.expectedQuantity = 'invalid';
  return errors;
}

/**
 * Adds an item to the register (no `id`) or updates one. H8: the chief or admin keeps the
 * register; other roles may add or change custody items only (domain row rules, refused as
 * `category: 'invalid'`). Codes are unique in the building. Nothing is written on errors.
 * @throws RowNotFoundError when `id` names an item this tablet does not hold.
 */
export async function saveItem(
  db: HandoverDb,
  ctx: WriteContext,
  input: {
    id?: string;
    category: ItemCategory;
    label: string;
    code: string;
    expectedQuantity: number;
    location: string;
    active: boolean;
  },
): Promise<Result<Item, ItemFieldErrors>> {
  const role = await roleOf(db, ctx.actorStaffId);
  return runWrite(db, [db.item], async () => {
    const prev = input.id === undefined ? null : await db.item.get(input.id);
    if (input.id !== undefined && (!prev || prev.deleted)) throw new RowNotFoundError('item', input.id);
    const errors = checkItemFields(input);
    if (!errors.code && (await codeTaken(db, input.code, prev?.id ?? null))) errors.code = 'codeTaken';
    const fields = {
      category: input.category,
      label: input.label.trim(),
      code: input.code.trim(),
      expectedQuantity: input.expectedQuantity,
      location: input.location.trim(),
      active: input.active,
    };
    const next = { ...(prev ? plain(prev) : {}), ...fields };
    if (
      !errors.category &&
      role &&
      checkRowRules('item', prev ? plain(prev) : null, next, { id: ctx.actorStaffId, role }, () => undefined)
    ) {
      errors.category = 'invalid';
    }
    if (!isEmpty(errors)) return fail(errors);
    if (!prev) return ok(await insertRow(db, ctx, 'item', 'put', { id: newId(), siteId: ctx.siteId, ...fields }));
    await patchRow(db, ctx, 'item', prev.id, fields);
    const saved = await db.item.get(prev.id);
    if (!saved) throw new RowNotFoundError('item', prev.id);
    return ok(plain(saved));
  });
}

function randomCustodyCode(): string {
  const [n = 0] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return `U-${(n % CUSTODY_CODE_SPACE).toString(36).toUpperCase().padStart(6, '0')}`;
}

/** A custody code no item of the building has; call inside the write transaction. */
async function uniqueCustodyCode(db: HandoverDb): Promise<string> {
  for (;;) {
    const code = randomCustodyCode();
    if (!(await codeTaken(db, code, null))) return code;
  }
}

/**
 * H8: the desk takes someone's property into custody: a new custody item (code `U-…`, expected
 * quantity = quantity) and its `custodyIn` movement, with an optional photo, in ONE transaction.
 * Nothing is written on errors. The photo must be prepared (hashed) before the call.
 */
export async function takeIntoCustody(
  db: HandoverDb,
  ctx: WriteContext,
  input: {
    label: string;
    quantity: number;
    party: string;
    fromParty: string;
    contact: string;
    reason: string;
    location: string;
    occurredAt: number;
    dutyId: string | null;
    photo?: PreparedPhoto;
  },
): Promise<Result<{ item: Item; movement: ItemMovement }, MovementFieldErrors & ItemFieldErrors>> {
  const itemId = newId();
  const draft = movementFields(ctx, { ...input, itemId, kind: 'custodyIn' });
  const errors: MovementFieldErrors & ItemFieldErrors = {
    ...validateMovement(draft, { category: 'custody', expectedQuantity: input.quantity }),
    ...quantityError(input.quantity),
    ...itemTextErrors(input),
  };
  const label = input.label.trim();
  if (label === '') errors.label = 'required';
  if (!isEmpty(errors)) return fail(errors);
  const tables = [db.item, db.itemMovement, ...(input.photo ? photoTables(db) : [])];
  return runWrite(db, tables, async () => {
    const item = await insertRow(db, ctx, 'item', 'put', {
      id: itemId,
      siteId: ctx.siteId,
      category: 'custody' as const,
      label,
      code: await uniqueCustodyCode(db),
      expectedQuantity: input.quantity,
      location: input.location.trim(),
      active: true,
    });
    const movement = await insertRow(db, ctx, 'itemMovement', 'append', draft);
    if (input.photo)
      await addPhotoInTx(db, ctx, { ownerTable: 'itemMovement', ownerId: movement.id, photo: input.photo });
    return ok({ item, movement });
  });
}

/**
 * H8: the desk gives a custody item out (to whom, checked how, when): a `custodyOut` closing the
 * intake, and the custody item made inactive, in one transaction. Nothing is written on errors.
 * @throws RowNotFoundError when the intake or its item is not on this tablet.
 */
export async function releaseCustody(
  db: HandoverDb,
  ctx: WriteContext,
  input: { custodyInId: string; party: string; checkedHow: string; occurredAt: number; dutyId: string | null },
): Promise<Result<ItemMovement, MovementFieldErrors>> {
  return runWrite(db, [db.item, db.itemMovement], async () => {
    const { m: intake, item } = await movementAndItem(db, input.custodyInId);
    const draft = movementFields(ctx, {
      ...input,
      itemId: item.id,
      kind: 'custodyOut',
      quantity: intake.quantity,
      closesId: intake.id,
    });
    const errors = validateMovement(draft, item);
    if (intake.kind !== 'custodyIn') errors.closesId = 'notCustody';
    else if (await isClosed(db, intake.id, 'custodyOut')) errors.closesId = 'alreadyClosed';
    if (!isEmpty(errors)) return fail(errors);
    const movement = await insertRow(db, ctx, 'itemMovement', 'append', draft);
    await patchRow(db, ctx, 'item', item.id, { active: false });
    return ok(movement);
  });
}

/**
 * Lends a key or radio (H8): to whom, what kind of borrower, a contact and a due time. No more
 * may go out than are at the desk (expected minus already lent). Nothing is written on errors.
 * @throws RowNotFoundError when the item is not on this tablet.
 */
export async function lendItem(
  db: HandoverDb,
  ctx: WriteContext,
  input: {
    itemId: string;
    quantity: number;
    party: string;
    partyKind: BorrowerKind;
    contact: string;
    reason: string;
    dueAt: number;
    dutyId: string | null;
  },
): Promise<Result<ItemMovement, MovementFieldErrors>> {
  return runWrite(db, [db.item, db.itemMovement], async () => {
    const item = await db.item.get(input.itemId);
    if (!item || item.deleted) throw new RowNotFoundError('item', input.itemId);
    const now = ctx.now();
    const draft = movementFields(ctx, { ...input, kind: 'lend', occurredAt: now });
    const errors: MovementFieldErrors = { ...validateMovement(draft, item), ...quantityError(input.quantity) };
    if (!item.active) errors.itemId = 'notLendable';
    if (!errors.quantity && input.quantity > item.expectedQuantity - (await lentNow(db, item.id, now))) {
      errors.quantity = 'tooMany';
    }
    if (!isEmpty(errors)) return fail(errors);
    return ok(await insertRow(db, ctx, 'itemMovement', 'append', draft));
  });
}

/**
 * Records the return of a loan: a `return` movement closing the lend, now (T1). Returning twice
 * is refused (`closesId: 'alreadyClosed'`); a movement that is not a lend gives `closesId: 'required'`.
 * @throws RowNotFoundError when the loan or its item is not on this tablet.
 */
export async function returnItem(
  db: HandoverDb,
  ctx: WriteContext,
  input: { loanId: string; dutyId: string | null },
): Promise<Result<ItemMovement, MovementFieldErrors>> {
  return runWrite(db, [db.item, db.itemMovement], async () => {
    const { m: lend, item } = await movementAndItem(db, input.loanId);
    const draft = movementFields(ctx, {
      itemId: item.id,
      kind: 'return',
      quantity: lend.quantity,
      party: lend.party,
      closesId: lend.id,
      occurredAt: ctx.now(),
      dutyId: input.dutyId,
    });
    const errors = validateMovement(draft, item);
    if (lend.kind !== 'lend') errors.closesId = 'required';
    else if (await isClosed(db, lend.id, 'return')) errors.closesId = 'alreadyClosed';
    if (!isEmpty(errors)) return fail(errors);
    return ok(await insertRow(db, ctx, 'itemMovement', 'append', draft));
  });
}
