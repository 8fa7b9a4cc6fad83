import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import type { TaskFieldErrors } from '../../../domain/task-rules';
import type { TaskKind } from '../../../domain/task-entities';
import { openDutyFor } from '../../db/queries';
import { createTask } from '../../db/repos/task-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';

export interface TaskDraft {
  kind: TaskKind;
  title: string;
  cause: string;
  process: string;
  important: boolean;
}

type TextField = 'title' | 'cause' | 'process';

const BLANK: TaskDraft = { kind: 'unfinished', title: '', cause: '', process: '', important: false };

/**
 * The "New task" form. The rules (H6: a cause is required; H7: instructions only from superiors)
 * live in the domain's validateTask, run by the repository; its errors come back per field and are
 * shown beside each one, nothing typed is cleared, and nothing is written unless valid.
 */
export function useTaskForm(staffId: string, role: Role, onSaved: () => void) {
  const db = useDb();
  const [draft, setDraft] = useState<TaskDraft>(BLANK);
  const [errors, setErrors] = useState<TaskFieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const dirty = draft.title.trim() !== '' || draft.cause.trim() !== '' || draft.process.trim() !== '';
  useDirtyForm('tasks-new', dirty);

  const clearError = (field: keyof TaskFieldErrors) =>
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _removed, ...rest } = e;
      return rest;
    });

  const setText = (field: TextField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field !== 'process') clearError(field);
  };

  const setKind = (kind: TaskKind) => {
    setDraft((d) => ({ ...d, kind }));
    clearError('kind');
  };

  const setImportant = (important: boolean) => setDraft((d) => ({ ...d, important }));

  const submit = async () => {
    setFailure(null);
    setSaving(true);
    try {
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
      if (!res.ok) {
        setErrors(res.errors);
        return;
      }
      setDraft(BLANK);
      setErrors({});
      onSaved();
    } catch (error) {
      // e.g. storage full: keep the draft so nothing typed is lost, and say why.
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, saving, failure, setText, setKind, setImportant, submit };
}
