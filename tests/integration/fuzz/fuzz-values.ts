/**
 * Hostile values for the API fuzzer (issue 9 §12): JSON that is deep, huge, oddly keyed
 * (`__proto__`, `constructor`), of the wrong type, long or in unusual Unicode, and raw bodies that
 * are not JSON at all. Every value here is one a hostile device on the Wi-Fi can send.
 */
import fc from 'fast-check';

/** Keys that break code which reads objects through the prototype chain (issue 9 §5). */
export const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  '',
  ' ',
  'id',
  'siteId',
  'updatedAt',
  'deleted',
  '_versions',
] as const;

/** Numbers at and past every boundary a parser or a SQLite integer column has. */
export const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_VALUE,
] as const;

/** Strings past every length and character class the schemas expect. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u2066',
    '值班管理員🏢',
    '../../../etc/passwd',
    '%00%2e%2e%2f',
    "'; DROP TABLE rows; --",
    '<script>alert(1)</script>',
    '9999999999-99999999-zzzz',
    '99999999999999999999-9999999999-x',
    'NaN',
    'Infinity',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '字'.repeat(n)),
);

/** An object with one of the nasty keys set (as own property, the way JSON.parse makes it). */
function withNastyKey(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...NASTY_KEYS), value)
    .map(([k, v]) => Object.defineProperty({}, k, { value: v, enumerable: true, writable: true, configurable: true }));
}

/**
 * Nesting deeper than any schema expects (issue 9 §5: 5,000 deep answered 500). Built only when
 * serialised, so fast-check can print and shrink the request without walking it.
 */
export class DeepValue {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}

  /** The value as JSON text, built by repetition (a recursive serialiser would overflow). */
  text(): string {
    return this.arrays
      ? '['.repeat(this.depth) + '1' + ']'.repeat(this.depth)
      : '{"a":'.repeat(this.depth) + '1' + '}'.repeat(this.depth);
  }

  [fc.toStringMethod](): string {
    return `deep(${this.depth}, ${this.arrays ? 'arrays' : 'objects'})`;
  }
}

export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 100, max: 6_000 }), fc.boolean())
  .map(([depth, arrays]) => new DeepValue(depth, arrays));

/** JSON text of a generated value, deep values spliced in as text. */
export function jsonText(value: unknown): string {
  const deep: DeepValue[] = [];
  const text = JSON.stringify(value ?? null, (_k, v: unknown) => {
    if (!(v instanceof DeepValue)) return v;
    deep.push(v);
    return `\u0000deep${deep.length - 1}\u0000`;
  });
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) => deep[Number(i)]!.text());
}

/** Any hostile JSON value, wrong types included. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NASTY_NUMBERS),
    nastyString,
    fc.constantFrom(null, true, false, [], {}),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    withNastyKey(tie('value')),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 4,
    }),
    deepValue,
  ),
})).value;

/** A request body as raw text: JSON of a hostile value, or bytes that are not JSON at all. */
export const nastyRawBody: fc.Arbitrary<string> = fc.oneof(
  nastyString,
  fc.constantFrom('{', '[', '{"a":', '1e99999', '-', '{"__proto__":{"polluted":1}}', 'null', '"', '{}'.repeat(10_000)),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => `{"a":"${'z'.repeat(n)}"}`),
);
