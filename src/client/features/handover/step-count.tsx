import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * The face-to-face count (H8). The count screen is its own feature, injected by the app; this step
 * adds where the count stands, which the gate reads as "items counted". The incoming person counts
 * every item, so at a handover the count opens once they have joined, and every tap is theirs
 * (the opener's at an opening, the outgoing person's at a closing).
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
  if (flow.countId === null) {
    return (
      <div className="handover-step">
        <p className="callout">
          {t('handover.join.first')}{' '}
          <Button onClick={() => flow.goTo('incoming')}>
            {t('handover.goToStep', { step: t('handover.step.incoming') })}
          </Button>
        </p>
      </div>
    );
  }
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
      {flow.kind === 'opening' ? <p className="meta">{t('handover.open.countIntro')}</p> : null}
      <div className="handover-count">{renderCount({ handoverId: flow.handover.id, staffId: flow.countId })}</div>
    </div>
  );
}
