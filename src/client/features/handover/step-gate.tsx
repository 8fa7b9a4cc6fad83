import { useId, useState } from 'react';
import type { Role } from '../../../domain/entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatShort } from '../../ui/time';
import { BlockerList } from './blocker-list';
import { OverrideForm } from './override-form';
import { useCarryOver } from './use-carry-over';
import type { HandoverFlowState } from './use-handover-flow';

const roleKey = (role: Role): MessageKey => `role.${role}`;

/**
 * Step 5 (H11): the gate. It lists exactly what forbids the handover, each with its link; when
 * something does, a section chief or manager may override it (their PIN and a written reason).
 */
export function StepGate({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const listId = useId();
  const data = useCarryOver(flow);
  const [overriding, setOverriding] = useState(false);
  if (!flow.gate) return null;
  const { blockers } = flow.gate;
  const { override, overrideValid } = flow;

  if (blockers.length === 0) {
    return (
      <div className="handover-step">
        <p role="status" className="form-ok handover-gate-open">
          {t('handover.gate.clear')}
        </p>
      </div>
    );
  }

  return (
    <div className="handover-step">
      <p id={listId} role="status" className="form-error handover-gate-blocked">
        {overrideValid ? t('handover.gate.blockedOverridden') : t('handover.gate.blocked')}
      </p>
      <BlockerList blockers={blockers} data={data} onStep={flow.goTo} labelId={listId} />
      {override && overrideValid ? (
        <div className="callout handover-override-done">
          <p>
            {t('handover.override.done', {
              name: data.nameOf(override.staffId) ?? t('entry.unknownPerson'),
              role: t(roleKey(override.role)),
              time: formatShort(override.at, flow.nowMs, timeZone),
            })}
          </p>
          <p className="handover-override-reason">{override.reason}</p>
          <Button onClick={() => flow.setOverride(null)}>{t('handover.override.withdraw')}</Button>
        </div>
      ) : null}
      {override && !overrideValid ? <p className="callout">{t('handover.override.stale')}</p> : null}
      {!overrideValid && !overriding ? (
        <div className="form-actions">
          <Button onClick={() => setOverriding(true)}>{t('handover.override.open')}</Button>
        </div>
      ) : null}
      {!overrideValid && overriding ? <OverrideForm flow={flow} timeZone={timeZone} /> : null}
    </div>
  );
}
