import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Item } from '../../../domain/entities';
import type { TaskKind, TaskStatus } from '../../../domain/task-entities';
import { listItems } from '../../db/queries/register-queries';
import { listTasks, openTasksCarried } from '../../db/queries/task-queries';
import { useDb } from '../../ui/db-context';
import { groupTasks, newestClosedFirst, type TaskGroup } from './task-groups';

export type KindFilter = TaskKind | 'all';

export interface TaskListState {
  kind: KindFilter;
  setKind(kind: KindFilter): void;
  status: TaskStatus;
  setStatus(status: TaskStatus): void;
  /** Undefined while loading. */
  groups: TaskGroup[] | undefined;
  count: number;
  itemOf(itemId: string): Item | undefined;
}

/**
 * The carry-over register (H4, H5, H7, H9), live: open tasks in carried order (important first,
 * then instructions, then newest), or closed ones newest first, narrowed by kind.
 */
export function useTaskList(): TaskListState {
  const db = useDb();
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<TaskStatus>('open');

  const data = useLiveQuery(async () => {
    const all =
      status === 'open' ? await openTasksCarried(db) : (await listTasks(db, { status })).sort(newestClosedFirst);
    const tasks = kind === 'all' ? all : all.filter((t) => t.kind === kind);
    // Inactive items too: an old task still names what it concerns.
    const items = await listItems(db, { includeInactive: true });
    return { tasks, items };
  }, [db, kind, status]);

  return {
    kind,
    setKind,
    status,
    setStatus,
    groups: data ? groupTasks(data.tasks, status === 'open') : undefined,
    count: data?.tasks.length ?? 0,
    itemOf: (id) => data?.items.find((i) => i.id === id),
  };
}
