import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { checkOverride, OVERRIDE_REASON_MIN } from '../../../domain/gate';
import { listStaff } from '../../db/queries';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { checkPin, type PinProblem } from './pin-check';
import type { HandoverFlowState } from './use-handover-flow';

export interface OverrideErrors {
  person?: 'required' | 'role';
  reason?: 'tooShort';
  pin?: PinProblem;
}

/**
 * The override form (H11): who lifts the refusal, their PIN and a written reason. A wrong role, a
 * short reason or a wrong PIN is refused beside its field; the reason typed and the person chosen
 * stay. The override is kept in the flow and recorded with the signed handover.
 */
export function useOverrideForm(flow: HandoverFlowState) {
  const db = useDb();
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const [personId, setPersonIdState] = useState('');
  const [reason, setReasonState] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<OverrideErrors>({});
  const [checking, setChecking] = useState(false);
  useDirtyForm('handover-override', reason.trim() !== '');
  const blockers = flow.gate?.blockers ?? [];
  const person = staff?.find((s) => s.id === personId);

  const submit = async () => {
    if (checking) return;
    const next: OverrideErrors = {};
    if (!person) next.person = 'required';
    else if (checkOverride(person.role, reason, blockers) === 'role') next.person = 'role';
    if (reason.trim().length < OVERRIDE_REASON_MIN) next.reason = 'tooShort';
    if (pin === '') next.pin = { kind: 'required' };
    setErrors(next);
    if (!person || next.person || next.reason || next.pin) return;
    // Whatever else, the domain rule has the last word (chief or manager, reason, something to override).
    if (checkOverride(person.role, reason, blockers) !== null) return;
    setChecking(true);
    try {
      const problem = await checkPin(db, person.id, pin, Date.now());
      setPin('');
      if (problem) {
        setErrors({ pin: problem });
        return;
      }
      const ctx = await makeWriteContext(db, flow.staffId);
      flow.setOverride({
        staffId: person.id,
        role: person.role === 'manager' ? 'manager' : 'chief',
        reason: reason.trim(),
        at: ctx.now(),
        blockers: blockers.map((b) => ({ code: b.code, refs: [...b.refs] })),
      });
      setReasonState('');
      setPersonIdState('');
      setErrors({});
    } finally {
      setChecking(false);
    }
  };

  return {
    staff,
    person,
    personId,
    setPersonId: (id: string) => {
      setPersonIdState(id);
      setErrors(({ person: _cleared, pin: _pin, ...rest }) => rest);
    },
    reason,
    setReason: (v: string) => {
      setReasonState(v);
      setErrors(({ reason: _cleared, ...rest }) => rest);
    },
    pin,
    setPin: (v: string) => {
      setPin(v);
      setErrors(({ pin: _cleared, ...rest }) => rest);
    },
    errors,
    checking,
    submit,
  };
}
