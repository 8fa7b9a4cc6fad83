/**
 * The carry-over register (H4, H5, H7, H9): pending work and superiors' instructions, carried from
 * shift to shift until done or withdrawn, with append-only progress notes and read receipts.
 */
import { z } from 'zod';
import { EpochMs, Id, requiredText, rowBase, text } from './row-base';

/** unfinished work (H4), a superior's instruction (H7), a public-area repair (H2), a follow-up (H8, H9). */
export const TASK_KINDS = ['unfinished', 'instruction', 'maintenance', 'followUp'] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

/** `withdrawn` is how a superior ends an instruction (H7: it stays until withdrawn). */
export const TASK_STATUSES = ['open', 'done', 'withdrawn'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** What opened a task automatically: a count discrepancy (H8) or a duty-record entry (H9). */
export const TASK_SOURCES = ['countLine', 'logEntry'] as const;
export const TaskSource = z.enum(TASK_SOURCES);
export type TaskSource = z.infer<typeof TaskSource>;

export const Task = z.object({
  ...rowBase,
  kind: TaskKind,
  title: requiredText(200),
  /** H6: cause, what was done and the result. */
  cause: text(2000),
  process: text(4000),
  result: text(2000),
  /** H4: important unfinished work blocks the handover (H11(c)). */
  important: z.boolean(),
  status: TaskStatus,
  createdBy: Id,
  createdAt: EpochMs,
  /** The duty it was raised in, when it was raised on duty. */
  dutyId: Id.nullable(),
  sourceTable: TaskSource.nullable(),
  sourceId: Id.nullable(),
  /** The item a count discrepancy concerns. */
  itemId: Id.nullable(),
  closedBy: Id.nullable(),
  closedAt: EpochMs.nullable(),
});
export type Task = z.infer<typeof Task>;

/** A progress note on a task; append-only. */
export const TaskNote = z.object({
  ...rowBase,
  taskId: Id,
  staffId: Id,
  text: requiredText(4000),
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type TaskNote = z.infer<typeof TaskNote>;

/** H7: an incoming person's read receipt of an instruction, with its time; append-only. */
export const Acknowledgement = z.object({
  ...rowBase,
  taskId: Id,
  staffId: Id,
  /** The handover during which it was acknowledged, if any. */
  handoverId: Id.nullable(),
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;
