import { useState } from 'react';
import type { Item, ItemCategory } from '../../../domain/entities';
import { saveItem } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { parseWhole, withoutError, type FormErrorCode } from './register-labels';

export type ItemTextField = 'label' | 'code' | 'expectedQuantity' | 'location';

export interface ItemDraft extends Record<ItemTextField, string> {
  category: ItemCategory;
  active: boolean;
}

export type ItemFormErrors = Partial<Record<'label' | 'code' | 'expectedQuantity' | 'category', FormErrorCode>>;

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
 * shown beside its field and everything typed stays put.
 */
export function useItemForm(staffId: string, item: Item | null, onSaved: (saved: Item) => void) {
  const db = useDb();
  const [draft, setDraft] = useState<ItemDraft>(() => draftOf(item));
  const [errors, setErrors] = useState<ItemFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const initial = draftOf(item);
  const dirty = (Object.keys(initial) as (keyof ItemDraft)[]).some((k) => draft[k] !== initial[k]);
  useDirtyForm('register-item', dirty);

  const setText = (field: ItemTextField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field !== 'location') setErrors((e) => withoutError(e, field));
  };
  const setCategory = (category: ItemCategory) => {
    setDraft((d) => ({ ...d, category }));
    setErrors((e) => withoutError(e, 'category'));
  };
  const setActive = (active: boolean) => setDraft((d) => ({ ...d, active }));

  const submit = async () => {
    setFailure(null);
    const expectedQuantity = parseWhole(draft.expectedQuantity);
    if (expectedQuantity === null || expectedQuantity > 10_000) {
      setErrors({ expectedQuantity: draft.expectedQuantity.trim() === '' ? 'required' : 'invalid' });
      return;
    }
    setSaving(true);
    try {
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
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      onSaved(result.value);
    } catch (error) {
      // e.g. storage full: keep the draft so nothing typed is lost, and say why.
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, saving, failure, setText, setCategory, setActive, submit };
}
