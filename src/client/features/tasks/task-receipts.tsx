import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import type { TaskDetailState } from './use-task-detail';

/**
 * H7: who has read an instruction and when, and the signed-in person's "Acknowledge". The one who
 * gave the instruction is not asked to acknowledge it; a closed one takes no new receipts.
 */
export function TaskReceipts(props: {
  d: TaskDetailState;
  staffId: string;
  timeZone: string;
  canAcknowledge: boolean;
}) {
  const { d, staffId, timeZone, canAcknowledge } = props;
  const t = useT();
  const titleId = useId();
  const mine = d.receipts?.find((r) => r.staffId === staffId);
  return (
    <section className="task-receipts" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('tasks.receipts.title')}</h3>
      {d.receipts && d.receipts.length === 0 ? <p className="empty">{t('tasks.receipts.empty')}</p> : null}
      <ul className="receipt-list" aria-labelledby={titleId}>
        {d.receipts?.map((r) => (
          <li key={r.id}>
            {t('tasks.receipt', {
              name: d.nameOf(r.staffId) ?? t('tasks.unknownPerson'),
              time: formatDateTime(r.recordedAt, timeZone),
            })}
          </li>
        ))}
      </ul>
      {mine ? (
        <p className="form-ok" role="status">
          {t('tasks.acknowledged', { time: formatDateTime(mine.recordedAt, timeZone) })}
        </p>
      ) : canAcknowledge ? (
        <Button variant="primary" large disabled={d.busy} onClick={() => void d.acknowledge()}>
          {t('tasks.acknowledge')}
        </Button>
      ) : null}
    </section>
  );
}
