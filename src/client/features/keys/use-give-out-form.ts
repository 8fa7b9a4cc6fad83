import { ItemMovement } from '../../../domain/item-entities';
import { fieldMaxes } from '../../../domain/text-limits';
import { releaseCustody } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDraftForm } from '../../ui/use-draft-form';
import { type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

type GiveOutField = 'party' | 'checkedHow' | 'occurredAt';
export type GiveOutErrors = Partial<Record<GiveOutField | 'closesId', FormErrorCode>>;

/** The server's limit of each text, read from the shared schema (issue 7). */
export const GIVE_OUT_LIMITS = fieldMaxes(ItemMovement, ['party', 'checkedHow']);

interface GiveOutDraft {
  party: string;
  checkedHow: string;
  /** The datetime-local value, in the building's zone. */
  occurredAt: string;
  /** Until the person edits "when" it means "now", taken at save time (T1). */
  timeEdited: boolean;
}

/**
 * Give a held custody item out (H8: to whom, how the receiver was checked, when). The repository
 * appends the `custodyOut` and retires the custody item in one transaction. A half-written
 * release is a draft kept for its person and intake (issue 7).
 */
export function useGiveOutForm(opts: {
  staffId: string;
  custodyIn: ItemMovement;
  timeZone: string;
  correctedNow: number;
  onDone(party: string): void;
}) {
  const { staffId, custodyIn, timeZone, correctedNow, onDone } = opts;
  const db = useDb();
  const now = () => toLocalInput(correctedNow, timeZone);
  const form = useDraftForm<GiveOutDraft, GiveOutErrors>({
    formId: `register-give-out:${custodyIn.id}`,
    staffId,
    // The owner by default: most property goes back to whoever it belongs to.
    blank: () => ({ party: custodyIn.party, checkedHow: '', occurredAt: now(), timeEdited: false }),
    isBlank: (d) => d.checkedHow.trim() === '' && d.party === custodyIn.party && !d.timeEdited,
    restore: (d) => (d.timeEdited ? d : { ...d, occurredAt: now() }),
  });

  const set = (field: GiveOutField, value: string) =>
    form.change(field === 'occurredAt' ? { occurredAt: value, timeEdited: true } : { [field]: value });

  const submit = async () => {
    let party = '';
    const ok = await form.save(async (draft) => {
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = draft.timeEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      if (occurredAt === null) return { occurredAt: 'time' };
      party = draft.party.trim();
      const result = await releaseCustody(db, ctx, {
        custodyInId: custodyIn.id,
        party,
        checkedHow: draft.checkedHow.trim(),
        occurredAt,
        dutyId: await currentDutyId(db, staffId),
      });
      return result.ok ? null : result.errors;
    });
    if (ok) onDone(party);
  };

  return {
    draft: form.value,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    set,
    submit,
  };
}
