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
 * H4, H7: pending work (important first; a tap flags or unflags it) and superiors' instructions,
 * each acknowledged by the incoming person with a timed read receipt.
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
  const actions = useCarryOverActions(flow, incomingId);
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
              <Button
                aria-pressed={task.important}
                aria-label={t('handover.task.importantNamed', { title: task.title })}
                disabled={actions.important.busy}
                onClick={() => void actions.important.run(task.id, !task.important)}
              >
                {t('handover.task.important')}
              </Button>
            </li>
          ))}
        </ul>
        <FailureAlert error={actions.important.error} />
      </section>
      <section aria-labelledby={instructionsId} className="handover-section">
        <h4 id={instructionsId}>{t('handover.carry.instructions')}</h4>
        {register.instructions.length === 0 ? <p className="empty">{t('handover.carry.noInstructions')}</p> : null}
        {register.instructions.length > 0 && incomingId === null ? (
          <p className="callout">
            {t('handover.carry.chooseIncomingFirst')}{' '}
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
              ) : (
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
