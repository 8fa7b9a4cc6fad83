/**
 * The carry-over register (H4, H6, H7): pending work and superiors' instructions, carried from
 * shift to shift until done or withdrawn, with append-only progress notes and read receipts.
 */
import type { Role } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { TaskNote, type Acknowledgement, type Task, type TaskKind } from '../../../domain/task-entities';
import { isSuperior, validateTask, type TaskFieldErrors } from '../../../domain/task-rules';
import { overLimit } from '../../../domain/text-limits';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { isEmpty, plain } from './repo-helpers';
import type { WriteContext } from './write-context';

async function getTask(db: HandoverDb, taskId: string) {
  const task = await db.task.get(taskId);
  if (!task || task.deleted) throw new RowNotFoundError('task', taskId);
  return task;
}

/**
 * Adds a task raised by the signed-in person. H6: it states its cause; H7: only superiors give
 * instructions (`kind: 'superiorOnly'`). Nothing is written on errors.
 */
export async function createTask(
  db: HandoverDb,
  ctx: WriteContext,
  input: { kind: TaskKind; title: string; cause: string; process: string; important: boolean; dutyId: string | null },
  actorRole: Role,
): Promise<Result<Task, TaskFieldErrors>> {
  const fields: Omit<Task, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    kind: input.kind,
    title: input.title.trim(),
    cause: input.cause.trim(),
    process: input.process.trim(),
    result: '',
    important: input.important,
    status: 'open',
    createdBy: ctx.actorStaffId,
    createdAt: ctx.now(),
    dutyId: input.dutyId,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
  };
  const errors = validateTask(fields, actorRole);
  if (!isEmpty(errors)) return fail(errors);
  return ok(await runWrite(db, [db.task], () => insertRow(db, ctx, 'task', 'put', fields)));
}

/**
 * Appends a progress note to a task (append-only, so two people's notes never conflict).
 * @throws RowNotFoundError when the task is not on this tablet.
 */
export async function addTaskNote(
  db: HandoverDb,
  ctx: WriteContext,
  input: { taskId: string; text: string },
): Promise<Result<TaskNote, { text?: 'required' | 'tooLong' }>> {
  const text = input.text.trim();
  if (text === '') return fail({ text: 'required' });
  const tooLong = overLimit(TaskNote, { text });
  if (tooLong.text) return fail(tooLong);
  return runWrite(db, [db.task, db.taskNote], async () => {
    const task = await getTask(db, input.taskId);
    return ok(
      await insertRow(db, ctx, 'taskNote', 'append', {
        id: newId(),
        siteId: ctx.siteId,
        taskId: task.id,
        staffId: ctx.actorStaffId,
        text,
        recordedAt: ctx.now(),
        deviceTime: ctx.deviceNow(),
      }),
    );
  });
}

/**
 * Ends a task: `done` with its result (H6), or `withdrawn`, which only a superior may do and only
 * to an instruction (H7: it stays until withdrawn). A desk person cannot close an instruction
 * (`kind: 'superiorOnly'`); other work cannot be withdrawn, it ends done with a result
 * (`result: 'required'`). Closing an already closed task changes nothing and returns it.
 * @throws RowNotFoundError when the task is not on this tablet.
 */
export async function closeTask(
  db: HandoverDb,
  ctx: WriteContext,
  input: { taskId: string; status: 'done' | 'withdrawn'; result: string },
  actorRole: Role,
): Promise<Result<Task, TaskFieldErrors>> {
  const result = input.result.trim();
  return runWrite(db, [db.task], async () => {
    const task = await getTask(db, input.taskId);
    if (task.status !== 'open') return ok(plain(task));
    const errors = validateTask({ ...task, status: input.status, result }, actorRole);
    if (input.status === 'withdrawn') {
      if (!isSuperior(actorRole)) errors.kind = 'superiorOnly';
      else if (task.kind !== 'instruction') errors.result = 'required';
    }
    if (!isEmpty(errors)) return fail(errors);
    await patchRow(db, ctx, 'task', task.id, {
      status: input.status,
      result,
      closedBy: ctx.actorStaffId,
      closedAt: ctx.now(),
    });
    return ok(plain(await getTask(db, task.id)));
  });
}

/**
 * Flags or unflags a task as important (H4: important unfinished work blocks the handover).
 * @throws RowNotFoundError when the task is not on this tablet.
 */
export async function setTaskImportant(
  db: HandoverDb,
  ctx: WriteContext,
  taskId: string,
  important: boolean,
): Promise<void> {
  await runWrite(db, [db.task], () => patchRow(db, ctx, 'task', taskId, { important }));
}

/**
 * H7: the signed-in person's read receipt of an instruction, with its time. Idempotent per
 * (task, person): a second call returns the first receipt and writes nothing.
 * @throws RowNotFoundError when the task is not on this tablet.
 */
export async function acknowledgeInstruction(
  db: HandoverDb,
  ctx: WriteContext,
  input: { taskId: string; handoverId: string | null },
): Promise<Acknowledgement> {
  return runWrite(db, [db.task, db.acknowledgement], async () => {
    const task = await getTask(db, input.taskId);
    const mine = await db.acknowledgement.where('taskId').equals(task.id).toArray();
    const existing = mine
      .filter((a) => !a.deleted && a.staffId === ctx.actorStaffId)
      .sort((a, b) => a.recordedAt - b.recordedAt)
      .at(0);
    if (existing) return plain(existing);
    return insertRow(db, ctx, 'acknowledgement', 'append', {
      id: newId(),
      siteId: ctx.siteId,
      taskId: task.id,
      staffId: ctx.actorStaffId,
      handoverId: input.handoverId,
      recordedAt: ctx.now(),
      deviceTime: ctx.deviceNow(),
    });
  });
}
