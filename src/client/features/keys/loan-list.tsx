import { useId } from 'react';
import type { Item } from '../../../domain/entities';
import type { OpenLoan } from '../../../domain/loan-rules';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatShort } from '../../ui/time';
import { borrowerKindKey } from './register-labels';
import { scrollIntoViewRef } from './use-items-focus';
import type { ClosedPair } from './use-movements';

export interface OpenLoanListProps {
  loans: readonly OpenLoan[] | undefined;
  items: ReadonlyMap<string, Item> | undefined;
  timeZone: string;
  now: number;
  highlightId: string | null;
  busy: boolean;
  onReturned(loanId: string): void;
}

/** The loans not yet returned: OVERDUE ones first, marked in text and colour, each with "Returned". */
export function OpenLoanList({ loans, items, timeZone, now, highlightId, busy, onReturned }: OpenLoanListProps) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card loan-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('register.loans.open.title')}</h2>
      {loans && loans.length === 0 ? <p className="empty">{t('register.loans.open.empty')}</p> : null}
      <ul className="loan-rows" aria-labelledby={titleId}>
        {loans?.map(({ lend, overdue }) => {
          const item = items?.get(lend.itemId);
          const label = item?.label ?? '';
          const focused = lend.id === highlightId;
          return (
            <li
              key={lend.id}
              className={['loan-row', overdue ? 'is-overdue' : '', focused ? 'is-focused' : '']
                .filter(Boolean)
                .join(' ')}
              ref={focused ? scrollIntoViewRef : undefined}
            >
              <div className="row-body">
                <div className="loan-main">
                  <span className="item-label">{label}</span>
                  {item ? <span className="item-code">{item.code}</span> : null}
                  {lend.quantity > 1 ? (
                    <span className="loan-quantity">{t('register.loans.quantityOf', { quantity: lend.quantity })}</span>
                  ) : null}
                  {overdue ? <strong className="badge badge-overdue">{t('register.loans.overdue')}</strong> : null}
                </div>
                <div className="loan-who">
                  {[lend.party, lend.partyKind ? t(borrowerKindKey(lend.partyKind)) : '', lend.contact]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {lend.reason ? <div className="meta">{lend.reason}</div> : null}
                <div className="loan-times">
                  {lend.dueAt !== null ? (
                    <span className={overdue ? 'loan-due is-overdue' : 'loan-due'}>
                      {t('register.loans.due', { time: formatShort(lend.dueAt, now, timeZone) })}
                    </span>
                  ) : null}
                  <span className="meta">
                    {t('register.loans.lentAt', { time: formatShort(lend.occurredAt, now, timeZone) })}
                  </span>
                </div>
              </div>
              <Button
                className="loan-return"
                disabled={busy}
                aria-label={t('register.loans.returnedName', { label, party: lend.party })}
                onClick={() => onReturned(lend.id)}
              >
                {t('register.loans.returned')}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The newest returns, each with who had it and when it came back. */
export function RecentReturns({
  returns,
  timeZone,
  now,
  highlightId,
}: {
  returns: readonly ClosedPair[] | undefined;
  timeZone: string;
  now: number;
  highlightId: string | null;
}) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card recent-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('register.loans.recent.title')}</h2>
      {returns && returns.length === 0 ? <p className="empty">{t('register.loans.recent.empty')}</p> : null}
      <ul className="recent-rows" aria-labelledby={titleId}>
        {returns?.map(({ close, opened, item, undone }) => (
          <li key={close.id} className={close.id === highlightId ? 'is-focused' : undefined}>
            <span className="record-time">{formatShort(close.occurredAt, now, timeZone)}</span>
            <span>{t('register.loans.recent.row', { label: item?.label ?? '', party: opened?.party ?? '' })}</span>
            {undone ? <span className="badge">{t('register.loans.recent.undone')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
