import type { CountFinding } from '../../../domain/count-findings';
import { ITEM_CATEGORIES, type Item, type ItemCategory } from '../../../domain/entities';
import { BORROWER_KINDS, type BorrowerKind } from '../../../domain/item-entities';
import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';
import type { ChoiceOption } from '../../ui/choice-group';

export const categoryKey = (c: ItemCategory): MessageKey => `register.category.${c}`;
export const borrowerKindKey = (k: BorrowerKind): MessageKey => `register.loans.partyKind.${k}`;

/** The categories the chief registers by hand; custody items come in through "Take in" (H8). */
export const REGISTER_CATEGORIES: readonly ItemCategory[] = ITEM_CATEGORIES.filter((c) => c !== 'custody');

export const categoryOptions = (t: TFunction, categories: readonly ItemCategory[]): ChoiceOption<ItemCategory>[] =>
  categories.map((c) => ({ value: c, label: t(categoryKey(c)) }));

export const borrowerKindOptions = (t: TFunction): ChoiceOption<BorrowerKind>[] =>
  BORROWER_KINDS.map((k) => ({ value: k, label: t(borrowerKindKey(k)) }));

/**
 * Every validation code a register, loan or custody form may show, from the repositories
 * (ItemFieldErrors, MovementFieldErrors) or from the form itself (a number or time not parsed).
 */
export type FormErrorCode =
  | 'required'
  | 'invalid'
  | 'codeTaken'
  | 'notLendable'
  | 'notCustody'
  | 'dueBeforeStart'
  | 'tooMany'
  | 'alreadyClosed'
  | 'count'
  | 'time'
  | 'tooLong';

/**
 * The message shown beside a field for a validation code. `label` is the field's own label, used
 * in "{field} is required"; `invalid` on a quantity names the accepted range.
 */
export function errorText(t: TFunction, label: string, code: FormErrorCode | undefined): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case 'required':
      return t('error.required', { field: label });
    case 'invalid':
      return t('register.error.quantity');
    case 'count':
      return t('register.error.count');
    case 'time':
      return t('register.error.time');
    case 'codeTaken':
      return t('register.error.codeTaken');
    case 'notLendable':
      return t('register.error.notLendable');
    case 'notCustody':
      return t('register.error.notCustody');
    case 'dueBeforeStart':
      return t('register.error.dueBeforeStart');
    case 'tooMany':
      return t('register.error.tooMany');
    case 'alreadyClosed':
      return t('register.error.alreadyClosed');
    case 'tooLong':
      // Field says "at most N characters; now M" when it has the limit; this is the fallback.
      return t('error.tooLong', { field: label });
  }
}

/** Reads a whole number typed into a quantity field; null when it is not one. */
export function parseWhole(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Copies `errors` without `field`, returning the same object when there is nothing to remove. */
export function withoutError<E extends object>(errors: E, field: keyof E): E {
  if (!(field in errors)) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

/**
 * What the newest count found wrong with an item, in words (H8): missing, damaged, or fewer at the
 * desk than there should have been; with the numbers when the register holds several.
 */
export function findingText(t: TFunction, item: Pick<Item, 'expectedQuantity'>, f: CountFinding): string {
  const params = { quantity: f.quantity, expected: f.atDesk };
  const several = item.expectedQuantity > 1;
  switch (f.state) {
    case 'missing':
      return several ? t('register.item.countMissingQty', params) : t('register.item.countMissing');
    case 'damaged':
      return several ? t('register.item.countDamagedQty', params) : t('register.item.countDamaged');
    case 'present':
      return t('register.item.countShort', params);
  }
}
