import { useState } from 'react';
import type { ItemMovement } from '../../../domain/item-entities';
import { releaseCustody } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { fromLocalInput, toLocalInput } from '../../ui/time';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { withoutError, type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

type GiveOutField = 'party' | 'checkedHow' | 'occurredAt';
export type GiveOutErrors = Partial<Record<GiveOutField | 'closesId', FormErrorCode>>;

/**
 * Give a held custody item out (H8: to whom, how the receiver was checked, when). The repository
 * appends the `custodyOut` and retires the custody item in one transaction.
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
  const [draft, setDraft] = useState(() => ({
    party: custodyIn.party,
    checkedHow: '',
    occurredAt: toLocalInput(correctedNow, timeZone),
  }));
  const [timeEdited, setTimeEdited] = useState(false);
  const [errors, setErrors] = useState<GiveOutErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('register-give-out', draft.checkedHow.trim() !== '');

  const set = (field: GiveOutField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field === 'occurredAt') setTimeEdited(true);
    setErrors((e) => withoutError(e, field));
  };

  const submit = async () => {
    setFailure(null);
    setSaving(true);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const occurredAt = timeEdited ? fromLocalInput(draft.occurredAt, timeZone) : ctx.now();
      if (occurredAt === null) {
        setErrors({ occurredAt: 'time' });
        return;
      }
      const party = draft.party.trim();
      const result = await releaseCustody(db, ctx, {
        custodyInId: custodyIn.id,
        party,
        checkedHow: draft.checkedHow.trim(),
        occurredAt,
        dutyId: await currentDutyId(db, staffId),
      });
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      onDone(party);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, saving, failure, set, submit };
}
