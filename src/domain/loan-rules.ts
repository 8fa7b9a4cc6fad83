/**
 * Lending and custody (H8): which keys and radios are out, with whom and whether overdue, and
 * which property of others the desk holds. Derived from the append-only movements: a `lend` is
 * open until a `return` closes it, a `custodyIn` until a `custodyOut` does. A return cancelled by
 * a `returnUndone` closes nothing: the loan is open again (issue 7 §8).
 */
import type { Item } from './entities';
import { ItemMovement, LENDABLE_CATEGORIES } from './item-entities';
import { overLimit } from './text-limits';

/** A loan still out; overdue once its due time has passed. */
export interface OpenLoan {
  lend: ItemMovement;
  overdue: boolean;
}

/** How long a return may be undone, measured on the two rows' recording times (T1). */
export const RETURN_UNDO_WINDOW_MS = 60_000;

/** The ids of the returns a `returnUndone` cancels. */
export function undoneReturnIds(movements: readonly ItemMovement[]): Set<string> {
  const ids = new Set<string>();
  for (const m of movements) if (!m.deleted && m.kind === 'returnUndone' && m.closesId !== null) ids.add(m.closesId);
  return ids;
}

/** The movements a closing of `kind` closes; an undone return closes nothing. */
function closedIds(movements: ItemMovement[], kind: 'return' | 'custodyOut'): Set<string> {
  const undone = kind === 'return' ? undoneReturnIds(movements) : new Set<string>();
  const ids = new Set<string>();
  for (const m of movements) {
    if (!m.deleted && m.kind === kind && m.closesId !== null && !undone.has(m.id)) ids.add(m.closesId);
  }
  return ids;
}

/**
 * Lends not closed by a return (one not undone), the most overdue first (then by when they went
 * out). `movements` must hold the lends, returns and undos of the items concerned.
 */
export function openLoans(movements: ItemMovement[], nowMs: number): OpenLoan[] {
  const returned = closedIds(movements, 'return');
  return movements
    .filter((m) => !m.deleted && m.kind === 'lend' && !returned.has(m.id))
    .map((lend) => ({ lend, overdue: lend.dueAt !== null && lend.dueAt < nowMs }))
    .sort(
      (a, b) =>
        (a.lend.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.lend.dueAt ?? Number.MAX_SAFE_INTEGER) ||
        a.lend.occurredAt - b.lend.occurredAt,
    );
}

/** Per item: how many are lent out and to whom (each borrower once). */
export function lentByItem(open: OpenLoan[]): Map<string, { quantity: number; borrowers: string[] }> {
  const byItem = new Map<string, { quantity: number; borrowers: string[] }>();
  for (const { lend } of open) {
    const entry = byItem.get(lend.itemId) ?? { quantity: 0, borrowers: [] };
    entry.quantity += lend.quantity;
    if (!entry.borrowers.includes(lend.party)) entry.borrowers.push(lend.party);
    byItem.set(lend.itemId, entry);
  }
  return byItem;
}

/** The custody intakes the desk still holds (not closed by a custodyOut), oldest first. */
export function heldCustody(movements: ItemMovement[]): ItemMovement[] {
  const released = closedIds(movements, 'custodyOut');
  return movements
    .filter((m) => !m.deleted && m.kind === 'custodyIn' && !released.has(m.id))
    .sort((a, b) => a.occurredAt - b.occurredAt);
}

export type MovementFieldError =
  'required' | 'notLendable' | 'notCustody' | 'dueBeforeStart' | 'tooMany' | 'alreadyClosed' | 'tooLong';
export type MovementFieldErrors = Partial<
  Record<
    | 'party'
    | 'partyKind'
    | 'contact'
    | 'dueAt'
    | 'fromParty'
    | 'reason'
    | 'checkedHow'
    | 'closesId'
    | 'itemId'
    | 'quantity',
    MovementFieldError
  >
>;

type MovementFields = Pick<
  ItemMovement,
  | 'kind'
  | 'quantity'
  | 'party'
  | 'partyKind'
  | 'fromParty'
  | 'contact'
  | 'reason'
  | 'checkedHow'
  | 'dueAt'
  | 'closesId'
  | 'occurredAt'
>;

const blank = (s: string): boolean => s.trim() === '';

/**
 * The fields each kind of movement needs (H8: every item accounted for, with whom and why).
 * Whether `closesId` is still open is for the caller, who has the other movements
 * (`alreadyClosed`).
 */
export function validateMovement(
  m: MovementFields,
  item: Pick<Item, 'category' | 'expectedQuantity'>,
): MovementFieldErrors {
  const errors: MovementFieldErrors = {};
  switch (m.kind) {
    case 'lend':
      // To whom, who they are, how to reach them and when it must be back.
      if (blank(m.party)) errors.party = 'required';
      if (m.partyKind === null) errors.partyKind = 'required';
      if (blank(m.contact)) errors.contact = 'required';
      if (m.dueAt === null) errors.dueAt = 'required';
      else if (m.dueAt <= m.occurredAt) errors.dueAt = 'dueBeforeStart';
      if (!LENDABLE_CATEGORIES.includes(item.category)) errors.itemId = 'notLendable';
      if (m.quantity > item.expectedQuantity) errors.quantity = 'tooMany';
      break;
    case 'return':
    case 'returnUndone':
      // The lend it closes, or the return it cancels (checkReturnUndo checks which one).
      if (m.closesId === null) errors.closesId = 'required';
      break;
    case 'custodyIn':
      // Whose it is, from whom the desk received it, and why it keeps it.
      if (blank(m.party)) errors.party = 'required';
      if (blank(m.fromParty)) errors.fromParty = 'required';
      if (blank(m.reason)) errors.reason = 'required';
      if (item.category !== 'custody') errors.itemId = 'notCustody';
      break;
    case 'custodyOut':
      // To whom it was given and how their identity was checked.
      if (blank(m.party)) errors.party = 'required';
      if (blank(m.checkedHow)) errors.checkedHow = 'required';
      if (m.closesId === null) errors.closesId = 'required';
      if (item.category !== 'custody') errors.itemId = 'notCustody';
      break;
  }
  // Every text within the schema's limit, so nothing the server would refuse is saved (issue 7).
  const { party, fromParty, contact, reason, checkedHow } = m;
  return { ...overLimit(ItemMovement, { party, fromParty, contact, reason, checkedHow }), ...errors };
}

/** Why a return may not be undone: not a return of this item, past the minute, or undone already. */
export type ReturnUndoError = 'notReturn' | 'tooLate' | 'alreadyUndone';

/**
 * Whether `undo` may cancel the movement `ret` it names (issue 7 §8): `ret` is a return of the same
 * item, `undo` is recorded within RETURN_UNDO_WINDOW_MS of it (both rows' `recordedAt`, the
 * server-corrected time of T1), and no other live `returnUndone` cancels it already. `closers` are
 * the live movements whose `closesId` is `ret`'s id (the undo itself may be among them).
 */
export function checkReturnUndo(
  undo: Pick<ItemMovement, 'id' | 'itemId' | 'recordedAt'>,
  ret: Pick<ItemMovement, 'id' | 'kind' | 'itemId' | 'recordedAt'>,
  closers: readonly Pick<ItemMovement, 'id' | 'kind' | 'deleted'>[],
): ReturnUndoError | null {
  if (ret.kind !== 'return' || ret.itemId !== undo.itemId) return 'notReturn';
  if (undo.recordedAt - ret.recordedAt > RETURN_UNDO_WINDOW_MS) return 'tooLate';
  if (closers.some((c) => !c.deleted && c.kind === 'returnUndone' && c.id !== undo.id)) return 'alreadyUndone';
  return null;
}

/** How long `ret` may still be undone at `nowMs` (0 once the minute has passed). */
export function undoRemainingMs(ret: Pick<ItemMovement, 'recordedAt'>, nowMs: number): number {
  return Math.max(0, Math.min(RETURN_UNDO_WINDOW_MS, ret.recordedAt + RETURN_UNDO_WINDOW_MS - nowMs));
}
