/**
 * Issue 9 §5 (docs/architecture.md "Push"): the shape bounds of what a tablet may send in an op, so
 * no op can make the server recurse, allocate or look up without limit. Every legitimate row of
 * `*entities*.ts` fits well inside them (tests/unit/domain/op-bounds.test.ts checks the largest:
 * a signed record with two signatures at their schema maximum, and a long CJK entry).
 *
 * The walk is iterative (an explicit stack), so a value nested 100,000 deep is refused by its depth
 * instead of overflowing the call stack; it stops at the first problem.
 */

/** A field name of `fields` / `baseVersion`: letters, digits and underscores, at most 64. */
export const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Keys that reach an object's prototype when used as a plain property name. Refused at every depth:
 * `merged['__proto__'] = value` would replace a row's prototype, `versions['constructor']` reads
 * Object's constructor.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const OP_BOUNDS = {
  /** Keys of `fields` or of `baseVersion` (the widest row, a signed record, has about 40). */
  maxFieldKeys: 100,
  /** Nesting of `fields`, itself depth 1 (a signed record's `duty.entries[i].hash` is depth 4). */
  maxDepth: 8,
  /** Characters of one string: a signature's SVG may have 200,000 (handover-entities.ts). */
  maxStringChars: 256 * 1024,
  /** Characters of a key inside a nested object. */
  maxKeyChars: 128,
  /** Items of one array (a signed record lists every item counted and every entry of the duty). */
  maxArrayItems: 10_000,
  /** Values in the whole of `fields`, every array item and object member counted. */
  maxNodes: 100_000,
} as const;

/** Why a value is out of bounds: the path to it (dotted, from the field) and what it broke. */
export interface BoundsIssue {
  path: string;
  code:
    'too_deep' | 'too_long' | 'too_many_items' | 'too_many_keys' | 'too_many_values' | 'forbidden_key' | 'not_finite';
  limit?: number;
}

/** Whether `name` may name a field of an op: the pattern, and none of FORBIDDEN_KEYS. */
export function isFieldName(name: string): boolean {
  return FIELD_NAME_PATTERN.test(name) && !FORBIDDEN_KEYS.has(name);
}

interface Pending {
  value: unknown;
  depth: number;
  path: string;
}

/**
 * The first way `value` (an op's `fields`, at depth 1) breaks OP_BOUNDS, or null. Only JSON values
 * are expected (it comes from JSON.parse); a number that is not finite (`1e999` parses as
 * Infinity) is refused because it would not survive a round trip through JSON.
 */
export function boundsIssue(value: unknown, bounds: typeof OP_BOUNDS = OP_BOUNDS): BoundsIssue | null {
  const stack: Pending[] = [{ value, depth: 1, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, depth, path } = stack.pop() as Pending;
    nodes++;
    if (nodes > bounds.maxNodes) return { path, code: 'too_many_values', limit: bounds.maxNodes };
    if (typeof v === 'string') {
      if (v.length > bounds.maxStringChars) return { path, code: 'too_long', limit: bounds.maxStringChars };
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, code: 'not_finite' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > bounds.maxDepth) return { path, code: 'too_deep', limit: bounds.maxDepth };
    if (Array.isArray(v)) {
      if (v.length > bounds.maxArrayItems) return { path, code: 'too_many_items', limit: bounds.maxArrayItems };
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], depth: depth + 1, path: join(path, String(i)) });
      continue;
    }
    const keys = Object.keys(v);
    if (depth === 1 && keys.length > bounds.maxFieldKeys) {
      return { path, code: 'too_many_keys', limit: bounds.maxFieldKeys };
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const at = join(path, key.slice(0, bounds.maxKeyChars));
      if (FORBIDDEN_KEYS.has(key)) return { path: at, code: 'forbidden_key' };
      if (key.length > bounds.maxKeyChars) return { path: at, code: 'too_long', limit: bounds.maxKeyChars };
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1, path: at });
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
