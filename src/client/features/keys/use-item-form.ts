import { Item, type ItemCategory } from '../../../domain/entities';
import { fieldMaxes } from '../../../domain/text-limits';
import { saveItem } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDraftForm } from '../../ui/use-draft-form';
import { parseWhole, type FormErrorCode } from './register-labels';

export type ItemTextField = 'label' | 'code' | 'expectedQuantity' | 'location';

export interface ItemDraft extends Record<ItemTextField, string> {
  category: ItemCategory;
  active: boolean;
}

export type ItemFormErrors = Partial<
  Record<'label' | 'code' | 'expectedQuantity' | 'category' | 'location', FormErrorCode>
>;

/** The server's limit of each text, read from the shared schema (issue 7). */
export const ITEM_LIMITS = fieldMaxes(Item, ['label', 'code', 'location']);

function draftOf(item: Item | null): ItemDraft {
  return item
    ? {
        category: item.category,
        label: item.label,
        code: item.code,
        expectedQuantity: String(item.expectedQuantity),
        location: item.location,
        active: item.active,
      }
    : { category: 'key', label: '', code: '', expectedQuantity: '1', location: '', active: true };
}

/**
 * Add or edit a register item (H8; the chief or admin). The repository checks the rules, the code's
 * uniqueness among them ('codeTaken'), and nothing is written unless all is valid; each error is
 * shown beside its field and everything typed stays put, as a draft kept for its person (issue 7).
 */
export function useItemForm(staffId: string, item: Item | null, onSaved: (saved: Item) => void) {
  const db = useDb();
  const form = useDraftForm<ItemDraft, ItemFormErrors>({
    formId: `register-item:${item?.id ?? 'new'}`,
    staffId,
    blank: () => draftOf(item),
    // Unchanged from the item (or from the empty form) is nothing to keep.
    isBlank: (d) => {
      const initial = draftOf(item);
      return (Object.keys(initial) as (keyof ItemDraft)[]).every((k) => d[k] === initial[k]);
    },
  });

  const setText = (field: ItemTextField, value: string) => form.change({ [field]: value });
  const setCategory = (category: ItemCategory) => form.change({ category });
  const setActive = (active: boolean) => form.change({ active });

  const submit = async () => {
    let saved: Item | null = null;
    const ok = await form.save(async (draft) => {
      const expectedQuantity = parseWhole(draft.expectedQuantity);
      if (expectedQuantity === null || expectedQuantity > 10_000) {
        return { expectedQuantity: draft.expectedQuantity.trim() === '' ? 'required' : 'invalid' };
      }
      const ctx = await makeWriteContext(db, staffId);
      const result = await saveItem(db, ctx, {
        ...(item ? { id: item.id } : {}),
        category: draft.category,
        label: draft.label.trim(),
        code: draft.code.trim(),
        expectedQuantity,
        location: draft.location.trim(),
        active: draft.active,
      });
      if (!result.ok) return result.errors;
      saved = result.value;
      return null;
    });
    if (ok && saved) onSaved(saved);
  };

  return {
    draft: form.value,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    setText,
    setCategory,
    setActive,
    submit,
  };
}
