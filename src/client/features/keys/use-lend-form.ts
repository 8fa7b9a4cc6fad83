import { useState } from 'react';
import type { Item } from '../../../domain/entities';
import type { BorrowerKind } from '../../../domain/item-entities';
import { validateMovement } from '../../../domain/loan-rules';
import { lendItem } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { parseWhole, withoutError, type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

export type LendTextField = 'party' | 'contact' | 'reason';
type LendField = LendTextField | 'itemId' | 'quantity' | 'partyKind' | 'dueAt';

export interface LendDraft extends Record<LendTextField, string> {
  itemId: string;
  quantity: string;
  partyKind: BorrowerKind;
  /** The datetime-local value, in the building's zone. */
  dueAt: string;
}

export type LendFormErrors = Partial<Record<LendField, FormErrorCode>>;

const BLANK: LendDraft = {
  itemId: '',
  quantity: '1',
  party: '',
  partyKind: 'contractor',
  contact: '',
  reason: '',
  dueAt: '',
};

/**
 * The lend form (H8: keys and radios lent out, to whom, a contact and a due time). The
 * repository runs validateMovement; a form that cannot even be sent (no item, no time) shows
 * those problems together with the rule's, so the person fixes everything in one go.
 */
export function useLendForm(staffId: string, timeZone: string, items: ReadonlyMap<string, Item> | undefined) {
  const db = useDb();
  const [draft, setDraft] = useState<LendDraft>(BLANK);
  const [errors, setErrors] = useState<LendFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ label: string; party: string } | null>(null);
  const dirty = draft.party.trim() !== '' || draft.contact.trim() !== '' || draft.reason.trim() !== '';
  useDirtyForm('register-lend', dirty);
  const item = items?.get(draft.itemId);
  const countable = (item?.expectedQuantity ?? 1) > 1;

  const set = <K extends LendField>(field: K, value: LendDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => withoutError(e, field));
    setSaved(null);
  };

  const submit = async () => {
    setFailure(null);
    setSaved(null);
    const local: LendFormErrors = {};
    if (!item) local.itemId = 'required';
    const quantity = countable ? parseWhole(draft.quantity) : 1;
    if (quantity === null || quantity < 1) local.quantity = 'count';
    const dueAt = fromLocalInput(draft.dueAt, timeZone);
    if (dueAt === null) local.dueAt = draft.dueAt.trim() === '' ? 'required' : 'time';
    const fields = {
      party: draft.party.trim(),
      partyKind: draft.partyKind,
      contact: draft.contact.trim(),
      reason: draft.reason.trim(),
    };
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, staffId);
      if (!item || quantity === null || quantity < 1 || dueAt === null) {
        // The rule's own checks of the rest, with stand-ins for what could not be read.
        const now = ctx.now();
        const rest = validateMovement(
          {
            kind: 'lend',
            quantity: 1,
            fromParty: '',
            checkedHow: '',
            closesId: null,
            ...fields,
            dueAt: dueAt ?? now + 1,
            occurredAt: now,
          },
          { category: 'key', expectedQuantity: 10_000 },
        );
        setErrors({ ...rest, ...local });
        return;
      }
      const result = await lendItem(db, ctx, {
        itemId: item.id,
        quantity,
        ...fields,
        dueAt,
        dutyId: await currentDutyId(db, staffId),
      });
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      setDraft(BLANK);
      setSaved({ label: item.label, party: fields.party });
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, saving, failure, saved, dirty, countable, set, submit };
}
