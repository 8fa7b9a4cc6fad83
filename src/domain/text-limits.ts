/**
 * Text limits read from the shared zod schemas, so the tablet's inputs, its checks before saving
 * and the server's validation all use one number per field (issue 7, "Nothing typed is lost"). A
 * field added to a schema with `text(n)` or `.max(n)` gets its limit everywhere without a copy.
 */
import { z } from 'zod';

/** The error code of a text longer than its schema allows. */
export type TooLong = 'tooLong';

/**
 * The most characters a string schema accepts, looking through `nullable`, `optional` and
 * `default`; undefined when the schema is not a string or has no maximum.
 */
export function maxLengthOf(schema: z.core.$ZodType | undefined): number | undefined {
  let cur: unknown = schema;
  for (let depth = 0; depth < 5; depth++) {
    if (cur instanceof z.ZodString) return cur.maxLength ?? undefined;
    if (cur instanceof z.ZodNullable || cur instanceof z.ZodOptional || cur instanceof z.ZodDefault) {
      cur = cur.def.innerType;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** A string schema's limit. @throws Error when it has none (a wiring bug, found at start-up). */
export function stringMax(schema: z.core.$ZodType | undefined, name = 'this text'): number {
  const max = maxLengthOf(schema);
  if (max === undefined) throw new Error(`${name} has no maximum length in its schema`);
  return max;
}

/** A field's limit in an object schema. @throws Error when the field has no maximum (a wiring bug). */
export function fieldMax<S extends z.ZodRawShape>(schema: z.ZodObject<S>, field: keyof S & string): number {
  return stringMax(schema.shape[field], field);
}

/** The limits of `fields` of an object schema, for a form's inputs and counters. */
export function fieldMaxes<S extends z.ZodRawShape, K extends keyof S & string>(
  schema: z.ZodObject<S>,
  fields: readonly K[],
): Record<K, number> {
  return Object.fromEntries(fields.map((f) => [f, fieldMax(schema, f)])) as Record<K, number>;
}

/** A text over its limit, with the numbers a message needs ("at most 2,000; now 2,805"). */
export interface OverLimit {
  field: string;
  max: number;
  length: number;
}

/**
 * Every string in `values` that its field's schema in `shape` refuses as too long: the schema
 * itself decides (trimming first where it trims), so the check cannot drift from the server's.
 * Fields the shape does not know, and values that are not strings, are left alone.
 */
export function textsOverLimit(shape: Readonly<Record<string, z.core.$ZodType>>, values: object): OverLimit[] {
  const over: OverLimit[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    const fieldSchema = shape[field];
    const max = maxLengthOf(fieldSchema);
    if (max === undefined || !fieldSchema) continue;
    const parsed = z.safeParse(fieldSchema, value);
    if (!parsed.success && parsed.error.issues.some((i) => i.code === 'too_big')) {
      over.push({ field, max, length: value.length });
    }
  }
  return over;
}

/** `tooLong` for each field of `values` over its limit in `schema` (see textsOverLimit). */
export function overLimit<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
  values: object,
): Partial<Record<keyof S & string, TooLong>> {
  const errors: Partial<Record<string, TooLong>> = {};
  for (const { field } of textsOverLimit(schema.shape, values)) errors[field] = 'tooLong';
  return errors as Partial<Record<keyof S & string, TooLong>>;
}
