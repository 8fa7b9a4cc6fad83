import { useState } from 'react';
import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import type { OpenLoan } from '../../../domain/loan-rules';
import { returnItem } from '../../db/repos/item-repo';
import { undoReturn, type ReturnUndoError } from '../../db/repos/return-undo-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useAction } from '../../ui/use-action';
import type { FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';

/** The loan a person tapped "Returned" on, waiting for their confirmation. */
export interface ReturnTarget {
  loan: OpenLoan;
  item: Item | undefined;
}

/** The return just recorded here, which may be undone for a minute (issue 7 §8). */
export interface LastReturn {
  movement: ItemMovement;
  label: string;
  party: string;
  undone: boolean;
}

/** Why the last return or undo was refused on this tablet. */
export type ReturnRefusal = { kind: 'return'; code: FormErrorCode } | { kind: 'undo'; code: ReturnUndoError };

/**
 * A key or radio coming back (H8, issue 7 §8): "Returned" only asks (`ask`); the return is recorded
 * once the person confirms, and can then be undone for a minute by an op of its own.
 */
export function useReturnFlow(staffId: string) {
  const db = useDb();
  const [target, setTarget] = useState<ReturnTarget | null>(null);
  const [last, setLast] = useState<LastReturn | null>(null);
  const [refusal, setRefusal] = useState<ReturnRefusal | null>(null);

  const returning = useAction(async (t: ReturnTarget) => {
    const ctx = await makeWriteContext(db, staffId);
    const result = await returnItem(db, ctx, { loanId: t.loan.lend.id, dutyId: await currentDutyId(db, staffId) });
    setTarget(null);
    if (result.ok) {
      setRefusal(null);
      setLast({ movement: result.value, label: t.item?.label ?? '', party: t.loan.lend.party, undone: false });
    } else {
      // Another tablet may have recorded the return first; say so rather than fail silently.
      setRefusal({ kind: 'return', code: result.errors.closesId ?? 'alreadyClosed' });
    }
  });

  const undoing = useAction(async (l: LastReturn) => {
    const ctx = await makeWriteContext(db, staffId);
    const result = await undoReturn(db, ctx, { returnId: l.movement.id, dutyId: await currentDutyId(db, staffId) });
    if (result.ok) {
      setRefusal(null);
      setLast({ ...l, undone: true });
    } else {
      setRefusal({ kind: 'undo', code: result.errors.closesId });
    }
  });

  return {
    target,
    last,
    refusal,
    busy: returning.busy || undoing.busy,
    error: returning.error ?? undoing.error,
    ask: (loan: OpenLoan, item: Item | undefined) => setTarget({ loan, item }),
    cancel: () => setTarget(null),
    confirm: () => (target ? void returning.run(target) : undefined),
    undo: () => (last && !last.undone ? void undoing.run(last) : undefined),
  };
}
