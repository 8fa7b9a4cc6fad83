import { useMemo } from 'react';
import { lentByItem, type OpenLoan } from '../../../domain/loan-rules';
import { useT } from '../../i18n/use-t';
import { FailureAlert } from '../../ui/failure-alert';
import { LendForm } from './lend-form';
import { OpenLoanList, RecentReturns } from './loan-list';
import { ReturnConfirmDialog, UndoNotice, returnRefusalText } from './return-confirm';
import { useItemsById, useRecentClosings } from './use-movements';
import { useReturnFlow } from './use-return-flow';

export interface LoansPanelProps {
  staffId: string;
  timeZone: string;
  now: number | undefined;
  loans: OpenLoan[] | undefined;
  highlightId: string | null;
}

/**
 * Keys and radios lent to a contractor, tenant or colleague (H8): the lend form beside the open
 * loans (overdue first) and the latest returns. A return, once confirmed, appends a `return`
 * movement that closes the loan, and may be undone for a minute by a `returnUndone` (issue 7 §8);
 * nothing of the loan itself is rewritten.
 */
export function LoansPanel({ staffId, timeZone, now, loans, highlightId }: LoansPanelProps) {
  const t = useT();
  const items = useItemsById();
  const returns = useRecentClosings('return');
  const lent = useMemo(() => lentByItem(loans ?? []), [loans]);
  const flow = useReturnFlow(staffId);

  return (
    <div className="register-columns">
      <LendForm staffId={staffId} timeZone={timeZone} items={items} lent={lent} />
      <div className="register-stack">
        <FailureAlert error={flow.error} />
        {flow.refusal ? (
          <p role="alert" className="form-error">
            {returnRefusalText(t, flow.refusal)}
          </p>
        ) : null}
        {flow.last ? <UndoNotice last={flow.last} busy={flow.busy} onUndo={flow.undo} /> : null}
        {now !== undefined ? (
          <>
            <OpenLoanList
              loans={loans}
              items={items}
              timeZone={timeZone}
              now={now}
              highlightId={highlightId}
              busy={flow.busy}
              onReturned={(loanId) => {
                const loan = loans?.find((l) => l.lend.id === loanId);
                if (loan) flow.ask(loan, items?.get(loan.lend.itemId));
              }}
            />
            <RecentReturns returns={returns} timeZone={timeZone} now={now} highlightId={highlightId} />
          </>
        ) : null}
      </div>
      {flow.target ? (
        <ReturnConfirmDialog target={flow.target} busy={flow.busy} onConfirm={flow.confirm} onCancel={flow.cancel} />
      ) : null}
    </div>
  );
}
