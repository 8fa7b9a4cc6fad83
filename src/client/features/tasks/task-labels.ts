import { TASK_KINDS, type TaskKind, type TaskStatus } from '../../../domain/task-entities';
import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';
import type { ChoiceOption } from '../../ui/choice-group';

export const taskKindKey = (k: TaskKind): MessageKey => `tasks.kind.${k}`;
export const taskStatusKey = (s: TaskStatus): MessageKey => `tasks.status.${s}`;

/**
 * The kinds a person may choose when raising a task. H7: an instruction comes from a superior, so
 * the kind is offered only to chiefs, managers and admins (the repository refuses it too).
 */
export function taskKindOptions(t: TFunction, superior: boolean): ChoiceOption<TaskKind>[] {
  return TASK_KINDS.filter((k) => superior || k !== 'instruction').map((k) => ({ value: k, label: t(taskKindKey(k)) }));
}

/** The label of each task field, also used inside "{field} is required". */
export const TASK_FIELD_LABELS = {
  kind: 'tasks.kind',
  title: 'tasks.field.title',
  cause: 'tasks.field.cause',
  process: 'tasks.field.process',
  result: 'tasks.field.result',
} as const satisfies Record<string, MessageKey>;

export type TaskField = keyof typeof TASK_FIELD_LABELS;

/** The message beside a field for a validation code (H6: cause and result are required). */
export function taskErrorText(t: TFunction, field: TaskField, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (code === 'superiorOnly') return t('tasks.error.superiorOnly');
  // Field says "at most N characters; now M" when it has the limit; this is the fallback.
  if (code === 'tooLong') return t('error.tooLong', { field: t(TASK_FIELD_LABELS[field]) });
  return t('error.required', { field: t(TASK_FIELD_LABELS[field]) });
}
