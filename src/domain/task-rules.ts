/**
 * The carry-over register's rules: pending work is stated with its cause and, once done, its
 * result (H6); instructions come from superiors only and stay until withdrawn (H7); open work is
 * carried from shift to shift, important work first (H4).
 */
import type { Role } from './entities';
import { Task } from './task-entities';
import { overLimit } from './text-limits';

/** Section chief, property office manager or administrator: may give and withdraw instructions (H7). */
export function isSuperior(role: Role): boolean {
  return role === 'chief' || role === 'manager' || role === 'admin';
}

/**
 * H4: only a section chief or property office manager marks pending work important or clears the
 * mark (issue 7): important work blocks the handover (H11(c)), so the person who would be blocked
 * cannot lift the block with one tap, and the desk cannot raise one the chief did not decide.
 */
export function canMarkImportant(role: Role): boolean {
  return role === 'chief' || role === 'manager';
}

/**
 * H4: whether this write sets or changes `important` in a way `role` may not: a new task marked
 * important, or a change of the mark on an existing task (`prev`), by someone other than a chief or
 * manager. A new task that is not important, or a write that leaves the mark as it was, is fine.
 */
export function importantChangeForbidden(
  prev: Pick<Task, 'important'> | null,
  next: Pick<Task, 'important'>,
  role: Role,
): boolean {
  const changes = prev === null ? next.important : prev.important !== next.important;
  return changes && !canMarkImportant(role);
}

/** The tablet's name for the same rule (task screens show the control only to these roles). */
export const mayFlagImportant = canMarkImportant;

export type TaskFieldErrors = Partial<
  Record<'title' | 'cause' | 'process' | 'result' | 'kind' | 'important', 'required' | 'superiorOnly' | 'tooLong'>
>;

/** Checks a task before it is saved; `{}` when it may be saved. */
export function validateTask(
  t: Pick<Task, 'kind' | 'title' | 'cause' | 'result' | 'status'> & Partial<Pick<Task, 'process'>>,
  actorRole: Role,
): TaskFieldErrors {
  const errors: TaskFieldErrors = {};
  if (t.title.trim() === '') errors.title = 'required';
  // H6: every matter handed over states its cause...
  if (t.cause.trim() === '') errors.cause = 'required';
  // ...and, once finished, its result.
  if (t.status === 'done' && t.result.trim() === '') errors.result = 'required';
  // H7: only superiors give instructions, so they keep their authority.
  if (t.kind === 'instruction' && !isSuperior(actorRole)) errors.kind = 'superiorOnly';
  // Every text within the schema's limit, so nothing the server would refuse is saved (issue 7).
  const { title, cause, process, result } = t;
  return { ...overLimit(Task, { title, cause, process, result }), ...errors };
}

/**
 * The open tasks carried over at a handover: important work first (H4: it blocks the handover),
 * then superiors' instructions (H7), then the newest.
 */
export function carriedTasks(tasks: Task[]): Task[] {
  return tasks
    .filter((t) => t.status === 'open' && !t.deleted)
    .sort(
      (a, b) =>
        Number(b.important) - Number(a.important) ||
        Number(b.kind === 'instruction') - Number(a.kind === 'instruction') ||
        b.createdAt - a.createdAt ||
        a.id.localeCompare(b.id),
    );
}
