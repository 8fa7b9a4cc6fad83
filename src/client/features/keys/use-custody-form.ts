import { useState } from 'react';
import { validateMovement } from '../../../domain/loan-rules';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { takeIntoCustody } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { parseWhole, withoutError, type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

export type CustodyTextField = 'label' | 'party' | 'fromParty' | 'contact' | 'reason' | 'location';
type CustodyField = CustodyTextField | 'quantity' | 'occurredAt';

export interface CustodyDraft extends Record<CustodyTextField, string> {
  quantity: string;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
}

export type CustodyFormErrors = Partial<Record<CustodyField, FormErrorCode>>;

const TEXT_FIELDS: readonly CustodyTextField[] = ['label', 'party', 'fromParty', 'contact', 'reason', 'location'];

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
  };
}

/**
 * Take property of others into custody (H8: whose, from whom, why, when, optional photo). The
 * repository creates the custody item and its `custodyIn` (and the photo) in one transaction; a
 * refusal comes back per field and everything typed, the photo too, stays.
 */
export function useCustodyForm(staffId: string, timeZone: string, correctedNow: number) {
  const db = useDb();
  const [draft, setDraft] = useState<CustodyDraft>(() => blank(correctedNow, timeZone));
  // Until the person edits "when" it means "now", taken at save time from the corrected clock (T1).
  const [timeEdited, setTimeEdited] = useState(false);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  // PhotoCapture keeps its own preview; a new key gives a fresh, empty one after remove or save.
  const [photoKey, setPhotoKey] = useState(0);
  const [errors, setErrors] = useState<CustodyFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const dirty = TEXT_FIELDS.some((f) => draft[f].trim() !== '') || photo !== null;
  useDirtyForm('register-custody', dirty);

  const set = (field: CustodyField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field === 'occurredAt') setTimeEdited(true);
    setErrors((e) => withoutError(e, field));
    setSaved(null);
  };

  const removePhoto = () => {
    setPhoto(null);
    setPhotoKey((k) => k + 1);
  };

  const submit = async () => {
    setFailure(null);
    setSaved(null);
    const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, draft[f].trim()])) as Record<CustodyTextField, string>;
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = timeEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
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
        setErrors({
          ...rest,
          ...(text.label === '' ? { label: 'required' as const } : {}),
          ...(occurredAt === null ? { occurredAt: 'time' as const } : {}),
          ...(quantity === null || quantity < 1 ? { quantity: 'count' as const } : {}),
        });
        return;
      }
      const result = await takeIntoCustody(db, ctx, {
        ...text,
        quantity,
        occurredAt,
        dutyId: await currentDutyId(db, staffId),
        ...(photo ? { photo } : {}),
      });
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      setDraft(blank(ctx.now(), timeZone));
      setTimeEdited(false);
      removePhoto();
      setSaved(result.value.item.label);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, photo, photoKey, setPhoto, removePhoto, saving, failure, saved, set, submit };
}
