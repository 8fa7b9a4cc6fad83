/**
 * Which refused changes a person can edit and send again (issue 7 §8), which of their fields they
 * typed, and the limits those fields have: the entity schemas the server checks every row against
 * (ENTITY_SCHEMAS), read field by field, so the dialog refuses what the server would refuse.
 * Pure: the sync panel and the resend repository share it.
 */
import type { z } from 'zod';
import { ENTITY_SCHEMAS, type SyncError } from '../../../domain/entities';
import { SYNC_ERROR_CUT_KEY } from '../../../domain/sync-protocol';

/** What exactly was wrong with one field, as a syncError's `issues` say it. */
export type RefusalIssue = SyncError['issues'][number];

/** The fields a person typed, per table whose refused changes can be sent again, in form order. */
export const TYPED_FIELDS = {
  logEntry: ['cause', 'process', 'result', 'party', 'contact', 'location', 'referredTo', 'backdateReason'],
  logAmendment: ['text'],
  task: ['title', 'cause', 'process', 'result'],
  taskNote: ['text'],
  itemMovement: ['party', 'fromParty', 'contact', 'reason', 'checkedHow'],
} as const;

export type ResendTable = keyof typeof TYPED_FIELDS;

/** The op kinds each table's repositories write, so the only ones a resend writes again. */
const RESEND_KINDS: Record<ResendTable, readonly string[]> = {
  logEntry: ['put', 'patch'],
  logAmendment: ['append'],
  task: ['put', 'patch'],
  taskNote: ['append'],
  itemMovement: ['append'],
};

/** A new task has no result yet: the task form (and createTask) take only these. */
const NEW_TASK_FIELDS: readonly string[] = ['title', 'cause', 'process'];

/** The fields each kind of movement asks for (H8, loan-rules.ts validateMovement). */
const MOVEMENT_FIELDS: Record<string, readonly string[]> = {
  lend: ['party', 'contact', 'reason'],
  custodyIn: ['party', 'fromParty', 'contact', 'reason'],
  custodyOut: ['party', 'checkedHow'],
};

/** Refusals no resend can mend: the server already holds a row with that identity. */
const FINAL_CODES = new Set(['row_exists']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isResendTable(table: string): table is ResendTable {
  return Object.hasOwn(TYPED_FIELDS, table);
}

/**
 * Issue 9 §7: the fields the server did not keep with a refusal because they were too large (a
 * syncError row holds at most 4 KiB of fields); a person types them again to send it again.
 */
export function cutFields(r: Pick<SyncError, 'fields'>): string[] {
  const cut = Object.hasOwn(r.fields, SYNC_ERROR_CUT_KEY) ? r.fields[SYNC_ERROR_CUT_KEY] : undefined;
  return Array.isArray(cut) ? cut.filter((f): f is string => typeof f === 'string') : [];
}

/**
 * The fields of a refused change that a person typed, in form order: for a put or append those of
 * its table (a movement: those its kind asks for), for a patch those it changed.
 */
export function typedFields(r: Pick<SyncError, 'table' | 'opKind' | 'fields'>): string[] {
  if (!isResendTable(r.table)) return [];
  let fields: readonly string[] = TYPED_FIELDS[r.table];
  if (r.table === 'itemMovement') fields = MOVEMENT_FIELDS[String(r.fields['kind'])] ?? [];
  if (r.table === 'task' && r.opKind === 'put') fields = NEW_TASK_FIELDS;
  const cut = cutFields(r);
  return fields.filter((f) => typeof r.fields[f] === 'string' || cut.includes(f) || entryMayNeed(r, f));
}

/**
 * A new entry sent again may go into a later duty than the one it was written in (H3), so it may
 * need the reason for its earlier time (T1) even when the refused op, or an older tablet, had none;
 * a referred one names its department (H4).
 */
function entryMayNeed(r: Pick<SyncError, 'table' | 'opKind' | 'fields'>, field: string): boolean {
  if (r.table !== 'logEntry' || r.opKind !== 'put') return false;
  return field === 'backdateReason' || (field === 'referredTo' && r.fields['status'] === 'referred');
}

/** Whether "Edit and send again" is offered for a refusal: a typed change the server may still take. */
export function canResend(r: Pick<SyncError, 'table' | 'opKind' | 'fields' | 'code' | 'rowId'>): boolean {
  return (
    isResendTable(r.table) &&
    RESEND_KINDS[r.table].includes(r.opKind) &&
    !FINAL_CODES.has(r.code) &&
    UUID.test(r.rowId) &&
    typedFields(r).length > 0
  );
}

function fieldSchema(table: string, field: string): z.ZodType | undefined {
  if (!isResendTable(table)) return undefined;
  const shape: Record<string, z.ZodType> = ENTITY_SCHEMAS[table].shape;
  return shape[field];
}

/** The most characters a text field of `table` may hold, as the server's schema says. */
export function fieldMaxLength(table: string, field: string): number | undefined {
  const schema = fieldSchema(table, field) as { maxLength?: number | null } | undefined;
  return typeof schema?.maxLength === 'number' ? schema.maxLength : undefined;
}

/**
 * The schema's verdict on each typed value, field by field, as refusal issues: `too_big` with the
 * limit, `required` for a required text left blank, or the zod code.
 */
export function fieldIssues(table: string, values: Readonly<Record<string, string>>): RefusalIssue[] {
  const issues: RefusalIssue[] = [];
  for (const [path, value] of Object.entries(values)) {
    const result = fieldSchema(table, path)?.safeParse(value);
    const issue = result && !result.success ? result.error.issues[0] : undefined;
    if (!issue) continue;
    if (issue.code === 'too_big') issues.push({ path, code: 'too_big', limit: Number(issue.maximum) });
    else if (issue.code === 'too_small' && Number(issue.minimum) <= 1) issues.push({ path, code: 'required' });
    else issues.push({ path, code: issue.code });
  }
  return issues;
}

/** Field errors of a repository (`{cause: 'required'}`) as refusal issues. */
export function issuesOf(errors: Readonly<Record<string, string | undefined>>): RefusalIssue[] {
  return Object.entries(errors).flatMap(([path, code]) => (code === undefined ? [] : [{ path, code }]));
}
