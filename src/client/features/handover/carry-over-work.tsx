import { useId } from 'react';
import type { Task } from '../../../domain/task-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import type { CarryOverData } from './use-carry-over';
import { useCarryOverActions } from './use-carry-over';
import type { HandoverFlowState } from './use-handover-flow';

const taskKindKey = (task: Task): MessageKey => `handover.taskKind.${task.kind}`;

/** One task: kind, title, cause / what was done (H6), and the important flag. */
function TaskBody({ task }: { task: Task }) {
  const t = useT();
  return (
    <span className="handover-task">
      <span className="badge">{t(taskKindKey(task))}</span>
      {task.important ? <span className="badge badge-emergency">{t('handover.task.important')}</span> : null}
      <strong>{task.title}</strong>
      {task.cause ? <span className="meta">{task.cause}</span> : null}
      {task.process ? <span className="meta">{task.process}</span> : null}
    </span>
  );
}

/**
 * H4, H7: pending work (important first; a section chief or manager flags or unflags it) and
 * superiors' instructions, each acknowledged by the incoming person with a timed read receipt once
 * they have joined (none at a closing: nobody takes over).
 */
export function CarryOverWork({
  flow,
  data,
  timeZone,
}: {
  flow: HandoverFlowState;
  data: CarryOverData;
  timeZone: string;
}) {
  const t = useT();
  const tasksId = useId();
  const instructionsId = useId();
  const { register, incomingId } = data;
  const actions = useCarryOverActions(flow);
  const receipts = flow.kind !== 'closing';
  if (!register) return null;
  const work = register.tasks.filter((task) => task.kind !== 'instruction');
  const incomingName = incomingId === null ? undefined : data.nameOf(incomingId);

  return (
    <>
      <section aria-labelledby={tasksId} className="handover-section">
        <h4 id={tasksId}>{t('handover.carry.tasks')}</h4>
        {work.length === 0 ? <p className="empty">{t('handover.carry.noTasks')}</p> : null}
        <ul className="handover-list" aria-labelledby={tasksId}>
          {work.map((task) => (
            <li key={task.id} className={`handover-row${task.important ? ' handover-row-important' : ''}`}>
              <TaskBody task={task} />
              {/* H4: only a chief or manager may lift (or set) the blocker "important". */}
              {data.mayFlagImportant ? (
                <Button
                  aria-pressed={task.important}
                  aria-label={t('handover.task.importantNamed', { title: task.title })}
                  disabled={actions.important.busy}
                  onClick={() => void actions.important.run(task.id, !task.important)}
                >
                  {t('handover.task.important')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
        <FailureAlert error={actions.important.error} />
      </section>
      <section aria-labelledby={instructionsId} className="handover-section">
        <h4 id={instructionsId}>{t('handover.carry.instructions')}</h4>
        {register.instructions.length === 0 ? <p className="empty">{t('handover.carry.noInstructions')}</p> : null}
        {receipts && register.instructions.length > 0 && incomingId === null ? (
          <p className="callout">
            {t('handover.carry.joinFirst')}{' '}
            <Button variant="quiet" onClick={() => flow.goTo('incoming')}>
              {t('handover.step.incoming')}
            </Button>
          </p>
        ) : null}
        <ul className="handover-list" aria-labelledby={instructionsId}>
          {register.instructions.map(({ task, acknowledgedAt }) => (
            <li key={task.id} className="handover-row">
              <TaskBody task={task} />
              {acknowledgedAt !== null ? (
                <span className="form-ok">
                  {t('handover.ack.done', {
                    name: incomingName ?? '',
                    time: formatShort(acknowledgedAt, flow.nowMs, timeZone),
                  })}
                </span>
              ) : !receipts ? null : (
                <Button
                  variant="primary"
                  aria-label={t('handover.ack.named', { title: task.title })}
                  disabled={incomingId === null || actions.acknowledge.busy}
                  onClick={() => void actions.acknowledge.run(task.id)}
                >
                  {t('handover.ack.button')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <FailureAlert error={actions.acknowledge.error} />
      </section>
    </>
  );
}
