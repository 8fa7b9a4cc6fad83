/**
 * What a syncError row keeps of a refused op (issue 9 §5, §7). A refusal syncs to every tablet of
 * the building, so it keeps only what a person needs to see and resend it: the op's identity as
 * bounded strings, and of its `fields` only keys its table knows, within REFUSED_FIELDS_MAX_BYTES
 * of JSON. Before, one tablet pushed 20 MiB of refused fields into every other tablet.
 */
import { ENTITY_SCHEMAS } from '../../domain/entities';
import { boundsIssue } from '../../domain/op-bounds';
import { REFUSED_FIELDS_MAX_BYTES, SYNC_ERROR_CUT_KEY, type OpEnvelope } from '../../domain/sync-protocol';

/** A refused op as its syncError row names it: a valid op, or the bounded view of a malformed one. */
export interface RefusedOp {
  deviceId: string;
  counter: number;
  table: string;
  rowId: string;
  kind: string;
  actorStaffId: string;
  fields: unknown;
}

/** The longest identity string (table, row id, kind, actor) kept of a malformed op. */
const MAX_NAME_CHARS = 64;
/**
 * Room kept for the list of fields left out: the names of every field of the widest table fit in
 * it (tests/unit/server/refused-op.test.ts), so kept fields and list stay within the cap together.
 */
export const CUT_LIST_RESERVE_BYTES = 1024;

function bounded(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_NAME_CHARS) : '';
}

/** The bounded view of an op the `Op` schema refused: whatever its parts hold, nothing unbounded. */
export function refusedOpOf(raw: OpEnvelope): RefusedOp {
  return {
    deviceId: raw.deviceId,
    counter: raw.counter,
    table: bounded(raw['table']),
    rowId: bounded(raw['rowId']),
    kind: bounded(raw['kind']),
    actorStaffId: bounded(raw['actorStaffId']),
    fields: raw['fields'],
  };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The known keys of `table` whose values fit `budget` bytes (as `"key":value,`), in schema order. */
function fitting(keys: readonly string[], fields: Record<string, unknown>, budget: number) {
  const kept: Record<string, unknown> = {};
  const cut: string[] = [];
  let used = 2; // the braces
  for (const key of keys) {
    if (!Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    // A value out of bounds (too deep to stringify safely) is left out like one too large.
    const size =
      boundsIssue(value) === null ? byteLength(`${JSON.stringify(key)}:${JSON.stringify(value)},`) : Infinity;
    if (used + size <= budget) {
      kept[key] = value;
      used += size;
    } else {
      cut.push(key);
    }
  }
  return { kept, cut };
}

/**
 * The fields a syncError row keeps: only keys the table's entity schema knows, at most
 * REFUSED_FIELDS_MAX_BYTES of JSON in all; when any is left out, SYNC_ERROR_CUT_KEY lists them.
 */
export function cappedFields(table: string, fields: unknown): Record<string, unknown> {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return {};
  const keys = Object.hasOwn(ENTITY_SCHEMAS, table)
    ? Object.keys(ENTITY_SCHEMAS[table as keyof typeof ENTITY_SCHEMAS].shape)
    : [];
  const record = fields as Record<string, unknown>;
  const whole = fitting(keys, record, REFUSED_FIELDS_MAX_BYTES);
  if (whole.cut.length === 0) return whole.kept;
  const part = fitting(keys, record, REFUSED_FIELDS_MAX_BYTES - CUT_LIST_RESERVE_BYTES);
  return { ...part.kept, [SYNC_ERROR_CUT_KEY]: part.cut };
}
