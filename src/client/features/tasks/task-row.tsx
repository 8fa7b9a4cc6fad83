import type { Item } from '../../../domain/entities';
import type { Task } from '../../../domain/task-entities';
import { useT } from '../../i18n/use-t';
import { formatShort } from '../../ui/time';
import { taskKindKey, taskStatusKey } from './task-labels';

export interface TaskRowProps {
  task: Task;
  /** The item a count follow-up concerns (H8), when the task has one. */
  item: Item | undefined;
  nowMs: number;
  timeZone: string;
  onOpen(): void;
}

/** One task as a single large button that opens its detail; important ones are marked (H4). */
export function TaskRow({ task, item, nowMs, timeZone, onOpen }: TaskRowProps) {
  const t = useT();
  return (
    <button
      type="button"
      className={`record-row task-kind-${task.kind}${task.important ? ' task-important' : ''}`}
      onClick={onOpen}
    >
      <span className="record-time">{formatShort(task.createdAt, nowMs, timeZone)}</span>
      <span className="record-kind">{t(taskKindKey(task.kind))}</span>
      {task.important ? <span className="badge badge-important">{t('tasks.important')}</span> : null}
      {task.status === 'open' ? null : (
        <span className={`badge badge-task-${task.status}`}>{t(taskStatusKey(task.status))}</span>
      )}
      <span className="record-line">{task.title}</span>
      {task.itemId ? (
        <span className="record-meta">
          {item ? t('tasks.item', { label: item.label, code: item.code }) : t('tasks.item.unknown')}
        </span>
      ) : null}
    </button>
  );
}
