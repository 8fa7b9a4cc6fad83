/**
 * The carry-over register's rules: pending work is stated with its cause and, once done, its
 * result (H6); instructions come from superiors only and stay until withdrawn (H7); open work is
 * carried from shift to shift, important work first (H4).
 */
import type { Role } from './entities';
import type { Task } from './task-entities';

/** Section chief, property office manager or administrator: may give and withdraw instructions (H7). */
export function isSuperior(role: Role): boolean {
  return role === 'chief' || role === 'manager' || role === 'admin';
}

/**
 * H4: only the section chief or the property office manager sets or clears "important" on pending
 * work, since important unfinished work blocks the handover: a desk person cannot lift a blocker.
 */
export function mayFlagImportant(role: Role): boolean {
  return role === 'chief' || role === 'manager';
}

export type TaskFieldErrors = Partial<
  Record<'title' | 'cause' | 'result' | 'kind' | 'important', 'required' | 'superiorOnly'>
>;

/** Checks a task before it is saved; `{}` when it may be saved. */
export function validateTask(
  t: Pick<Task, 'kind' | 'title' | 'cause' | 'result' | 'status'>,
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
  return errors;
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
