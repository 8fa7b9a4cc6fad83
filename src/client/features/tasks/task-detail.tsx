import type { Role } from '../../../domain/entities';
import { isSuperior, mayFlagImportant } from '../../../domain/task-rules';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';
import { TaskCloseForm } from './task-close-form';
import { taskKindKey, taskStatusKey } from './task-labels';
import { TaskNotes } from './task-notes';
import { TaskReceipts } from './task-receipts';
import { useTaskDetail } from './use-task-detail';

const SHOWN_FIELDS = [
  ['cause', 'tasks.field.cause'],
  ['process', 'tasks.field.process'],
  ['result', 'tasks.field.result'],
] as const;

export interface TaskDetailProps {
  taskId: string;
  staffId: string;
  role: Role;
  timeZone: string;
  onClose(): void;
}

/**
 * A task as raised (H6: cause, what was done, result), who raised and closed it, its progress
 * notes, its read receipts when it is an instruction (H7), and the actions allowed on it.
 */
export function TaskDetail({ taskId, staffId, role, timeZone, onClose }: TaskDetailProps) {
  const t = useT();
  const d = useTaskDetail(taskId, staffId, role);
  const task = d.task;
  const who = (id: string) => d.nameOf(id) ?? t('tasks.unknownPerson');

  if (task === undefined) return null;
  if (task === null) {
    return (
      <Dialog title={t('tasks.notFound')} onClose={onClose}>
        <p>{t('tasks.notFound')}</p>
      </Dialog>
    );
  }
  const open = task.status === 'open';
  const instruction = task.kind === 'instruction';
  const superior = isSuperior(role);

  return (
    <Dialog title={task.title} onClose={onClose} wide>
      <p className="badges">
        <span className="badge">{t(taskKindKey(task.kind))}</span>
        <span className={`badge badge-task-${task.status}`}>{t(taskStatusKey(task.status))}</span>
        {task.important ? <span className="badge badge-important">{t('tasks.important')}</span> : null}
      </p>
      {task.itemId ? (
        <p className="record-meta">
          {d.item ? t('tasks.item', { label: d.item.label, code: d.item.code }) : t('tasks.item.unknown')}
        </p>
      ) : null}
      <dl className="entry-fields">
        {SHOWN_FIELDS.map(([field, label]) => (
          <div key={field}>
            <dt>{t(label)}</dt>
            <dd>{task[field] || t('common.none')}</dd>
          </div>
        ))}
      </dl>
      <p className="meta">
        {t('tasks.createdBy', { name: who(task.createdBy), time: formatDateTime(task.createdAt, timeZone) })}
        {task.closedBy && task.closedAt !== null ? (
          <>
            <br />
            {t('tasks.closedBy', { name: who(task.closedBy), time: formatDateTime(task.closedAt, timeZone) })}
          </>
        ) : null}
      </p>
      {/* H4: only a chief or manager sets or clears "important" (it blocks the handover). */}
      {open && mayFlagImportant(role) ? (
        <Button
          className="task-important-toggle"
          aria-pressed={task.important}
          disabled={d.busy}
          onClick={() => void d.toggleImportant(!task.important)}
        >
          {t('tasks.markImportant')}
        </Button>
      ) : null}
      {instruction ? (
        <TaskReceipts d={d} staffId={staffId} timeZone={timeZone} canAcknowledge={open && task.createdBy !== staffId} />
      ) : null}
      <TaskNotes d={d} timeZone={timeZone} canAdd={open} />
      <FailureAlert error={d.failure} />
      {/* H7: an instruction is ended by a superior only; a desk person acknowledges it instead. */}
      {open && (!instruction || superior) ? <TaskCloseForm d={d} canWithdraw={instruction && superior} /> : null}
    </Dialog>
  );
}
