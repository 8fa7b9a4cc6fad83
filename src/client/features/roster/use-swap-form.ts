import { useState } from 'react';
import type { SwapKind } from '../../../domain/rota-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { requestSwap } from '../../db/repos/rota-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useFormDraft } from '../../ui/use-form-draft';

export interface SwapFormErrors {
  reason?: 'required';
  substituteId?: 'required' | 'same';
  otherShiftId?: 'required';
}

/**
 * A swap or cover request for one of the person's own coming shifts (S1: no private swaps). It is
 * only a request: the rota changes once a section chief has confirmed it and the property office
 * manager has approved it. `assignments` is the week's effective rota. A half-written reason is
 * a draft kept for its person (issue 7).
 */
export function useSwapForm(staffId: string, assignments: readonly Assignment[], nowMs: number) {
  const db = useDb();
  const [kind, setKind] = useState<SwapKind>('cover');
  const [pickedShift, setPickedShift] = useState('');
  const [substituteId, setSubstituteId] = useState('');
  const [pickedOther, setPickedOther] = useState('');
  const [errors, setErrors] = useState<SwapFormErrors>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const reasonDraft = useFormDraft<string>({
    formId: 'swap-request',
    staffId,
    blank: () => '',
    isBlank: (v) => v.trim() === '',
  });
  const reason = reasonDraft.value;
  const invalid = useFocusFirstInvalid();

  // Only shifts still to come can be given away or taken in exchange.
  const coming = assignments.filter((a) => a.startsAt > nowMs);
  const myShifts = coming.filter((a) => a.staffId === staffId);
  const theirShifts = coming.filter((a) => a.staffId === substituteId && substituteId !== '');
  const rotaShiftId = myShifts.some((a) => a.rotaShiftId === pickedShift)
    ? pickedShift
    : (myShifts[0]?.rotaShiftId ?? '');
  const otherShiftId = theirShifts.some((a) => a.rotaShiftId === pickedOther)
    ? pickedOther
    : (theirShifts[0]?.rotaShiftId ?? '');

  const clear = (field: keyof SwapFormErrors) => setErrors(({ [field]: _cleared, ...rest }) => rest);

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    setSent(false);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const res = await requestSwap(db, ctx, {
        kind,
        rotaShiftId,
        substituteId,
        otherShiftId: kind === 'swap' && otherShiftId !== '' ? otherShiftId : null,
        reason: reason.trim(),
      });
      if (!res.ok) {
        setErrors(res.errors);
        invalid.request();
        return;
      }
      setErrors({});
      setSent(true);
      reasonDraft.reset();
      setSubstituteId('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return {
    /** A callback ref for the form: its first invalid field gets the focus after a refusal. */
    attachForm: invalid.attach,
    kind,
    setKind: (v: SwapKind) => {
      setKind(v);
      clear('otherShiftId');
    },
    myShifts,
    rotaShiftId,
    setRotaShiftId: setPickedShift,
    substituteId,
    setSubstituteId: (v: string) => {
      setSubstituteId(v);
      clear('substituteId');
      clear('otherShiftId');
    },
    theirShifts,
    otherShiftId,
    setOtherShiftId: (v: string) => {
      setPickedOther(v);
      clear('otherShiftId');
    },
    reason,
    reasonRestored: reasonDraft.restored,
    discardReason: reasonDraft.reset,
    setReason: (v: string) => {
      reasonDraft.update(() => v);
      clear('reason');
    },
    errors,
    sent,
    busy,
    failure,
    submit,
  };
}

export type SwapFormState = ReturnType<typeof useSwapForm>;
