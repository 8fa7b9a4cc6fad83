/**
 * The words of the count (H8): every state is said in text as well as shown in colour, so nothing
 * depends on colour alone.
 */
import { expectedAtDesk } from '../../../domain/count-rules';
import type { ItemCategory } from '../../../domain/entities';
import type { CountState, RecordCountLine } from '../../../domain/handover-entities';
import type { CountItemView } from '../../db/queries/handover-queries';
import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';

export const categoryKey = (c: ItemCategory): MessageKey => `count.category.${c}`;

/** What a row shows: its colour class, its mark and its words. */
export type RowState = 'pending' | 'lent' | CountState;

export function rowState(v: CountItemView): RowState {
  if (v.line) return v.line.state;
  return v.accountedWithoutTap ? 'lent' : 'pending';
}

/** What a row's stepper shows: the newest count, else how many are expected at the desk. */
export const shownQuantity = (v: CountItemView): number => v.line?.quantity ?? v.expectedAtDesk;

/** Countable items (more than one expected) get a quantity stepper and show "n of m". */
export const isCountable = (v: CountItemView): boolean => v.item.expectedQuantity > 1;

function stateWords(t: TFunction, state: CountState, quantity: number, expected: number, countable: boolean): string {
  if (!countable) return t(`count.state.${state}`);
  const params = { quantity, expected };
  switch (state) {
    case 'present':
      return t('count.state.presentQty', params);
    case 'missing':
      return t('count.state.missingQty', params);
    case 'damaged':
      return t('count.state.damagedQty', params);
  }
}

/** "Present", "Missing, 2 of 3 here", "Lent out, accounted for", "Not counted yet". */
export function stateText(t: TFunction, v: CountItemView): string {
  const state = rowState(v);
  if (state === 'pending') return t('count.state.pending');
  if (state === 'lent') return t('count.state.lent');
  return stateWords(t, state, v.line?.quantity ?? 0, v.expectedAtDesk, isCountable(v));
}

/** The hint from the last signed count ("pre-filled from the last closing count"). */
export function lastCountText(t: TFunction, last: RecordCountLine): string {
  const atDesk = expectedAtDesk({ expectedQuantity: last.expected }, last.lent);
  const words = stateWords(t, last.state, last.quantity, atDesk, last.expected > 1);
  const state = last.explanation ? `${words} (${last.explanation})` : words;
  return t('count.lastCount', { state });
}

/**
 * How many are at the desk when an item is reported missing or damaged, before the person adjusts
 * it: a single missing item is gone; of several, at least one is. A damaged item is still here.
 */
export function problemQuantity(v: CountItemView, state: 'missing' | 'damaged'): number {
  if (!isCountable(v)) return state === 'missing' ? 0 : v.expectedAtDesk;
  return state === 'missing' ? Math.max(0, shownQuantity(v) - 1) : shownQuantity(v);
}

/** `m:ss`, for the count timer. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
