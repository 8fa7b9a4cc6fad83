import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * Step 2 (H8): the face-to-face count. The count screen is its own feature, injected by the app;
 * this step adds where the count stands, which the gate reads as "items counted".
 */
export function StepCount({
  flow,
  renderCount,
}: {
  flow: HandoverFlowState;
  renderCount(args: { handoverId: string; staffId: string }): ReactNode;
}) {
  const t = useT();
  const progress = flow.count?.progress;
  return (
    <div className="handover-step">
      {progress ? (
        <p role="status" className={progress.complete ? 'form-ok' : 'meta'}>
          {progress.complete
            ? t('handover.count.complete', { total: progress.total, discrepancies: progress.discrepancies })
            : t('handover.count.progress', {
                done: progress.done,
                total: progress.total,
                discrepancies: progress.discrepancies,
              })}
        </p>
      ) : null}
      <div className="handover-count">{renderCount({ handoverId: flow.handover.id, staffId: flow.staffId })}</div>
    </div>
  );
}
