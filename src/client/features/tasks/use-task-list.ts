import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Item } from '../../../domain/entities';
import type { TaskKind, TaskStatus } from '../../../domain/task-entities';
import { listStaff } from '../../db/queries';
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
  nameOf(staffId: string): string | undefined;
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
    // Inactive people and items too: an old task still names who raised it and what it concerns.
    const staff = await listStaff(db, { includeInactive: true });
    const items = await listItems(db, { includeInactive: true });
    return { tasks, staff, items };
  }, [db, kind, status]);

  return {
    kind,
    setKind,
    status,
    setStatus,
    groups: data ? groupTasks(data.tasks, status === 'open') : undefined,
    count: data?.tasks.length ?? 0,
    nameOf: (id) => data?.staff.find((s) => s.id === id)?.name,
    itemOf: (id) => data?.items.find((i) => i.id === id),
  };
}
