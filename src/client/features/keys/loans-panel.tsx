import { useMemo, useState } from 'react';
import { lentByItem, type OpenLoan } from '../../../domain/loan-rules';
import { returnItem } from '../../db/repos/item-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { useAction } from '../../ui/use-action';
import { LendForm } from './lend-form';
import { OpenLoanList, RecentReturns } from './loan-list';
import { errorText, type FormErrorCode } from './register-labels';
import { currentDutyId } from './use-register';
import { useItemsById, useRecentClosings } from './use-movements';

export interface LoansPanelProps {
  staffId: string;
  timeZone: string;
  now: number | undefined;
  loans: OpenLoan[] | undefined;
  highlightId: string | null;
}

/**
 * Keys and radios lent to a contractor, tenant or colleague (H8): the lend form beside the open
 * loans (overdue first) and the latest returns. A return appends a `return` movement that closes
 * the loan; nothing of the loan itself is rewritten.
 */
export function LoansPanel({ staffId, timeZone, now, loans, highlightId }: LoansPanelProps) {
  const t = useT();
  const db = useDb();
  const items = useItemsById();
  const returns = useRecentClosings('return');
  const lent = useMemo(() => lentByItem(loans ?? []), [loans]);
  const returning = useAction(async (loanId: string) => {
    const ctx = await makeWriteContext(db, staffId);
    const result = await returnItem(db, ctx, { loanId, dutyId: await currentDutyId(db, staffId) });
    // Another tablet may have recorded the return first; say so rather than fail silently.
    return result.ok ? null : (result.errors.closesId ?? ('alreadyClosed' as const));
  });
  const [lastRefusal, setLastRefusal] = useState<FormErrorCode | null>(null);

  return (
    <div className="register-columns">
      <LendForm staffId={staffId} timeZone={timeZone} items={items} lent={lent} />
      <div className="register-stack">
        <FailureAlert error={returning.error} />
        {lastRefusal ? (
          <p role="alert" className="form-error">
            {errorText(t, t('register.loans.returned'), lastRefusal)}
          </p>
        ) : null}
        {now !== undefined ? (
          <>
            <OpenLoanList
              loans={loans}
              items={items}
              timeZone={timeZone}
              now={now}
              highlightId={highlightId}
              busy={returning.busy}
              onReturned={(loanId) => void returning.run(loanId).then((r) => setLastRefusal(r ?? null))}
            />
            <RecentReturns returns={returns} timeZone={timeZone} now={now} highlightId={highlightId} />
          </>
        ) : null}
      </div>
    </div>
  );
}
