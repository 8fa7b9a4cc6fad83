import { useState } from 'react';
import { Item } from '../../../domain/entities';
import { ItemMovement } from '../../../domain/item-entities';
import { validateMovement } from '../../../domain/loan-rules';
import { fieldMax, fieldMaxes } from '../../../domain/text-limits';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { takeIntoCustody } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useDraftForm } from '../../ui/use-draft-form';
import { parseWhole, type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

export type CustodyTextField = 'label' | 'party' | 'fromParty' | 'contact' | 'reason' | 'location';
type CustodyField = CustodyTextField | 'quantity' | 'occurredAt';

export interface CustodyDraft extends Record<CustodyTextField, string> {
  quantity: string;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
  /** Until the person edits "when" it means "now", taken at save time from the corrected clock (T1). */
  timeEdited: boolean;
}

export type CustodyFormErrors = Partial<Record<CustodyField, FormErrorCode>>;

const TEXT_FIELDS: readonly CustodyTextField[] = ['label', 'party', 'fromParty', 'contact', 'reason', 'location'];

/** The server's limit of each text (the item's label and place, the intake's), from the schemas (issue 7). */
export const CUSTODY_LIMITS: Record<CustodyTextField, number> = {
  ...fieldMaxes(ItemMovement, ['party', 'fromParty', 'contact', 'reason']),
  label: fieldMax(Item, 'label'),
  location: fieldMax(Item, 'location'),
};

function blank(nowMs: number, timeZone: string): CustodyDraft {
  return {
    label: '',
    quantity: '1',
    party: '',
    fromParty: '',
    contact: '',
    reason: '',
    location: '',
    occurredAt: toLocalInput(nowMs, timeZone),
    timeEdited: false,
  };
}

/**
 * Take property of others into custody (H8: whose, from whom, why, when, optional photo). The
 * repository creates the custody item and its `custodyIn` (and the photo) in one transaction; a
 * refusal comes back per field and everything typed, the photo too, stays. A half-written intake
 * is a draft kept for its person (issue 7).
 */
export function useCustodyForm(staffId: string, timeZone: string, correctedNow: number) {
  const db = useDb();
  const form = useDraftForm<CustodyDraft, CustodyFormErrors>({
    formId: 'register-custody',
    staffId,
    blank: () => blank(correctedNow, timeZone),
    isBlank: (d) => TEXT_FIELDS.every((f) => d[f].trim() === ''),
    restore: (d) => (d.timeEdited ? d : { ...d, occurredAt: toLocalInput(correctedNow, timeZone) }),
  });
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  // PhotoCapture keeps its own preview; a new key gives a fresh, empty one after remove or save.
  const [photoKey, setPhotoKey] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  useDirtyForm('register-custody-photo', photo !== null);

  const set = (field: CustodyField, value: string) => {
    form.change(field === 'occurredAt' ? { occurredAt: value, timeEdited: true } : { [field]: value });
    setSaved(null);
  };

  const removePhoto = () => {
    setPhoto(null);
    setPhotoKey((k) => k + 1);
  };

  const submit = async () => {
    setSaved(null);
    let label: string | null = null;
    const ok = await form.save(async (draft) => {
      const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, draft[f].trim()])) as Record<CustodyTextField, string>;
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = draft.timeEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      const quantity = parseWhole(draft.quantity);
      if (occurredAt === null || quantity === null || quantity < 1) {
        const now = ctx.now();
        const rest = validateMovement(
          {
            kind: 'custodyIn',
            quantity: 1,
            partyKind: null,
            checkedHow: '',
            dueAt: null,
            closesId: null,
            ...text,
            occurredAt: now,
          },
          { category: 'custody', expectedQuantity: 10_000 },
        );
        return {
          ...rest,
          ...(text.label === '' ? { label: 'required' as const } : {}),
          ...(occurredAt === null ? { occurredAt: 'time' as const } : {}),
          ...(quantity === null || quantity < 1 ? { quantity: 'count' as const } : {}),
        };
      }
      const result = await takeIntoCustody(db, ctx, {
        ...text,
        quantity,
        occurredAt,
        dutyId: await currentDutyId(db, staffId),
        ...(photo ? { photo } : {}),
      });
      if (!result.ok) return result.errors;
      label = result.value.item.label;
      return null;
    });
    if (ok) {
      removePhoto();
      setSaved(label);
    }
  };

  return {
    draft: form.value,
    errors: form.errors,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    photo,
    photoKey,
    setPhoto,
    removePhoto,
    saving: form.saving,
    failure: form.failure,
    saved,
    set,
    submit,
  };
}
