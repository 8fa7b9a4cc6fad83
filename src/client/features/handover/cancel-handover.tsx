import { useCallback, useState } from 'react';
import type { HandoverKind } from '../../../domain/handover-entities';
import { cancelHandover } from '../../db/repos/handover-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { useAction } from '../../ui/use-action';
import type { HandoverFlowState } from './use-handover-flow';

const LABELS: Record<HandoverKind, MessageKey> = {
  handover: 'handover.cancel.handover',
  opening: 'handover.cancel.opening',
  closing: 'handover.cancel.closing',
};

/**
 * "Cancel this handover": the outgoing person (or the opener) gives up a draft started by mistake,
 * or of the wrong kind (a closing when a shift turns out to follow: the gate says so). The duty goes
 * on and nothing ends; what was answered stays on record in the cancelled draft.
 */
export function CancelHandover({ flow }: { flow: HandoverFlowState }) {
  const t = useT();
  const db = useDb();
  const [asking, setAsking] = useState(false);
  const handoverId = flow.handover.id;
  const preparerId = flow.preparerId;
  const cancel = useAction(
    useCallback(async () => {
      const res = await cancelHandover(db, await makeWriteContext(db, preparerId), handoverId);
      if (!res.ok) throw new Error(res.errors);
    }, [db, preparerId, handoverId]),
  );

  return (
    <div className="form-actions handover-cancel">
      <Button variant="quiet" onClick={() => setAsking(true)}>
        {t(LABELS[flow.kind])}
      </Button>
      {asking ? (
        <Dialog title={t(LABELS[flow.kind])} onClose={() => setAsking(false)}>
          <p>{t(flow.kind === 'opening' ? 'handover.cancel.confirmOpening' : 'handover.cancel.confirm')}</p>
          <FailureAlert error={cancel.error} />
          <div className="form-actions">
            <Button onClick={() => setAsking(false)}>{t('handover.cancel.keep')}</Button>
            <Button variant="danger" large disabled={cancel.busy} onClick={() => void cancel.run()}>
              {t('handover.cancel.confirmButton')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
