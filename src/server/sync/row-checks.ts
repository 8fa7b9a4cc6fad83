/**
 * The checks every written row passes, in order: the entity schema (plus H6, H11(b) and T1 for log
 * entries), the rows it points at (D5), and the table rules of row-rules.ts (who may write which
 * kind of row and under whose name, swap steps, count explanations, a signed record's shape, the
 * duty a record opened). The tablet runs the same rules; the server runs them again so an old or
 * altered client cannot bypass them. A refusal names the fields at fault (`issues`).
 */
import type { z } from 'zod';
import { ENTITY_SCHEMAS, type LogEntry, type SyncTable } from '../../domain/entities';
import { hasErrors, validateLogEntry } from '../../domain/log-entry';
import { checkRowRules, type ClosersLookup, type FieldIssue, type RowLookup } from '../../domain/row-rules';
import { ROW_REFERENCES, type WritableTable } from '../../domain/sync-protocol';
import { serviceOrderNumberRefusal } from '../registers/service-order-number';
import { liveRow, reject, type Actor, type ApplyContext, type Rejection } from './op-outcome';

export type RowCheck =
  { ok: true; row: Record<string, unknown> } | { ok: false; message: string; issues: FieldIssue[] };

/** A zod issue as a SyncError issue: the field, the zod code, and the bound it broke if any. */
function fieldIssue(i: z.core.$ZodIssue): FieldIssue {
  const path = i.path.map(String).join('.');
  const bound = i.code === 'too_big' ? i.maximum : i.code === 'too_small' ? i.minimum : undefined;
  return bound === undefined ? { path, code: i.code } : { path, code: i.code, limit: Number(bound) };
}

/**
 * Schema check plus the domain rules of the table (for log entries H6, H11(b) and, given the start
 * of the entry's duty, T1's backdate reason).
 */
export function validateRow(
  table: WritableTable,
  row: Record<string, unknown>,
  nowMs: number,
  dutyStartedAt: number | null = null,
): RowCheck {
  const schema = ENTITY_SCHEMAS[table];
  // Issue 9 §5: own keys of the shape only (`constructor` is `in` every object).
  const unknown = Object.keys(row).filter((k) => !Object.hasOwn(schema.shape, k));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `unknown field(s): ${unknown.join(', ')}`,
      issues: unknown.map((path) => ({ path, code: 'unrecognized_keys' })),
    };
  }
  const result = schema.safeParse(row);
  if (!result.success) {
    const list = result.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
    return { ok: false, message: list.join('; '), issues: result.error.issues.map(fieldIssue) };
  }
  const parsed = result.data as Record<string, unknown>;
  if (table === 'logEntry') {
    // H6/D2/H11(b)/T1: the same rules the tablet ran, again, so an old or altered client cannot bypass them.
    const errors = validateLogEntry(parsed as LogEntry, { nowMs, dutyStartedAt });
    if (hasErrors(errors)) {
      const entries = Object.entries(errors);
      return {
        ok: false,
        message: `H6: ${entries.map(([field, err]) => `${field}: ${err}`).join('; ')}`,
        issues: entries.map(([path, code]) => ({ path, code })),
      };
    }
  }
  return { ok: true, row: parsed };
}

/**
 * T1: the start of the duty a log entry is written in, against which an earlier `occurredAt` needs
 * its `backdateReason`; null when the rule does not apply to this write. A patch that moves neither
 * `occurredAt` nor the duty is not asked again, so following up an entry written before the rule
 * existed (or one whose duty start was corrected) is never refused for a reason nobody was asked.
 */
function entryDutyStart(
  lookup: RowLookup,
  prev: Record<string, unknown> | null,
  row: Record<string, unknown>,
): number | null {
  if (prev !== null && prev['occurredAt'] === row['occurredAt'] && prev['dutyId'] === row['dutyId']) return null;
  const startedAt = lookup('duty', String(row['dutyId']))?.['startedAt'];
  return typeof startedAt === 'number' ? startedAt : null;
}

/** What the checks of one op have read from the store: live rows, and closers by movement id. */
export interface CheckReads {
  rows: Map<string, Record<string, unknown> | undefined>;
  closers: Map<string, readonly Record<string, unknown>[]>;
}

/** Nothing read yet (one per op: the reference check and the table rules share it). */
export function newCheckReads(): CheckReads {
  return { rows: new Map(), closers: new Map() };
}

/**
 * Run the pure, synchronous checks of domain/ (RowLookup, ClosersLookup) over rows the store reads
 * asynchronously (issue 10 §2). `check` runs with what has been read so far; every row it asked for
 * and was not read yet is read, and it runs again, until it asks for nothing new. The checks are
 * pure, so the last run, which saw every row it asked for, is the answer; a run that asked for an
 * unread row is discarded, whatever it returned or threw. Each row is read from the store once per
 * op: the reference check and the table rules often look at the same rows (a record's draft, its
 * corrected record).
 */
export async function withReads<R>(
  ctx: ApplyContext,
  reads: CheckReads,
  check: (lookup: RowLookup, closers: ClosersLookup) => R,
): Promise<R> {
  for (;;) {
    const rowsWanted: [SyncTable, string][] = [];
    const closersWanted: string[] = [];
    const lookup: RowLookup = (table, id) => {
      const key = `${table}/${id}`;
      if (!reads.rows.has(key)) rowsWanted.push([table, id]);
      return reads.rows.get(key);
    };
    // Read only by the rules that need them (an undone return), so the scan costs nothing on other ops.
    const closers: ClosersLookup = (movementId) => {
      const found = reads.closers.get(movementId);
      if (found === undefined) closersWanted.push(movementId);
      return found ?? [];
    };
    let result: R | undefined;
    let error: unknown = null;
    let threw = false;
    try {
      result = check(lookup, closers);
    } catch (err) {
      threw = true;
      error = err;
    }
    if (rowsWanted.length === 0 && closersWanted.length === 0) {
      if (threw) throw error;
      return result as R;
    }
    for (const [table, id] of rowsWanted) reads.rows.set(`${table}/${id}`, (await liveRow(ctx, table, id))?.row);
    if (closersWanted.length > 0) {
      const movements = (await ctx.store.listRows(ctx.siteId, 'itemMovement')).filter((r) => !r.deleted);
      for (const id of closersWanted) {
        reads.closers.set(
          id,
          movements.filter((r) => r.row.closesId === id).map((r) => r.row),
        );
      }
    }
  }
}

/** The first reference of `row` (ROW_REFERENCES) to a row missing from this building, or null. */
export function missingReference(
  table: WritableTable,
  row: Record<string, unknown>,
  lookup: RowLookup,
): Rejection | null {
  const refs: Readonly<Record<string, SyncTable>> = Object.hasOwn(ROW_REFERENCES, table)
    ? ROW_REFERENCES[table as keyof typeof ROW_REFERENCES]
    : {};
  for (const [field, target] of Object.entries(refs)) {
    // An optional link left empty points at nothing, so there is nothing to check.
    if (row[field] === null || row[field] === undefined) continue;
    const id = String(row[field]);
    if (!lookup(target, id)) {
      return reject('reference_unknown', `${field}: no ${target} ${id} in this building`, [
        { path: field, code: 'reference_unknown' },
      ]);
    }
  }
  return null;
}

/** The table rules (row-rules.ts) for a new row (`prev` null) or a patched one. */
export function ruleRefusal(
  table: WritableTable,
  prev: Record<string, unknown> | null,
  next: Record<string, unknown>,
  actor: Actor,
  lookup: RowLookup,
  closers?: ClosersLookup,
): Rejection | null {
  const refusal = checkRowRules(table, prev, next, actor, lookup, closers);
  return refusal ? reject(refusal.code, refusal.message, refusal.issues) : null;
}

/**
 * All three checks of a row about to be written, in order; the parsed row (schema defaults
 * applied) when it passes.
 */
export async function checkRow(
  ctx: ApplyContext,
  table: WritableTable,
  prev: Record<string, unknown> | null,
  row: Record<string, unknown>,
  actor: Actor,
): Promise<{ ok: true; row: Record<string, unknown> } | Rejection> {
  const reads = newCheckReads();
  const dutyStartedAt =
    table === 'logEntry' ? await withReads(ctx, reads, (lookup) => entryDutyStart(lookup, prev, row)) : null;
  const checked = validateRow(table, row, ctx.nowMs, dutyStartedAt);
  if (!checked.ok) return reject('validation_failed', checked.message, checked.issues);
  const refusal =
    (await withReads(
      ctx,
      reads,
      (lookup, closers) =>
        missingReference(table, checked.row, lookup) ?? ruleRefusal(table, prev, checked.row, actor, lookup, closers),
    )) ?? (await serviceOrderNumberRefusal(ctx, table, checked.row));
  return refusal ?? { ok: true, row: checked.row };
}
