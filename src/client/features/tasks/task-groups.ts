import { TASK_KINDS, type Task, type TaskKind } from '../../../domain/task-entities';

/** A heading of the register: the important tasks, or one kind. */
export type TaskGroupKey = 'important' | TaskKind;

export interface TaskGroup {
  key: TaskGroupKey;
  tasks: Task[];
}

/** Instructions first among the kinds (H7: superiors' orders keep their authority). */
const KIND_ORDER: readonly TaskKind[] = ['instruction', ...TASK_KINDS.filter((k) => k !== 'instruction')];

/**
 * Groups tasks (already in display order) under headings. Open work puts every important task in
 * a group of its own at the top (H4: it blocks the handover, so it must be seen first); the rest,
 * and closed tasks, go under their kind. Empty groups are left out.
 */
export function groupTasks(tasks: readonly Task[], importantFirst: boolean): TaskGroup[] {
  const important = importantFirst ? tasks.filter((t) => t.important) : [];
  const rest = importantFirst ? tasks.filter((t) => !t.important) : [...tasks];
  const groups: TaskGroup[] = important.length > 0 ? [{ key: 'important', tasks: important }] : [];
  for (const kind of KIND_ORDER) {
    const ofKind = rest.filter((t) => t.kind === kind);
    if (ofKind.length > 0) groups.push({ key: kind, tasks: ofKind });
  }
  return groups;
}

/** Closed tasks, most recently closed first. */
export function newestClosedFirst(a: Task, b: Task): number {
  return (b.closedAt ?? b.createdAt) - (a.closedAt ?? a.createdAt) || b.id.localeCompare(a.id);
}
