import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import type { TaskFieldErrors } from '../../../domain/task-rules';
import { getItem, getTask } from '../../db/queries/lookups';
import { acknowledgementsFor, taskNotes } from '../../db/queries/task-queries';
import { acknowledgeInstruction, addTaskNote, closeTask, setTaskImportant } from '../../db/repos/task-repo';
import { makeWriteContext, type WriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useStaffNames } from '../../ui/use-staff';

/**
 * One task with its progress notes (append-only, oldest first) and read receipts (H7), and the
 * actions on it: add a note, flag it important (H4), close it with a result (H6) or withdraw an
 * instruction, acknowledge an instruction. Each action keeps what was typed when it fails.
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

  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [result, setResult] = useState('');
  const [closeErrors, setCloseErrors] = useState<TaskFieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useDirtyForm('tasks-detail', note.trim() !== '' || result.trim() !== '');

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
    write(async (ctx) => {
      const res = await addTaskNote(db, ctx, { taskId, text: note.trim() });
      if (!res.ok) {
        setNoteError(true);
        return;
      }
      setNote('');
      setNoteError(false);
    });

  const close = (status: 'done' | 'withdrawn') =>
    write(async (ctx) => {
      const res = await closeTask(db, ctx, { taskId, status, result: result.trim() }, role);
      if (!res.ok) {
        setCloseErrors(res.errors);
        return;
      }
      setResult('');
      setCloseErrors({});
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
    note,
    setNote: (v: string) => {
      setNote(v);
      setNoteError(false);
    },
    noteError,
    result,
    setResult: (v: string) => {
      setResult(v);
      setCloseErrors({});
    },
    closeErrors,
    busy,
    failure,
    addNote,
    close,
    toggleImportant,
    acknowledge,
  };
}

export type TaskDetailState = ReturnType<typeof useTaskDetail>;
