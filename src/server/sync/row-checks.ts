/**
 * The checks every written row passes, in order: the entity schema (plus H6 for log entries), the
 * rows it points at (D5), and the table rules of row-rules.ts (who may write which kind of row,
 * swap steps, count explanations, a signed record's shape and signatures, the duty a record
 * opened). The tablet runs the same rules; the server runs them again so an old or altered client
 * cannot bypass them.
 */
import { ENTITY_SCHEMAS, type LogEntry, type SyncTable } from '../../domain/entities';
import { hasErrors, validateLogEntry } from '../../domain/log-entry';
import { checkRowRules, type RowLookup } from '../../domain/row-rules';
import { ROW_REFERENCES, type WritableTable } from '../../domain/sync-protocol';
import { liveRow, reject, type Actor, type ApplyContext, type Rejection } from './op-outcome';

export type RowCheck = { ok: true; row: Record<string, unknown> } | { ok: false; message: string };

/** Schema check plus the domain rules of the table (H6 for log entries). */
export function validateRow(table: WritableTable, row: Record<string, unknown>, nowMs: number): RowCheck {
  const schema = ENTITY_SCHEMAS[table];
  const unknown = Object.keys(row).filter((k) => !(k in schema.shape));
  if (unknown.length > 0) return { ok: false, message: `unknown field(s): ${unknown.join(', ')}` };
  const result = schema.safeParse(row);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
    return { ok: false, message: issues.join('; ') };
  }
  const parsed = result.data as Record<string, unknown>;
  if (table === 'logEntry') {
    // H6/D2: the same rule the tablet ran, again, so an old or altered client cannot bypass it.
    const errors = validateLogEntry(parsed as LogEntry, { nowMs, dutyStartedAt: null });
    if (hasErrors(errors)) {
      const list = Object.entries(errors).map(([field, err]) => `${field}: ${err}`);
      return { ok: false, message: `H6: ${list.join('; ')}` };
    }
  }
  return { ok: true, row: parsed };
}

/**
 * The live rows of this building as the checks of one op read them, each read from the store once:
 * the reference check and the table rules often look at the same rows (a record's draft, its
 * corrected record).
 */
export function memoLookup(ctx: ApplyContext): RowLookup {
  const seen = new Map<string, Record<string, unknown> | undefined>();
  return (table, id) => {
    const key = `${table}/${id}`;
    if (!seen.has(key)) seen.set(key, liveRow(ctx, table, id)?.row);
    return seen.get(key);
  };
}

/** The first reference of `row` (ROW_REFERENCES) to a row missing from this building, or null. */
export function missingReference(
  table: WritableTable,
  row: Record<string, unknown>,
  lookup: RowLookup,
): Rejection | null {
  const refs: Readonly<Record<string, SyncTable>> =
    table in ROW_REFERENCES ? ROW_REFERENCES[table as keyof typeof ROW_REFERENCES] : {};
  for (const [field, target] of Object.entries(refs)) {
    // An optional link left empty points at nothing, so there is nothing to check.
    if (row[field] === null || row[field] === undefined) continue;
    const id = String(row[field]);
    if (!lookup(target, id)) return reject('reference_unknown', `${field}: no ${target} ${id} in this building`);
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
): Rejection | null {
  const refusal = checkRowRules(table, prev, next, actor, lookup);
  return refusal ? reject(refusal.code, refusal.message) : null;
}

/**
 * All three checks of a row about to be written, in order; the parsed row (schema defaults
 * applied) when it passes.
 */
export function checkRow(
  ctx: ApplyContext,
  table: WritableTable,
  prev: Record<string, unknown> | null,
  row: Record<string, unknown>,
  actor: Actor,
): { ok: true; row: Record<string, unknown> } | Rejection {
  const checked = validateRow(table, row, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message);
  const lookup = memoLookup(ctx);
  const refusal = missingReference(table, checked.row, lookup) ?? ruleRefusal(table, prev, checked.row, actor, lookup);
  return refusal ?? { ok: true, row: checked.row };
}
