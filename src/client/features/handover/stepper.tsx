import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { STEP_LABELS, type StepId } from './steps';

export interface StepperProps {
  /** The steps of this kind of handover, in order. */
  steps: readonly StepId[];
  step: StepId;
  done: Record<StepId, boolean>;
  onStep(step: StepId): void;
  /** Ids for aria-controls/aria-labelledby between each tab and the one panel. */
  tabId(step: StepId): string;
  panelId: string;
}

/**
 * The steps (six for a handover, fewer to open or close the desk) as a tab list, each a large touch target with its number and a tick once done,
 * and the progress above it. Arrow keys move between tabs (WAI-ARIA tabs pattern).
 */
export function Stepper({ steps, step, done, onStep, tabId, panelId }: StepperProps) {
  const t = useT();
  const refs = useRef(new Map<StepId, HTMLButtonElement>());
  const doneCount = steps.filter((s) => done[s]).length;

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = steps.indexOf(step);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? steps[(i + 1) % steps.length]
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? steps[(i + steps.length - 1) % steps.length]
          : e.key === 'Home'
            ? steps[0]
            : e.key === 'End'
              ? steps[steps.length - 1]
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    onStep(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="handover-stepper">
      <div className="handover-progress">
        <span id={`${panelId}-progress`}>{t('handover.progress', { done: doneCount, total: steps.length })}</span>
        <progress max={steps.length} value={doneCount} aria-labelledby={`${panelId}-progress`} />
      </div>
      <div role="tablist" aria-label={t('handover.steps')} className="handover-tabs" onKeyDown={onKey}>
        {steps.map((s, i) => (
          <button
            key={s}
            ref={(el) => {
              if (el) refs.current.set(s, el);
              else refs.current.delete(s);
            }}
            type="button"
            role="tab"
            id={tabId(s)}
            aria-selected={s === step}
            aria-label={done[s] ? t('handover.step.done', { step: t(STEP_LABELS[s]) }) : undefined}
            aria-controls={panelId}
            tabIndex={s === step ? 0 : -1}
            className={`handover-tab${done[s] ? ' handover-tab-done' : ''}`}
            onClick={() => onStep(s)}
          >
            <span className="handover-tab-number" aria-hidden="true">
              {done[s] ? '✓' : i + 1}
            </span>
            <span className="handover-tab-label">{t(STEP_LABELS[s])}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
