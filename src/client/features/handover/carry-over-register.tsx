import { useId } from 'react';
import type { OpenLoan } from '../../../domain/loan-rules';
import { useT } from '../../i18n/use-t';
import { formatShort } from '../../ui/time';
import { EntryLink } from './entry-link';
import type { CarryOverData } from './use-carry-over';

/**
 * H5, H8, H11(a)(b): what blocks (major and emergency events not dealt with, equipment operations in
 * progress), every other major matter of the shift handled or referred (H5), each opening in the
 * duty record; loans with the overdue ones first and highlighted, and the custody items held.
 */
export function CarryOverRegister({ data, nowMs, timeZone }: { data: CarryOverData; nowMs: number; timeZone: string }) {
  const t = useT();
  const eventsId = useId();
  const shiftId = useId();
  const loansId = useId();
  const custodyId = useId();
  const { register } = data;
  if (!register) return null;
  // An equipment operation filed as major is in both lists; show it once.
  const events = [
    ...register.majorOpen,
    ...register.equipmentInProgress.filter((e) => !register.majorOpen.some((m) => m.id === e.id)),
  ];
  const onTime = register.openLoans.filter((l) => !l.overdue);
  const when = (ms: number) => formatShort(ms, nowMs, timeZone);

  const loanRow = (loan: OpenLoan) => (
    <li key={loan.lend.id} className={`handover-row${loan.overdue ? ' handover-row-overdue' : ''}`}>
      <span className="handover-task">
        {loan.overdue ? <span className="badge badge-emergency">{t('handover.loan.overdue')}</span> : null}
        <strong>{data.itemLabel(loan.lend.itemId) ?? t('handover.unknownItem')}</strong>
        <span>
          {t('handover.loan.to', {
            party: loan.lend.party,
            contact: loan.lend.contact || t('common.none'),
            quantity: loan.lend.quantity,
          })}
        </span>
        {loan.lend.dueAt !== null ? (
          <span className="meta">{t('handover.loan.due', { time: when(loan.lend.dueAt) })}</span>
        ) : null}
      </span>
    </li>
  );

  return (
    <>
      <section aria-labelledby={eventsId} className="handover-section">
        <h4 id={eventsId}>{t('handover.carry.events')}</h4>
        {events.length === 0 ? <p className="empty">{t('handover.carry.noEvents')}</p> : null}
        <ul className="handover-list" aria-labelledby={eventsId}>
          {events.map((e) => (
            <li key={e.id}>
              <EntryLink entry={e} nowMs={nowMs} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      </section>
      {register.shiftRecord ? (
        <section aria-labelledby={shiftId} className="handover-section">
          <h4 id={shiftId}>{t('handover.carry.shiftMajor')}</h4>
          {register.shiftMajor.length === 0 ? <p className="empty">{t('handover.carry.noShiftMajor')}</p> : null}
          <ul className="handover-list" aria-labelledby={shiftId}>
            {register.shiftMajor.map((e) => (
              <li key={e.id}>
                <EntryLink entry={e} nowMs={nowMs} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby={loansId} className="handover-section">
        <h4 id={loansId}>{t('handover.carry.loans')}</h4>
        {register.openLoans.length === 0 ? <p className="empty">{t('handover.carry.noLoans')}</p> : null}
        <ul className="handover-list" aria-labelledby={loansId}>
          {register.overdueLoans.map(loanRow)}
          {onTime.map(loanRow)}
        </ul>
      </section>
      <section aria-labelledby={custodyId} className="handover-section">
        <h4 id={custodyId}>{t('handover.carry.custody')}</h4>
        {register.custody.length === 0 ? <p className="empty">{t('handover.carry.noCustody')}</p> : null}
        <ul className="handover-list" aria-labelledby={custodyId}>
          {register.custody.map(({ movement, item }) => (
            <li key={movement.id} className="handover-row">
              <span className="handover-task">
                <strong>{item.label}</strong>
                <span>{t('handover.custody.whose', { party: movement.party, from: movement.fromParty })}</span>
                <span className="meta">
                  {t('handover.custody.since', { time: when(movement.occurredAt), reason: movement.reason })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
