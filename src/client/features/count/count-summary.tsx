import { COUNT_TARGET_MS } from '../../../domain/count-rules';
import type { CountView } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { useCorrectedNow } from '../../ui/use-now';
import { formatClock } from './count-labels';

/** When the count ended: the newest tap once every item is done, else null (still running). */
function finishedAt(view: CountView): number | null {
  if (!view.progress.complete) return null;
  let last: number | null = null;
  for (const g of view.groups) for (const v of g.items) if (v.line) last = Math.max(last ?? 0, v.line.recordedAt);
  return last;
}

/**
 * The count's progress bar (done of total, with discrepancies) and its timer against the 5-minute
 * target (H8, C.2.1(1)). The timer runs from the first tap, in server-corrected time (T1), and says
 * so in words when the target is passed. `nowMs` is the screen's server-corrected now; while the
 * timer runs the summary refreshes it every second itself, so only the summary re-renders.
 */
export function CountSummary({ view, nowMs }: { view: CountView; nowMs: number }) {
  const t = useT();
  const { done, total, discrepancies, complete } = view.progress;
  const end = finishedAt(view);
  // Ticks every second only while the timer runs.
  const now = useCorrectedNow(view.startedAt !== null && end === null ? 1_000 : 60_000) ?? nowMs;
  const elapsed = view.startedAt === null ? 0 : (end ?? now) - view.startedAt;
  const over = elapsed > COUNT_TARGET_MS;
  const target = formatClock(COUNT_TARGET_MS);
  const valueText = t('count.progress.value', { done, total });

  return (
    <div className="count-summary">
      <div className="count-progress">
        <div
          className={`count-bar${complete ? ' is-complete' : ''}`}
          role="progressbar"
          aria-label={t('count.progress')}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          aria-valuetext={valueText}
        >
          <span className="count-bar-fill" style={{ width: total > 0 ? `${(done / total) * 100}%` : '0%' }} />
        </div>
        <p className="count-progress-text">
          <strong>{valueText}</strong>
          {discrepancies > 0 ? (
            <span className="badge count-badge-discrepancy">
              {discrepancies === 1
                ? t('count.discrepancies.one')
                : t('count.discrepancies.other', { count: discrepancies })}
            </span>
          ) : null}
          {complete ? <span className="count-complete">{t('count.complete')}</span> : null}
        </p>
      </div>
      <p className={`count-timer${over ? ' is-over' : ''}`}>
        {view.startedAt === null ? (
          t('count.timer.idle', { target })
        ) : (
          <>
            <span className="count-timer-clock">{t('count.timer', { elapsed: formatClock(elapsed), target })}</span>
            {over ? <strong className="count-timer-over">{t('count.timer.over', { target })}</strong> : null}
          </>
        )}
      </p>
    </div>
  );
}
