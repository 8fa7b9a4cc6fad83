import { useId } from 'react';
import type { Role, ShiftTemplate } from '../../../domain/entities';
import type { SwapRequest } from '../../../domain/rota-entities';
import type { MessageKey } from '../../i18n/en';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';
import { dayShiftLabel } from './rota-labels';
import { actionsFor, type SwapAction, type SwapListState } from './use-swap-list';

const ACTION_LABELS: Record<SwapAction, MessageKey> = {
  confirm: 'rota.confirm',
  approve: 'rota.approve',
  reject: 'rota.reject',
  withdraw: 'rota.withdraw',
};

export interface SwapListProps {
  list: SwapListState;
  staffId: string;
  role: Role;
  shifts: readonly ShiftTemplate[];
  timeZone: string;
  nameOf(staffId: string): string | undefined;
}

/**
 * Swap and cover requests with where each stands (S1). The text says plainly who must act next,
 * because the rota changes only after the manager's approval.
 */
export function SwapList({ list, staffId, role, shifts, timeZone, nameOf }: SwapListProps) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card rota-requests" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('rota.requests.title')}</h2>
      {list.swaps && list.swaps.length === 0 ? <p className="empty">{t('rota.requests.empty')}</p> : null}
      <FailureAlert error={list.failure} />
      <ul className="swap-list" aria-labelledby={titleId}>
        {list.swaps?.map((swap) => {
          const refusal = list.refusals[swap.id];
          return (
            <li key={swap.id} className={`swap swap-${swap.status}`}>
              <p className="swap-summary">{summary(t, swap, list, shifts, nameOf)}</p>
              <p className={`swap-status swap-status-${swap.status}`}>{t(`rota.status.${swap.status}`)}</p>
              <p className="meta">
                {t('rota.request.reason', { reason: swap.reason })}
                <br />
                {t('rota.request.requested', { time: formatDateTime(swap.requestedAt, timeZone) })}
                {swap.decidedBy && swap.decidedAt !== null && swap.decisionNote ? (
                  <>
                    <br />
                    {t('rota.request.decision', {
                      name: nameOf(swap.decidedBy) ?? t('rota.unknownPerson'),
                      time: formatDateTime(swap.decidedAt, timeZone),
                      note: swap.decisionNote,
                    })}
                  </>
                ) : null}
              </p>
              {refusal ? (
                <p className="field-error" role="alert">
                  {t(`rota.decision.${refusal}`)}
                </p>
              ) : null}
              <div className="form-actions">
                {actionsFor(swap, { id: staffId, role }).map((action) => (
                  <Button
                    key={action}
                    variant={action === 'confirm' || action === 'approve' ? 'primary' : 'danger'}
                    disabled={list.busyId === swap.id}
                    onClick={() => void list.decide(swap.id, action)}
                  >
                    {t(ACTION_LABELS[action])}
                  </Button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "Lee covers Chan: Mon 03-17, 09:00-18:00" or the two shifts of a swap. */
function summary(
  t: TFunction,
  swap: SwapRequest,
  list: SwapListState,
  shifts: readonly ShiftTemplate[],
  nameOf: (id: string) => string | undefined,
): string {
  const label = (id: string | null) => {
    const s = list.shiftOf(id);
    return s ? dayShiftLabel(t, shifts, s.day, s.shiftId) : t('rota.request.shiftUnknown');
  };
  const requester = nameOf(swap.requesterId) ?? t('rota.unknownPerson');
  const substitute = nameOf(swap.substituteId) ?? t('rota.unknownPerson');
  if (swap.kind === 'cover') return t('rota.request.cover', { requester, substitute, shift: label(swap.rotaShiftId) });
  return t('rota.request.swap', {
    requester,
    substitute,
    shift: label(swap.rotaShiftId),
    other: label(swap.otherShiftId),
  });
}
