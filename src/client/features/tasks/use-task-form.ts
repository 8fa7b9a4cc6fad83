import type { Role } from '../../../domain/entities';
import { Task, type TaskKind } from '../../../domain/task-entities';
import type { TaskFieldErrors } from '../../../domain/task-rules';
import { fieldMaxes } from '../../../domain/text-limits';
import { openDutyFor } from '../../db/queries';
import { createTask } from '../../db/repos/task-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDraftForm } from '../../ui/use-draft-form';

export interface TaskDraft {
  kind: TaskKind;
  title: string;
  cause: string;
  process: string;
  important: boolean;
}

type TextField = 'title' | 'cause' | 'process';

/** The server's limit of each text, read from the shared schema (issue 7). */
export const TASK_LIMITS = fieldMaxes(Task, ['title', 'cause', 'process', 'result']);

const blank = (): TaskDraft => ({ kind: 'unfinished', title: '', cause: '', process: '', important: false });

/**
 * The "New task" form. The rules (H6: a cause is required; H7: instructions only from superiors)
 * live in the domain's validateTask, run by the repository; its errors come back per field and are
 * shown beside each one, nothing typed is cleared, and nothing is written unless valid. A
 * half-written task is a draft kept for its person (issue 7).
 */
export function useTaskForm(staffId: string, role: Role, onSaved: () => void) {
  const db = useDb();
  const form = useDraftForm<TaskDraft, TaskFieldErrors>({
    formId: 'tasks-new',
    staffId,
    blank,
    isBlank: (d) => d.title.trim() === '' && d.cause.trim() === '' && d.process.trim() === '',
  });

  const setText = (field: TextField, value: string) => form.change({ [field]: value });
  const setKind = (kind: TaskKind) => form.change({ kind });
  const setImportant = (important: boolean) => form.change({ important });

  const submit = async () => {
    const saved = await form.save(async (draft) => {
      const ctx = await makeWriteContext(db, staffId);
      // A task raised on duty belongs to that duty, so the handover of that duty carries it.
      const duty = await openDutyFor(db, staffId);
      const res = await createTask(
        db,
        ctx,
        {
          kind: draft.kind,
          title: draft.title.trim(),
          cause: draft.cause.trim(),
          process: draft.process.trim(),
          important: draft.important,
          dutyId: duty?.id ?? null,
        },
        role,
      );
      return res.ok ? null : res.errors;
    });
    if (saved) onSaved();
  };

  return {
    draft: form.value,
    errors: form.errors,
    saving: form.saving,
    failure: form.failure,
    restored: form.restored,
    discard: form.discard,
    attachForm: form.attachForm,
    setText,
    setKind,
    setImportant,
    submit,
  };
}
