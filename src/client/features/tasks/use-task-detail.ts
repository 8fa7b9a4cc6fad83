import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import { TaskNote } from '../../../domain/task-entities';
import type { TaskFieldErrors } from '../../../domain/task-rules';
import { fieldMax } from '../../../domain/text-limits';
import { getItem, getTask } from '../../db/queries/lookups';
import { acknowledgementsFor, taskNotes } from '../../db/queries/task-queries';
import { acknowledgeInstruction, addTaskNote, closeTask, setTaskImportant } from '../../db/repos/task-repo';
import { makeWriteContext, type WriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDraftForm } from '../../ui/use-draft-form';
import { useStaffNames } from '../../ui/use-staff';

/** The server's limit of a progress note (issue 7); the result's is TASK_LIMITS.result. */
export const NOTE_LIMIT = fieldMax(TaskNote, 'text');

type NoteErrors = { text?: 'required' | 'tooLong' };

/**
 * One task with its progress notes (append-only, oldest first) and read receipts (H7), and the
 * actions on it: add a note, flag it important (H4), close it with a result (H6) or withdraw an
 * instruction, acknowledge an instruction. Each action keeps what was typed when it fails, and a
 * half-written note or result is a draft kept for its person and task (issue 7).
 */
export function useTaskDetail(taskId: string, staffId: string, role: Role) {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const task = (await getTask(db, taskId)) ?? null;
    const notes = await taskNotes(db, taskId);
    const receipts = await acknowledgementsFor(db, taskId);
    const item = task?.itemId ? await getItem(db, task.itemId) : undefined;
    return { task, notes, receipts, item };
  }, [db, taskId]);
  // Inactive people too: an old note or receipt still names who wrote it.
  const names = useStaffNames();

  const noteForm = useDraftForm<{ text: string }, NoteErrors>({
    formId: `task-note:${taskId}`,
    staffId,
    blank: () => ({ text: '' }),
    isBlank: (d) => d.text.trim() === '',
  });
  const closeForm = useDraftForm<{ result: string }, TaskFieldErrors>({
    formId: `task-close:${taskId}`,
    staffId,
    blank: () => ({ result: '' }),
    isBlank: (d) => d.result.trim() === '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  /** Runs one write with the signed-in person's context; a thrown failure is kept for the screen. */
  const write = async (fn: (ctx: WriteContext) => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await fn(await makeWriteContext(db, staffId));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const addNote = () =>
    noteForm.save(async (d) => {
      const res = await addTaskNote(db, await makeWriteContext(db, staffId), { taskId, text: d.text.trim() });
      return res.ok ? null : res.errors;
    });

  const close = (status: 'done' | 'withdrawn') =>
    closeForm.save(async (d) => {
      const ctx = await makeWriteContext(db, staffId);
      const res = await closeTask(db, ctx, { taskId, status, result: d.result.trim() }, role);
      return res.ok ? null : res.errors;
    });

  const toggleImportant = (important: boolean) =>
    write(async (ctx) => {
      const res = await setTaskImportant(db, ctx, taskId, important);
      if (!res.ok) throw new Error(res.errors);
    });

  const acknowledge = () =>
    write(async (ctx) => {
      await acknowledgeInstruction(db, ctx, { taskId, handoverId: null });
    });

  return {
    task: data?.task,
    notes: data?.notes,
    receipts: data?.receipts,
    item: data?.item,
    nameOf: (id: string) => names?.get(id),
    note: noteForm.value.text,
    setNote: (text: string) => noteForm.change({ text }),
    noteErrors: noteForm.errors,
    noteForm: { attach: noteForm.attachForm, restored: noteForm.restored, discard: noteForm.discard },
    result: closeForm.value.result,
    // Any change of the result answers every refusal of the close (the kind one too).
    setResult: (result: string) => closeForm.change({ result }, ['kind']),
    closeErrors: closeForm.errors,
    closeForm: { attach: closeForm.attachForm, restored: closeForm.restored, discard: closeForm.discard },
    busy: busy || noteForm.saving || closeForm.saving,
    failure: failure ?? noteForm.failure ?? closeForm.failure,
    addNote,
    close,
    toggleImportant,
    acknowledge,
  };
}

export type TaskDetailState = ReturnType<typeof useTaskDetail>;
