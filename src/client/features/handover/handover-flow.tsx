import { useId, type ReactNode } from 'react';
import type { Site } from '../../../domain/entities';
import type { Handover, HandoverKind } from '../../../domain/handover-entities';
import { LockedError } from '../../db/errors';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { CancelHandover } from './cancel-handover';
import { minutesLate, opensAt } from '../../../domain/lateness';
import { StepCarryOver } from './step-carry-over';
import { StepCount } from './step-count';
import { StepGate } from './step-gate';
import { StepIncoming } from './step-incoming';
import { StepPreparation } from './step-preparation';
import { StepSignatures } from './step-signatures';
import { Stepper } from './stepper';
import { STEP_LABELS, type StepId } from './steps';
import { useHandoverFlow, type HandoverFlowState } from './use-handover-flow';

export interface HandoverFlowProps {
  handover: Handover;
  staffId: string;
  site: Site;
  nowMs: number;
  renderCount(args: { handoverId: string; staffId: string }): ReactNode;
}

const TITLES: Record<HandoverKind, MessageKey> = {
  handover: 'handover.title',
  opening: 'handover.open.flowTitle',
  closing: 'handover.close.flowTitle',
};

/** H1: when the outgoing person began preparing, against `outgoingLeadMinutes` before the end. */
function PreparationStart({ handover: h, site, nowMs }: { handover: Handover; site: Site; nowMs: number }) {
  const t = useT();
  if (h.scheduledAt === null || h.kind === 'opening') return null;
  const due = opensAt(h.scheduledAt, site.outgoingLeadMinutes);
  const when = (ms: number) => formatShort(ms, nowMs, site.timeZone);
  const late = minutesLate(due, h.openedAt);
  if (late < 0)
    return <p className="callout">{t('handover.startedEarly', { time: when(h.openedAt), opens: when(due) })}</p>;
  if (late === 0) return null;
  return (
    <p className="callout">{t('handover.startedLate', { time: when(h.openedAt), due: when(due), minutes: late })}</p>
  );
}

/** The stepper and the current step of a draft being prepared: a handover, an opening or a closing. */
export function HandoverFlow({ handover, staffId, site, nowMs, renderCount }: HandoverFlowProps) {
  const t = useT();
  const baseId = useId();
  const flow = useHandoverFlow(handover, staffId, nowMs);
  const tabId = (s: StepId) => `${baseId}-tab-${s}`;
  const panelId = `${baseId}-panel`;
  const next = flow.steps[flow.steps.indexOf(flow.step) + 1];
  const when = (ms: number) => formatShort(ms, nowMs, site.timeZone);

  return (
    <section className="card handover-card handover-flow" aria-labelledby={`${baseId}-title`}>
      <div className="card-top">
        <h2 id={`${baseId}-title`}>{t(TITLES[flow.kind])}</h2>
        <span className="meta">
          {handover.scheduledAt === null
            ? t('handover.scheduled.none')
            : t(flow.kind === 'opening' ? 'handover.scheduled.opening' : 'handover.scheduled', {
                time: when(handover.scheduledAt),
              })}
        </span>
      </div>
      <PreparationStart handover={handover} site={site} nowMs={nowMs} />
      <Stepper
        steps={flow.steps}
        step={flow.step}
        done={flow.done}
        onStep={flow.goTo}
        tabId={tabId}
        panelId={panelId}
      />
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(flow.step)} className="handover-panel">
        <h3>{t(STEP_LABELS[flow.step])}</h3>
        <CurrentStep flow={flow} site={site} renderCount={renderCount} />
        <FailureAlert
          error={flow.saveError}
          {...(flow.saveError instanceof LockedError ? { message: t('handover.error.locked') } : {})}
        />
        {next ? (
          <div className="form-actions">
            <Button variant={flow.done[flow.step] ? 'primary' : 'secondary'} large onClick={() => flow.goTo(next)}>
              {t('handover.nextStep', { step: t(STEP_LABELS[next]) })}
            </Button>
          </div>
        ) : null}
      </div>
      {flow.preparerId === staffId ? <CancelHandover flow={flow} /> : null}
    </section>
  );
}

function CurrentStep(props: { flow: HandoverFlowState; site: Site; renderCount: HandoverFlowProps['renderCount'] }) {
  const { flow, site } = props;
  switch (flow.step) {
    case 'prepare':
      return <StepPreparation flow={flow} timeZone={site.timeZone} />;
    case 'count':
      return <StepCount flow={flow} renderCount={props.renderCount} />;
    case 'carry':
      return <StepCarryOver flow={flow} timeZone={site.timeZone} />;
    case 'incoming':
      return <StepIncoming flow={flow} site={site} />;
    case 'gate':
      return <StepGate flow={flow} />;
    case 'sign':
      return <StepSignatures flow={flow} site={site} />;
  }
}
