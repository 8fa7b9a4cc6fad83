/**
 * The carry-over register (H4, H6, H7): pending work and superiors' instructions, carried from
 * shift to shift until done or withdrawn, with append-only progress notes and read receipts.
 */
import type { Role } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { TaskNote, type Acknowledgement, type Task, type TaskKind } from '../../../domain/task-entities';
import { isSuperior, mayFlagImportant, validateTask, type TaskFieldErrors } from '../../../domain/task-rules';
import { overLimit } from '../../../domain/text-limits';
import { HandoverActorError, RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { incomingActor } from './handover-actors';
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
  // H4: only a chief or manager flags work important (it blocks the handover).
  if (input.important && !mayFlagImportant(actorRole)) errors.important = 'superiorOnly';
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
 * Flags or unflags a task as important (H4: important unfinished work blocks the handover). Only a
 * section chief or the property office manager may (`superiorOnly` otherwise, nothing written):
 * the actor's role is read from the staff register, not taken from the caller.
 * @throws RowNotFoundError when the task is not on this tablet.
 */
export async function setTaskImportant(
  db: HandoverDb,
  ctx: WriteContext,
  taskId: string,
  important: boolean,
): Promise<Result<void, 'superiorOnly'>> {
  return runWrite(db, [db.task, db.staff], async () => {
    const actor = await db.staff.get(ctx.actorStaffId);
    if (!actor || actor.deleted || !actor.active || !mayFlagImportant(actor.role)) return fail('superiorOnly' as const);
    await getTask(db, taskId);
    await patchRow(db, ctx, 'task', taskId, { important });
    return ok(undefined);
  });
}

/**
 * H7: the signed-in person's read receipt of an instruction, with its time. Idempotent per
 * (task, person): a second call returns the first receipt and writes nothing. At a handover
 * (`handoverId`), only the person taking over gives it, once the incoming person has joined.
 * @throws RowNotFoundError when the task (or the handover) is not on this tablet.
 * @throws HandoverActorError at a handover nobody joined yet, or by anyone but the person taking over.
 */
export async function acknowledgeInstruction(
  db: HandoverDb,
  ctx: WriteContext,
  input: { taskId: string; handoverId: string | null },
): Promise<Acknowledgement> {
  return runWrite(db, [db.task, db.acknowledgement, db.handover], async () => {
    const task = await getTask(db, input.taskId);
    if (input.handoverId !== null) {
      const handover = await db.handover.get(input.handoverId);
      if (!handover || handover.deleted) throw new RowNotFoundError('handover', input.handoverId);
      if (incomingActor(handover) !== ctx.actorStaffId) throw new HandoverActorError(handover.id, 'acknowledgement');
    }
    const mine = await db.acknowledgement.where('taskId').equals(task.id).toArray();
    const existing = mine
      .filter((a) => !a.deleted && a.staffId === ctx.actorStaffId && a.handoverId === input.handoverId)
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
