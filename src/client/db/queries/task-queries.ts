/** Read functions for the carry-over register (H4, H7), meant for `useLiveQuery(() => fn(db, ...))`. */
import { carriedTasks } from '../../../domain/task-rules';
import type { Acknowledgement, Task, TaskKind, TaskNote, TaskStatus } from '../../../domain/task-entities';
import type { HandoverDb } from '../schema';

/** Tasks matching every filter that is set, newest first. */
export async function listTasks(db: HandoverDb, filter?: { status?: TaskStatus; kind?: TaskKind }): Promise<Task[]> {
  const rows = filter?.status ? await db.task.where('status').equals(filter.status).toArray() : await db.task.toArray();
  return rows
    .filter((t) => !t.deleted && (filter?.kind === undefined || t.kind === filter.kind))
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

/** The open tasks carried to the next shift: important first, then instructions, then newest (H4, H7). */
export async function openTasksCarried(db: HandoverDb): Promise<Task[]> {
  return carriedTasks(await db.task.where('status').equals('open').toArray());
}

/** A task's progress notes, oldest first. */
export async function taskNotes(db: HandoverDb, taskId: string): Promise<TaskNote[]> {
  const rows = await db.taskNote.where('taskId').equals(taskId).toArray();
  return rows
    .filter((n) => !n.deleted)
    .sort((a, b) => a.recordedAt - b.recordedAt || a.updatedAt.localeCompare(b.updatedAt));
}

/** An instruction's read receipts, oldest first (H7). */
export async function acknowledgementsFor(db: HandoverDb, taskId: string): Promise<Acknowledgement[]> {
  const rows = await db.acknowledgement.where('taskId').equals(taskId).toArray();
  return rows.filter((a) => !a.deleted).sort((a, b) => a.recordedAt - b.recordedAt || a.id.localeCompare(b.id));
}

/** Whether `staffId` has acknowledged the instruction (H7). */
export async function hasAcknowledged(db: HandoverDb, taskId: string, staffId: string): Promise<boolean> {
  return (await acknowledgementsFor(db, taskId)).some((a) => a.staffId === staffId);
}
