import { undoRemainingMs } from '../../../domain/loan-rules';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { useClockOffset, useNow } from '../../ui/use-now';
import { errorText } from './register-labels';
import type { LastReturn, ReturnRefusal, ReturnTarget } from './use-return-flow';

/**
 * Asks before a return is recorded, naming the item and the borrower (issue 7 §8): one stray tap
 * on "Returned" no longer closes a loan.
 */
export function ReturnConfirmDialog({
  target,
  busy,
  onConfirm,
  onCancel,
}: {
  target: ReturnTarget;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useT();
  const { lend } = target.loan;
  return (
    <Dialog title={t('register.return.confirm.title')} onClose={onCancel}>
      <p>
        {t('register.return.confirm.body', {
          label: target.item?.label ?? '',
          code: target.item?.code ?? '',
          party: lend.party,
        })}
      </p>
      <div className="form-actions">
        <Button variant="primary" large disabled={busy} onClick={onConfirm}>
          {t('register.return.confirm.submit')}
        </Button>
        <Button large onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * The return just recorded, with "Undo" and the seconds left for one minute (issue 7 §8). The time
 * left is measured from the return's recording time on the server-corrected clock (T1), the same
 * times the server checks the undo against.
 */
export function UndoNotice({ last, busy, onUndo }: { last: LastReturn; busy: boolean; onUndo(): void }) {
  const t = useT();
  const offset = useClockOffset();
  const now = useNow(1_000);
  const left = offset === undefined ? 0 : undoRemainingMs(last.movement, now + offset);
  const params = { label: last.label, party: last.party };
  return (
    <div role="status" className="undo-notice">
      <span>{last.undone ? t('register.return.undone', params) : t('register.return.done', params)}</span>
      {!last.undone && left > 0 ? (
        <Button disabled={busy} onClick={onUndo}>
          {t('register.return.undo', { seconds: Math.ceil(left / 1_000) })}
        </Button>
      ) : null}
    </div>
  );
}

/** The message for a refused return or undo. */
export function returnRefusalText(t: TFunction, refusal: ReturnRefusal): string {
  if (refusal.kind === 'return') return errorText(t, t('register.loans.returned'), refusal.code) ?? '';
  return t(`register.return.error.${refusal.code}`);
}
