import { useState } from 'react';
import type { Item } from '../../../domain/entities';
import { ItemMovement, type BorrowerKind } from '../../../domain/item-entities';
import { validateMovement } from '../../../domain/loan-rules';
import { fieldMaxes } from '../../../domain/text-limits';
import { lendItem } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput } from '../../ui/time';
import { useDraftForm } from '../../ui/use-draft-form';
import { parseWhole, type FormErrorCode } from './register-labels';
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

/** The server's limit of each text, read from the shared schema (issue 7). */
export const LEND_LIMITS = fieldMaxes(ItemMovement, ['party', 'contact', 'reason']);

const blank = (): LendDraft => ({
  itemId: '',
  quantity: '1',
  party: '',
  partyKind: 'contractor',
  contact: '',
  reason: '',
  dueAt: '',
});

/**
 * The lend form (H8: keys and radios lent out, to whom, a contact and a due time). The
 * repository runs validateMovement; a form that cannot even be sent (no item, no time) shows
 * those problems together with the rule's, so the person fixes everything in one go. A
 * half-written loan is a draft kept for its person (issue 7).
 */
export function useLendForm(staffId: string, timeZone: string, items: ReadonlyMap<string, Item> | undefined) {
  const db = useDb();
  const form = useDraftForm<LendDraft, LendFormErrors>({
    formId: 'register-lend',
    staffId,
    blank,
    isBlank: (d) => d.party.trim() === '' && d.contact.trim() === '' && d.reason.trim() === '',
  });
  const [saved, setSaved] = useState<{ label: string; party: string } | null>(null);
  const countable = (items?.get(form.value.itemId)?.expectedQuantity ?? 1) > 1;

  const set = <K extends LendField>(field: K, value: LendDraft[K]) => {
    form.change({ [field]: value });
    setSaved(null);
  };

  const submit = async () => {
    setSaved(null);
    let done: { label: string; party: string } | null = null;
    const ok = await form.save(async (draft) => {
      const item = items?.get(draft.itemId);
      const local: LendFormErrors = {};
      if (!item) local.itemId = 'required';
      const quantity = (item?.expectedQuantity ?? 1) > 1 ? parseWhole(draft.quantity) : 1;
      if (quantity === null || quantity < 1) local.quantity = 'count';
      const dueAt = fromLocalInput(draft.dueAt, timeZone);
      if (dueAt === null) local.dueAt = draft.dueAt.trim() === '' ? 'required' : 'time';
      const fields = {
        party: draft.party.trim(),
        partyKind: draft.partyKind,
        contact: draft.contact.trim(),
        reason: draft.reason.trim(),
      };
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
        return { ...rest, ...local };
      }
      const result = await lendItem(db, ctx, {
        itemId: item.id,
        quantity,
        ...fields,
        dueAt,
        dutyId: await currentDutyId(db, staffId),
      });
      if (!result.ok) return result.errors;
      done = { label: item.label, party: fields.party };
      return null;
    });
    if (ok) setSaved(done);
  };

  return {
    draft: form.value,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    saved,
    dirty: form.dirty,
    countable,
    set,
    submit,
  };
}
